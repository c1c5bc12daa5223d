import { DomainErrorCode } from '../errors';
import { BID_ACTION_STATUSES, assertBidAllows } from './bid-actions';
import { BID_STATUSES } from './bid-status';

describe('what a bid’s status allows', () => {
  const cases = Object.entries(BID_ACTION_STATUSES).flatMap(([action, open]) =>
    BID_STATUSES.map((status) => [action, status, (open as readonly string[]).includes(status)]),
  ) as [keyof typeof BID_ACTION_STATUSES, (typeof BID_STATUSES)[number], boolean][];

  it.each(cases)('%s in %s: allowed %s', (action, status, allowed) => {
    if (allowed) expect(() => assertBidAllows(action, status)).not.toThrow();
    else
      expect(() => assertBidAllows(action, status)).toThrow(
        expect.objectContaining({ code: DomainErrorCode.WORKFLOW_RULE_VIOLATED }),
      );
  });

  it('says what the bid is and what it should be', () => {
    expect(() => assertBidAllows('SIGN', 'AGREED')).toThrow(
      'Impossible de signer la convention : la candidature est « répartition approuvée » et il ' +
        'faut qu’elle soit « convention en signature ».',
    );
  });

  it('lets a change request reopen the split and its vote after the signature', () => {
    expect(() => assertBidAllows('ALLOCATE', 'AWARDED', 'OPEN')).not.toThrow();
    expect(() => assertBidAllows('VOTE', 'SIGNED', 'REALLOCATED')).not.toThrow();
    expect(() => assertBidAllows('VOTE', 'SIGNED', 'OPEN')).toThrow();
    expect(() => assertBidAllows('DECLARE_CAPACITY', 'AWARDED', 'OPEN')).toThrow();
  });
});
