import { DomainError, DomainErrorCode, type Problem } from '../errors';
import { at } from '../invariants';
import type { MemberRole, MemberStatus } from '../members';

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
  /** A subcontractor declares nothing of its own: its work is its principal's. */
  readonly memberRole: MemberRole;
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
      /** The contract's period the order was placed in (its date's). */
      period?: number;
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

/** What every line is checked against: the award, the contract's cells, the orders named. */
type LineFacts = Pick<DeclarationContext, 'lots' | 'cells' | 'orders'>;

/**
 * The problems and warnings of one line: `path` names the line (`entries[3]`), `periodPath` the
 * field that carries its period (the line's own, or the import's one period).
 */
function checkLine(
  facts: LineFacts,
  declarant: { memberId: string | undefined; plannedCells: ReadonlySet<string> },
  entry: RealisedFigures,
  path: string,
  periodPath: string,
  problems: Problem[],
  warnings: Problem[],
): void {
  const lot = facts.lots.get(entry.lot);
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
      path: periodPath,
      code: 'CONTRACT_NOT_SET',
      message: `la durée d’exécution du lot ${entry.lot} n’est pas encore fixée`,
    });
  } else if (!Number.isInteger(entry.period) || entry.period < 1 || entry.period > lot.periods) {
    problems.push({
      path: periodPath,
      code: 'PERIOD_OUTSIDE_CONTRACT',
      message: `la période ${entry.period} est hors du marché du lot ${entry.lot} (périodes 1 à ${lot.periods})`,
    });
  }
  if (lot && !facts.cells.get(entry.lot)?.has(entry.territory)) {
    problems.push({
      path: `${path}.territory`,
      code: 'UNKNOWN_CELL',
      message: `le territoire ${entry.territory} n’est pas une cellule du lot ${entry.lot}`,
    });
  } else if (
    lot?.outcome === 'WON' &&
    !declarant.plannedCells.has(realisedCellKey(entry.lot, entry.territory))
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
    const order = facts.orders?.get(entry.orderId);
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
    } else if (declarant.memberId !== undefined && !order.assigned.has(declarant.memberId)) {
      problems.push({
        path: `${path}.orderId`,
        code: 'ORDER_NOT_ASSIGNED',
        message: `le bon de commande ${order.number} n’est pas attribué à ce membre`,
      });
    } else if (order.period !== undefined && order.period > entry.period) {
      problems.push({
        path: `${path}.orderId`,
        code: 'ORDER_AFTER_PERIOD',
        message: `le bon de commande ${order.number} a été passé après la période ${entry.period} (période ${order.period}) : il ne peut pas en couvrir le réalisé`,
      });
    }
  }
}

const MEMBER_LEFT = (member: string) =>
  `${member} a quitté le groupement : il ne déclare plus de réalisé`;

const SUBCONTRACTOR = (member: string) =>
  `${member} est sous-traitant, pas cotraitant du marché : son réalisé se déclare dans celui de son donneur d’ordre`;

/**
 * Checks a batch of declarations, all or nothing. Refused, with the field named: a member that
 * has left or is only a subcontractor, a lost or unknown lot, a territory outside the lot, a
 * period outside the contract, negative or malformed figures. A won lot's cell where the member
 * had no planned share is accepted (work moves between members in practice; the gap shows it)
 * and returned as a warning.
 */
export function checkDeclaration(
  context: DeclarationContext,
  entries: readonly RealisedFigures[],
): { warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  if (context.memberStatus === 'WITHDRAWN' || context.memberStatus === 'DECLINED') {
    problems.push({ path: 'memberId', code: 'MEMBER_LEFT', message: MEMBER_LEFT('ce membre') });
  } else if (context.memberRole !== 'COTRAITANT') {
    problems.push({ path: 'memberId', code: 'SUBCONTRACTOR', message: SUBCONTRACTOR('ce membre') });
  }
  const seen = new Set<string>();
  const declarant = { memberId: context.memberId, plannedCells: context.plannedCells };
  entries.forEach((entry, index) => {
    const path = `entries[${index}]`;
    checkLine(context, declarant, entry, path, `${path}.period`, problems, warnings);
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
  refuseIfAny('Déclaration refusée', 'entries', problems);
  return { warnings };
}

/** One line of a month's import: a member's figures on one cell, the member named by its key. */
export interface ImportedFigures extends Omit<RealisedFigures, 'period'> {
  readonly member: string;
}

/** What a month's import is checked against: the award, the cells, the members by key. */
export interface MonthImportContext extends LineFacts {
  /** The bid's members by key: id, status, and cells (`lot\u0000territory`) of their plan. */
  readonly members: ReadonlyMap<
    string,
    {
      readonly id: string;
      readonly status: MemberStatus;
      readonly role: MemberRole;
      readonly plannedCells: ReadonlySet<string>;
    }
  >;
}

/** Problems listed at most in a refusal (the first ones; the count of the others follows). */
export const MAX_LISTED_PROBLEMS = 200;

/**
 * Checks a month's import for several members (a coordinator's upload), all or nothing, with
 * the rules of a member's declaration, each line named `lines[i]`: an unknown member, one that
 * has left or is only a subcontractor, a lost or unknown lot, a territory outside the lot, a
 * period outside a lot's contract (named once, `period`), negative or malformed figures, an
 * order not the line's or not its member's, a member's cell given twice. Lines on a cell outside
 * the member's plan are accepted and warned about, as in a declaration.
 */
export function checkMonthImport(
  context: MonthImportContext,
  period: number,
  lines: readonly ImportedFigures[],
): { warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const seen = new Set<string>();
  const none = new Set<string>();
  lines.forEach((line, index) => {
    const path = `lines[${index}]`;
    const member = context.members.get(line.member);
    if (!member) {
      problems.push({
        path: `${path}.member`,
        code: 'UNKNOWN_MEMBER',
        message: `aucun membre « ${line.member} » dans cette candidature`,
      });
    } else if (member.status === 'WITHDRAWN' || member.status === 'DECLINED') {
      problems.push({
        path: `${path}.member`,
        code: 'MEMBER_LEFT',
        message: MEMBER_LEFT(`le membre ${line.member}`),
      });
    } else if (member.role !== 'COTRAITANT') {
      problems.push({
        path: `${path}.member`,
        code: 'SUBCONTRACTOR',
        message: SUBCONTRACTOR(`le membre ${line.member}`),
      });
    }
    checkLine(
      context,
      { memberId: member?.id, plannedCells: member?.plannedCells ?? none },
      { ...line, period },
      path,
      'period',
      problems,
      warnings,
    );
    const key = `${line.member}\u0000${realisedCellKey(line.lot, line.territory)}`;
    if (seen.has(key)) {
      problems.push({
        path,
        code: 'DUPLICATE_ENTRY',
        message: `le membre ${line.member} figure deux fois sur la cellule ${line.territory} du lot ${line.lot}`,
      });
    }
    seen.add(key);
  });
  // The period is the import's own: a lot's refusal of it is said once.
  const distinct = new Map(problems.map((p) => [`${p.path}\u0000${p.message}`, p]));
  refuseIfAny('Import refusé', 'lines', [...distinct.values()]);
  return { warnings };
}

function refuseIfAny(what: string, listPath: string, problems: readonly Problem[]): void {
  if (problems.length === 0) return;
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  if (problems.length > listed.length) {
    listed.push({
      path: listPath,
      code: 'MORE_PROBLEMS',
      message: `et ${problems.length - listed.length} autre(s) problème(s)`,
    });
  }
  throw new DomainError(
    DomainErrorCode.INVALID_INPUT,
    `${what} : ${at(problems, 0).path} : ${at(problems, 0).message}.`,
    listed,
  );
}
