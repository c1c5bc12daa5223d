import { DomainError, DomainErrorCode, type Problem } from '../errors';
import { at } from '../invariants';
import type { MemberStatus } from '../members';

/**
 * The most one entry (one member, lot, cell and period) may say: far beyond any real contract,
 * and within what is stored (hours as numeric(12,2), people as int) and summed per period.
 */
export const REALISED_ENTRY_LIMITS = {
  hours: 1_000_000,
  revenueCents: 1_000_000_000_000,
  insertionHours: 1_000_000,
  insertionPeople: 100_000,
} as const satisfies Record<string, number>;

const frenchNumber = (value: number) => value.toLocaleString('fr-FR');

/** One realised figure as a member declares it, for one period, lot and territory cell. */
export interface RealisedFigures {
  readonly lot: number;
  readonly territory: string;
  readonly period: number;
  /** Hours worked, two decimals at most. */
  readonly hours: number;
  readonly revenueCents: number;
  /** Insertion hours, two decimals at most. */
  readonly insertionHours: number;
  /** People in insertion counted, as the social clause's facilitator asks. */
  readonly insertionPeople: number;
  /** The order (« bon de commande ») this figure carries out, if any. */
  readonly orderId?: string | null;
}

/** What a declaration is checked against: the award, the contract, the member. */
export interface DeclarationContext {
  readonly memberStatus: MemberStatus;
  /** Per lot number: WON with its number of periods (null until its contract is set), or LOST. */
  readonly lots: ReadonlyMap<
    number,
    { outcome: 'WON'; periods: number | null } | { outcome: 'LOST' }
  >;
  /** Per lot number, the territories of its cells. */
  readonly cells: ReadonlyMap<number, ReadonlySet<string>>;
  /** Keys `lot\u0000territory` where the member has a planned share. */
  readonly plannedCells: ReadonlySet<string>;
  /** The orders the entries name, by id: their number, lot, cells and the members assigned. */
  readonly orders?: ReadonlyMap<
    string,
    {
      number: string;
      lot: number;
      territories: ReadonlySet<string>;
      assigned: ReadonlySet<string>;
    }
  >;
  /** The declaring member's id, to check it was assigned the orders it names. */
  readonly memberId?: string;
}

export const realisedCellKey = (lot: number, territory: string) => `${lot}\u0000${territory}`;

const hasAtMostTwoDecimals = (value: number) =>
  Number.isFinite(value) && Math.abs(Math.round(value * 100) - value * 100) < 1e-6;

/**
 * Checks a batch of declarations, all or nothing. Refused, with the field named: a member that
 * has left, a lost or unknown lot, a territory outside the lot, a period outside the contract,
 * negative or malformed figures. A won lot's cell where the member had no planned share is
 * accepted (work moves between members in practice; the gap shows it) and returned as a warning.
 */
export function checkDeclaration(
  context: DeclarationContext,
  entries: readonly RealisedFigures[],
): { warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  if (context.memberStatus === 'WITHDRAWN' || context.memberStatus === 'DECLINED') {
    problems.push({
      path: 'memberId',
      code: 'MEMBER_LEFT',
      message: 'ce membre a quitté le groupement : il ne déclare plus de réalisé',
    });
  }
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const path = `entries[${index}]`;
    const lot = context.lots.get(entry.lot);
    if (!lot) {
      problems.push({
        path: `${path}.lot`,
        code: 'UNKNOWN_LOT',
        message: `le lot ${entry.lot} n’existe pas dans cette candidature`,
      });
    } else if (lot.outcome === 'LOST') {
      problems.push({
        path: `${path}.lot`,
        code: 'LOT_LOST',
        message: `le lot ${entry.lot} n’a pas été attribué au groupement`,
      });
    } else if (lot.periods === null) {
      problems.push({
        path: `${path}.period`,
        code: 'CONTRACT_NOT_SET',
        message: `la durée d’exécution du lot ${entry.lot} n’est pas encore fixée`,
      });
    } else if (!Number.isInteger(entry.period) || entry.period < 1 || entry.period > lot.periods) {
      problems.push({
        path: `${path}.period`,
        code: 'PERIOD_OUTSIDE_CONTRACT',
        message: `la période ${entry.period} est hors du marché du lot ${entry.lot} (périodes 1 à ${lot.periods})`,
      });
    }
    if (lot && !context.cells.get(entry.lot)?.has(entry.territory)) {
      problems.push({
        path: `${path}.territory`,
        code: 'UNKNOWN_CELL',
        message: `le territoire ${entry.territory} n’est pas une cellule du lot ${entry.lot}`,
      });
    } else if (
      lot?.outcome === 'WON' &&
      !context.plannedCells.has(realisedCellKey(entry.lot, entry.territory))
    ) {
      warnings.push({
        path: `${path}.territory`,
        code: 'NOT_PLANNED',
        message: `aucune part prévue pour ce membre sur ${entry.territory} (lot ${entry.lot}) : l’écart le montrera`,
      });
    }
    const checks: [keyof typeof REALISED_ENTRY_LIMITS, string, boolean][] = [
      ['hours', 'les heures travaillées', hasAtMostTwoDecimals(entry.hours)],
      [
        'revenueCents',
        'le chiffre d’affaires facturé (centimes)',
        Number.isSafeInteger(entry.revenueCents),
      ],
      ['insertionHours', 'les heures d’insertion', hasAtMostTwoDecimals(entry.insertionHours)],
      [
        'insertionPeople',
        'le nombre de personnes en insertion',
        Number.isSafeInteger(entry.insertionPeople),
      ],
    ];
    for (const [field, label, wellFormed] of checks) {
      const value = entry[field];
      if (!wellFormed) {
        problems.push({
          path: `${path}.${field}`,
          code: 'INVALID_NUMBER',
          message: `${label} : ${value} n’est pas un nombre valide ici`,
        });
      } else if (value < 0) {
        problems.push({
          path: `${path}.${field}`,
          code: 'NEGATIVE',
          message: `${label} ne peuvent pas être négatifs (${value})`,
        });
      } else if (value > REALISED_ENTRY_LIMITS[field]) {
        const limit = REALISED_ENTRY_LIMITS[field];
        problems.push({
          path: `${path}.${field}`,
          code: 'TOO_LARGE',
          message: `${label} : ${frenchNumber(value)} dépasse ${frenchNumber(limit)} pour une cellule et une période`,
        });
      }
    }
    if (entry.orderId !== undefined && entry.orderId !== null) {
      const order = context.orders?.get(entry.orderId);
      if (!order) {
        problems.push({
          path: `${path}.orderId`,
          code: 'UNKNOWN_ORDER',
          message: 'ce bon de commande n’existe pas dans cette candidature',
        });
      } else if (order.lot !== entry.lot || !order.territories.has(entry.territory)) {
        problems.push({
          path: `${path}.orderId`,
          code: 'ORDER_OUTSIDE_CELL',
          message: `le bon de commande ${order.number} ne porte pas sur ${entry.territory} (lot ${entry.lot})`,
        });
      } else if (context.memberId !== undefined && !order.assigned.has(context.memberId)) {
        problems.push({
          path: `${path}.orderId`,
          code: 'ORDER_NOT_ASSIGNED',
          message: `le bon de commande ${order.number} n’est pas attribué à ce membre`,
        });
      }
    }
    const key = `${realisedCellKey(entry.lot, entry.territory)}\u0000${entry.period}`;
    if (seen.has(key)) {
      problems.push({
        path: `${path}`,
        code: 'DUPLICATE_ENTRY',
        message: `la cellule ${entry.territory} du lot ${entry.lot} figure deux fois pour la période ${entry.period}`,
      });
    }
    seen.add(key);
  });
  if (problems.length > 0) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `Déclaration refusée : ${at(problems, 0).path} : ${at(problems, 0).message}.`,
      problems,
    );
  }
  return { warnings };
}
