import { DomainError, DomainErrorCode, type Problem } from '../errors';
import { type IdentifierScheme, normalizeIdentifier } from '../identifiers';
import { memberRoles } from './member-roles';
import type { Scenario } from './scenario.schema';

/**
 * An economic operator as the public procurement code counts it: the legal entity, so a firm's
 * establishments (SIRET) are the firm (SIREN, their first nine digits); a Belgian one is its
 * BCE/KBO number.
 */
export function legalEntityOf(scheme: IdentifierScheme, id: string): string {
  const normalized = normalizeIdentifier(id);
  return scheme === 'BCE' ? `BCE:${normalized}` : `SIREN:${normalized.slice(0, 9)}`;
}

/** An operator of a consortium, named for the coordinator who reads a refusal. */
export interface ConsortiumOperator {
  /** legalEntityOf(its identifier) */
  entity: string;
  legalName: string;
}

/** Another bid of the same network answering the same tender (same buyer, same reference). */
export interface ConsortiumOfTender {
  bidId: string;
  mandataire: ConsortiumOperator;
  /** Its co-contractors (its subcontractors are not candidates), mandataire included. */
  members: readonly ConsortiumOperator[];
}

/**
 * The rules between consortia answering the same tender (Code de la commande publique): an
 * operator is mandataire of one of them at most (R2142-23), and when the tender forbids it, an
 * operator is a member of one of them at most (R2142-21). The consortia compared are the
 * network's own, withdrawn ones left out: another network's bids are never looked at, nor named.
 * Importing the same file twice is the first case (same mandataire).
 */
export function sameTenderRefusal(
  scenario: Scenario,
  others: readonly ConsortiumOfTender[],
): DomainError | null {
  const { tender, consortium, organizations } = scenario;
  const mandataire = organizations.find((o) => o.key === consortium.mandataire);
  if (mandataire) {
    const entity = legalEntityOf(mandataire.idScheme, mandataire.id);
    const previous = others.find((other) => other.mandataire.entity === entity);
    if (previous) {
      return new DomainError(
        DomainErrorCode.DUPLICATE_TENDER,
        `${mandataire.legalName} est déjà mandataire d’un groupement de votre réseau qui répond à ` +
          `la consultation ${tender.reference} : un opérateur ne peut être mandataire que d’un ` +
          'seul groupement pour un même marché (article R2142-23 du code de la commande ' +
          'publique) ; rien n’a été importé.',
        [
          {
            path: 'consortium.mandataire',
            code: 'DUPLICATE_TENDER',
            message: `déjà mandataire d’un groupement pour la consultation ${tender.reference}`,
          },
        ],
        { bidId: previous.bidId },
      );
    }
  }
  if (!tender.exclusiveMembership) return null;

  const roles = memberRoles(scenario);
  const elsewhere = new Map<string, ConsortiumOfTender>();
  for (const other of others)
    for (const member of other.members) elsewhere.set(member.entity, other);
  const problems: Problem[] = [];
  organizations.forEach((organisation, index) => {
    if (roles.get(organisation.key) === 'SOUS_TRAITANT') return;
    const other = elsewhere.get(legalEntityOf(organisation.idScheme, organisation.id));
    if (!other) return;
    problems.push({
      path: `organizations[${index}].id`,
      code: 'MEMBER_OF_ANOTHER_CONSORTIUM',
      message:
        `${organisation.legalName} est déjà membre d’un autre groupement pour cette ` +
        `consultation (mandataire : ${other.mandataire.legalName})`,
    });
  });
  if (problems.length === 0) return null;
  return new DomainError(
    DomainErrorCode.WORKFLOW_RULE_VIOLATED,
    `La consultation ${tender.reference} interdit à un opérateur d’être membre de plusieurs ` +
      'groupements (article R2142-21 du code de la commande publique) : ' +
      `${problems.length === 1 ? 'un membre l’est' : `${problems.length} membres le sont`} ` +
      'déjà ; rien n’a été importé.',
    problems,
  );
}

/**
 * An operator joining a consortium after its import (an invitation): when the tender forbids it
 * (R2142-21), it may not already be a member of another of the network's consortia for it.
 */
export function joiningConsortiumRefusal(
  joining: { idScheme: IdentifierScheme; identifier: string; legalName: string },
  tender: { reference: string; exclusiveMembership: boolean },
  others: readonly ConsortiumOfTender[],
): DomainError | null {
  if (!tender.exclusiveMembership) return null;
  const entity = legalEntityOf(joining.idScheme, joining.identifier);
  const other = others.find((consortium) => consortium.members.some((m) => m.entity === entity));
  if (!other) return null;
  return new DomainError(
    DomainErrorCode.WORKFLOW_RULE_VIOLATED,
    `${joining.legalName} est déjà membre d’un autre groupement de votre réseau pour la ` +
      `consultation ${tender.reference} (mandataire : ${other.mandataire.legalName}), qui interdit ` +
      'd’être membre de plusieurs groupements (article R2142-21 du code de la commande publique).',
    [
      {
        path: 'id',
        code: 'MEMBER_OF_ANOTHER_CONSORTIUM',
        message: `déjà membre du groupement de ${other.mandataire.legalName} pour cette consultation`,
      },
    ],
  );
}
