import { DomainError, DomainErrorCode, type Problem } from '../errors';

/** What a subcontractor says it can lend its principal on one cell: a lot and a territory. */
export interface DeclaredCapacity {
  lot: number;
  territory: string;
  hours: number;
}

/** A cell the subcontractor may declare on: one of its principal's lots. */
export interface PrincipalCell {
  cellId: string;
  lot: number;
  territory: string;
}

/**
 * Matches a subcontractor's declaration to its principal's cells: each line names a cell of a lot
 * the principal offers on, once. Problems are listed by path and nothing is matched when any.
 */
export function matchDeclaredCapacities(
  capacities: readonly DeclaredCapacity[],
  cells: readonly PrincipalCell[],
): { cellId: string; hours: number }[] {
  const byCell = new Map(cells.map((cell) => [`${cell.lot}|${cell.territory}`, cell.cellId]));
  const seen = new Set<string>();
  const problems: Problem[] = [];
  const matched = capacities.map((capacity, index) => {
    const key = `${capacity.lot}|${capacity.territory}`;
    const cellId = byCell.get(key);
    if (cellId === undefined) {
      problems.push({
        path: `capacities[${index}].territory`,
        code: 'NOT_A_PRINCIPAL_CELL',
        message: `le lot ${capacity.lot} sur ${capacity.territory} n’est pas un lot de votre donneur d’ordre`,
      });
    } else if (seen.has(key)) {
      problems.push({
        path: `capacities[${index}]`,
        code: 'DUPLICATE_CELL',
        message: `le lot ${capacity.lot} sur ${capacity.territory} est déclaré deux fois`,
      });
    }
    seen.add(key);
    return { cellId: cellId ?? '', hours: capacity.hours };
  });
  if (problems.length > 0) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      'Déclaration refusée : chaque ligne nomme une fois un lot et un territoire de votre donneur d’ordre.',
      problems,
    );
  }
  return matched;
}
