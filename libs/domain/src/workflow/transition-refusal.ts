import { DomainError, DomainErrorCode, type Problem } from '../errors';
import { at } from '../invariants';

/** "de ouvrir" is not French: elide before a vowel. */
function de(verbPhrase: string): string {
  return /^[aeiouéèêâîô]/i.test(verbPhrase) ? `d’${verbPhrase}` : `de ${verbPhrase}`;
}

/**
 * The one shape of a refused workflow step, for bids and change requests alike: the message names
 * the step and both states' labels, the problems say which guard failed (clients match on their code).
 */
export function transitionRefused(refusal: {
  subject: string;
  eventLabel: string;
  fromLabel: string;
  toLabel: string;
  reason: string;
  /** Sentences that follow, when the reason needs detail (each unmet rule). */
  detail?: string;
  problems: readonly Problem[];
  details: Readonly<Record<string, unknown>>;
}): DomainError {
  return new DomainError(
    DomainErrorCode.INVALID_TRANSITION,
    `Impossible ${de(refusal.eventLabel)} : ${refusal.subject} « ${refusal.fromLabel} » ne peut ` +
      `pas passer à « ${refusal.toLabel} » ; ${refusal.reason}.` +
      (refusal.detail === undefined ? '' : ` ${refusal.detail}`),
    refusal.problems,
    refusal.details,
  );
}

/**
 * The sentence after "ne peut pas passer à « … » ;", and the detail that follows it, for the
 * problems of a refused guard (there is at least one: the step is refused because of it).
 */
export function guardReason(problems: readonly Problem[]): { reason: string; detail?: string } {
  const first = at(problems, 0);
  switch (first.code) {
    case 'COMPOSITION_RULES_UNMET':
      return {
        reason:
          'les membres qui ont rejoint le groupement ne respectent pas ses règles de composition',
        detail: problems.map((problem) => problem.message).join(' '),
      };
    case 'SIGNATURES_MISSING':
      return {
        reason:
          `il manque ${problems.length > 1 ? 'les signatures' : 'la signature'} de ` +
          problems.map((problem) => problem.path.slice('signatures.'.length)).join(', '),
      };
    default:
      return { reason: first.message };
  }
}

/** Deadlines are legal French or Belgian times: both countries share the Paris time zone. */
const DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** 2025-03-15T11:00:00Z -> "15 mars 2025 à 12:00" */
export function formatDeadline(date: Date): string {
  return DATE_TIME.format(date);
}
