import { DomainErrorCode } from '../errors';
import {
  ONE_TIME_CODE_MAX_ATTEMPTS,
  type StoredOneTimeCode,
  decideOneTimeCode,
  generateOneTimeCode,
  hashOneTimeCode,
  oneTimeCodeError,
  oneTimeCodeExpiry,
} from './one-time-code.rules';

const pepper = Buffer.alloc(32, 7);
const issuedAt = new Date('2026-11-26T10:00:00Z');
const stored = (overrides: Partial<StoredOneTimeCode> = {}): StoredOneTimeCode => ({
  codeHash: hashOneTimeCode('123456', pepper),
  expiresAt: oneTimeCodeExpiry(issuedAt),
  attempts: 0,
  usedAt: null,
  ...overrides,
});
const minutesLater = (minutes: number): Date => new Date(issuedAt.getTime() + minutes * 60_000);

describe('one-time signing code', () => {
  it('is six digits and stored as a keyed hash only', () => {
    expect(generateOneTimeCode()).toMatch(/^\d{6}$/);
    expect(stored().codeHash).not.toContain('123456');
    expect(hashOneTimeCode('123456', Buffer.alloc(32, 8))).not.toBe(stored().codeHash);
  });

  it('accepts the right code within ten minutes', () => {
    expect(decideOneTimeCode(stored(), '123456', minutesLater(9), pepper)).toEqual({
      outcome: 'accepted',
      attempts: 0,
    });
  });

  it('refuses a wrong code and counts the attempt', () => {
    expect(decideOneTimeCode(stored(), '654321', minutesLater(1), pepper)).toEqual({
      outcome: 'refused',
      reason: 'wrong-code',
      attempts: 1,
      remainingAttempts: 4,
    });
    expect(decideOneTimeCode(stored(), '12345', minutesLater(1), pepper).outcome).toBe('refused');
  });

  it('locks after five wrong tries, even for the right code afterwards', () => {
    let code = stored();
    const outcomes: string[] = [];
    for (let i = 0; i < ONE_TIME_CODE_MAX_ATTEMPTS; i++) {
      const decision = decideOneTimeCode(code, '000000', minutesLater(1), pepper);
      outcomes.push(decision.outcome);
      code = { ...code, attempts: decision.attempts };
    }
    expect(outcomes).toEqual(['refused', 'refused', 'refused', 'refused', 'locked']);
    expect(decideOneTimeCode(code, '123456', minutesLater(2), pepper).outcome).toBe('locked');
  });

  it('refuses the right code once expired', () => {
    expect(decideOneTimeCode(stored(), '123456', minutesLater(10), pepper)).toEqual({
      outcome: 'refused',
      reason: 'expired',
      attempts: 0,
    });
  });

  it('refuses a code already used', () => {
    const used = stored({ usedAt: minutesLater(1) });
    expect(decideOneTimeCode(used, '123456', minutesLater(2), pepper)).toMatchObject({
      outcome: 'refused',
      reason: 'already-used',
    });
  });

  it('explains each refusal in French with the ONE_TIME_CODE_INVALID code', () => {
    const wrong = decideOneTimeCode(stored(), '000000', minutesLater(1), pepper);
    if (wrong.outcome === 'accepted') throw new Error('expected a refusal');
    const error = oneTimeCodeError(wrong);
    expect(error.code).toBe(DomainErrorCode.ONE_TIME_CODE_INVALID);
    expect(error.message).toBe('Code incorrect : il vous reste 4 essai(s).');
    expect(oneTimeCodeError({ outcome: 'locked', attempts: 5 }).message).toMatch(/bloqué/);
  });
});
