import {
  assertAmendmentGenerated,
  assertReallocationVersionKnown,
  partyLeavingByChangeRequest,
} from './change-request-opening';
import { refusalCodes } from '../errors/refusal.fixture';

const party = { id: 'member-b', role: 'COTRAITANT', status: 'SIGNED' as const };
const refused = (problem: string) => ({ code: 'WORKFLOW_RULE_VIOLATED', problems: [problem] });

describe('opening a change request', () => {
  it('opens on a signed, submitted or awarded bid, for a party, and returns it', () => {
    for (const bidStatus of ['SIGNED', 'SUBMITTED', 'AWARDED'] as const) {
      expect(
        partyLeavingByChangeRequest({ bidStatus, changeUnderWay: false, leaving: party }),
      ).toBe(party);
    }
  });

  it('refuses before the signature: members change by the vote then', () => {
    for (const bidStatus of ['COLLECTING', 'AGREED', 'SIGNING'] as const) {
      expect(
        refusalCodes(() =>
          partyLeavingByChangeRequest({ bidStatus, changeUnderWay: false, leaving: party }),
        ),
      ).toEqual(refused('CHANGE_NOT_ALLOWED'));
    }
  });

  it('refuses a second change while one is under way', () => {
    expect(
      refusalCodes(() =>
        partyLeavingByChangeRequest({ bidStatus: 'SIGNED', changeUnderWay: true, leaving: party }),
      ),
    ).toEqual(refused('CHANGE_ALREADY_OPEN'));
  });

  it('refuses a member who is not a party: unknown, subcontractor only, or already out', () => {
    const leaving = [
      undefined,
      { ...party, role: 'SOUS_TRAITANT' },
      { ...party, status: 'WITHDRAWN' as const },
      { ...party, status: 'INVITED' as const },
    ];
    for (const member of leaving) {
      expect(
        refusalCodes(() =>
          partyLeavingByChangeRequest({
            bidStatus: 'SIGNED',
            changeUnderWay: false,
            leaving: member,
          }),
        ),
      ).toEqual(refused('NOT_A_PARTY'));
    }
  });

  it('needs the version of the new split, then its amendment', () => {
    expect(refusalCodes(() => assertReallocationVersionKnown({ id: 'v3' }))).toBeNull();
    expect(refusalCodes(() => assertReallocationVersionKnown(null))).toEqual(
      refused('UNKNOWN_VERSION'),
    );
    expect(refusalCodes(() => assertAmendmentGenerated({ id: 'amendment' }))).toBeNull();
    expect(refusalCodes(() => assertAmendmentGenerated(null))).toEqual(
      refused('AMENDMENT_MISSING'),
    );
  });
});
