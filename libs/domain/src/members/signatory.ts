import { DomainError, DomainErrorCode } from '../errors';

/** The person who signs the convention for a member: printed in it, with their capacity. */
export interface Signatory {
  readonly name: string;
  /** « Qualité » : présidente, directeur général, délégataire… */
  readonly capacity: string;
  readonly email: string;
}

/**
 * A member's signatory changes only while no convention that prints it is being signed: a frozen
 * convention names the signatory it was generated with, and a signature by someone else would not
 * match it. `signing` lists the bids (their references) of the organisation whose convention is in
 * signature now; the representative is the organisation's, shared by all its bids.
 */
export function assertSignatoryMayChange(legalName: string, signing: readonly string[]): void {
  if (signing.length === 0) return;
  const bids = signing.map((reference) => `« ${reference} »`).join(', ');
  throw new DomainError(
    DomainErrorCode.WORKFLOW_RULE_VIOLATED,
    `Le signataire de ${legalName} ne peut pas changer pendant la signature de la convention ` +
      `(${signing.length > 1 ? 'candidatures' : 'candidature'} ${bids}) : la convention figée ` +
      'imprime le signataire actuel. Changez-le une fois la signature terminée, ou après une ' +
      'nouvelle génération de la convention.',
    [
      {
        path: 'email',
        code: 'CONVENTION_IN_SIGNATURE',
        message: `convention en signature : ${bids}`,
      },
    ],
    { signing: [...signing] },
  );
}
