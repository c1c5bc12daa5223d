import { DomainError, DomainErrorCode } from '../errors';
import { BID_STATUSES, FINAL_BID_STATUSES, OPEN_BID_STATUSES } from './bid-status';
import { assertMembershipOpen, isMembershipFrozen } from './membership-freeze';

const DEADLINE = new Date('2025-03-15T11:00:00Z');
const BEFORE = new Date(DEADLINE.getTime() - 1);
const AFTER = new Date('2025-06-01T00:00:00Z');

describe('membership freeze (R2142-26)', () => {
  it('keeps membership open before the application deadline, whatever the status', () => {
    for (const status of BID_STATUSES) {
      expect(() => assertMembershipOpen(BEFORE, DEADLINE, status)).not.toThrow();
    }
  });

  it('freezes it from the deadline until the buyer answers or the bid is withdrawn', () => {
    const frozen = BID_STATUSES.filter((status) => isMembershipFrozen(DEADLINE, DEADLINE, status));
    // The open statuses, which bid-status.spec pins down by hand (WITHDRAW leaves from them).
    expect(frozen).toEqual(OPEN_BID_STATUSES);
    for (const status of FINAL_BID_STATUSES) {
      expect(() => assertMembershipOpen(AFTER, DEADLINE, status)).not.toThrow();
    }
  });

  it('refuses a change of member with the rule and the way out', () => {
    let error: unknown;
    try {
      assertMembershipOpen(AFTER, DEADLINE, 'SUBMITTED');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    const refused = error as DomainError;
    expect(refused.code).toBe(DomainErrorCode.WORKFLOW_RULE_VIOLATED);
    expect(refused.problems.map((problem) => problem.code)).toEqual(['MEMBERSHIP_FROZEN']);
    expect(refused.message).toBe(
      'La composition du groupement est figée depuis la date limite de remise des candidatures ' +
        '(15 mars 2025 à 12:00) jusqu’à l’attribution du marché (article R2142-26 du code de la ' +
        'commande publique) : un membre ne peut être ajouté ou retiré que par une demande de ' +
        'modification, pour un membre dans l’incapacité d’exécuter sa part ou une restructuration ' +
        'd’un membre (fusion, absorption, scission, cession).',
    );
  });
});
