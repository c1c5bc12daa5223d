import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { DomainError, DomainErrorCode } from '../errors';

/** A signature is applied only after the signatory types the code mailed to them. */
export const ONE_TIME_CODE_DIGITS = 6;
export const ONE_TIME_CODE_VALIDITY_MS = 10 * 60 * 1000;
export const ONE_TIME_CODE_MAX_ATTEMPTS = 5;

/** What is stored for one code: never the code itself. */
export interface StoredOneTimeCode {
  codeHash: string;
  expiresAt: Date;
  /** Wrong submissions so far. */
  attempts: number;
  usedAt: Date | null;
}

export type OneTimeCodeDecision =
  | { outcome: 'accepted'; attempts: number }
  | { outcome: 'refused'; reason: 'wrong-code'; attempts: number; remainingAttempts: number }
  | { outcome: 'refused'; reason: 'expired' | 'already-used'; attempts: number }
  | { outcome: 'locked'; attempts: number };

export function generateOneTimeCode(): string {
  return String(randomInt(0, 10 ** ONE_TIME_CODE_DIGITS)).padStart(ONE_TIME_CODE_DIGITS, '0');
}

/**
 * Keyed hash: a million possible codes are trivially brute-forced from a plain hash, not without
 * the server's pepper.
 */
export function hashOneTimeCode(code: string, pepper: Buffer): string {
  return createHmac('sha256', pepper).update(code).digest('hex');
}

export function oneTimeCodeExpiry(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + ONE_TIME_CODE_VALIDITY_MS);
}

/** Decides a submission; the caller stores the returned `attempts` whatever the outcome. */
export function decideOneTimeCode(
  stored: StoredOneTimeCode,
  submitted: string,
  now: Date,
  pepper: Buffer,
): OneTimeCodeDecision {
  const { attempts } = stored;
  if (stored.usedAt !== null) return { outcome: 'refused', reason: 'already-used', attempts };
  if (attempts >= ONE_TIME_CODE_MAX_ATTEMPTS) return { outcome: 'locked', attempts };
  if (now.getTime() >= stored.expiresAt.getTime()) {
    return { outcome: 'refused', reason: 'expired', attempts };
  }
  const wellFormed = new RegExp(`^\\d{${ONE_TIME_CODE_DIGITS}}$`).test(submitted);
  const expected = Buffer.from(stored.codeHash, 'hex');
  const actual = Buffer.from(hashOneTimeCode(submitted, pepper), 'hex');
  if (wellFormed && expected.length === actual.length && timingSafeEqual(expected, actual)) {
    return { outcome: 'accepted', attempts };
  }
  const failed = attempts + 1;
  if (failed >= ONE_TIME_CODE_MAX_ATTEMPTS) return { outcome: 'locked', attempts: failed };
  return {
    outcome: 'refused',
    reason: 'wrong-code',
    attempts: failed,
    remainingAttempts: ONE_TIME_CODE_MAX_ATTEMPTS - failed,
  };
}

/** Turns a refusal into the error the signatory reads. */
export function oneTimeCodeError(
  decision: Exclude<OneTimeCodeDecision, { outcome: 'accepted' }>,
): DomainError {
  const message =
    decision.outcome === 'locked'
      ? 'Trop de codes erronés : ce code est bloqué. Demandez un nouveau code.'
      : decision.reason === 'wrong-code'
        ? `Code incorrect : il vous reste ${decision.remainingAttempts} essai(s).`
        : decision.reason === 'expired'
          ? 'Ce code a expiré (validité 10 minutes). Demandez un nouveau code.'
          : 'Ce code a déjà été utilisé. Demandez un nouveau code.';
  return new DomainError(DomainErrorCode.ONE_TIME_CODE_INVALID, message, [], {
    outcome: decision.outcome,
    ...('reason' in decision && { reason: decision.reason }),
  });
}
