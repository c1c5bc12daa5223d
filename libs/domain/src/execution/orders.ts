import { largestRemainder } from '../allocation/largest-remainder';
import { DomainError, DomainErrorCode, type Problem } from '../errors';
import { at } from '../invariants';
import { type MemberRole, type MemberStatus, hasLeft } from '../members';
import { type ContractPeriod, periodOn } from './contract-periods';

/** The longest order number the buyer's systems give (kept as written). */
export const MAX_ORDER_NUMBER_LENGTH = 100;

/**
 * An order (« bon de commande ») of a framework contract, as the mandataire records it: the
 * buyer's number, its date, lot and territory cells, its amount excl. VAT in cents.
 */
export interface OrderInput {
  readonly number: string;
  /** The order's date, YYYY-MM-DD, on the buyer's calendar. */
  readonly orderedOn: string;
  readonly lot: number;
  readonly territories: readonly string[];
  readonly amountCents: number;
}

/** One member's part of an order, in cents. */
export interface OrderAssignment {
  readonly memberId: string;
  readonly amountCents: number;
}

/** What an order is checked against: the award, the contracts' periods, the cells, the members. */
export interface OrderContext {
  /** Per lot number: WON with its periods (null until its contract is set), or LOST. */
  readonly lots: ReadonlyMap<
    number,
    { outcome: 'WON'; periods: readonly ContractPeriod[] | null } | { outcome: 'LOST' }
  >;
  /** Per lot number, the territories of its cells. */
  readonly cells: ReadonlyMap<number, ReadonlySet<string>>;
  /** The bid's members by id, with their status and role (subcontractors get no order). */
  readonly members: ReadonlyMap<string, { key: string; status: MemberStatus; role: MemberRole }>;
}

const refuse = (problems: readonly Problem[]): never => {
  throw new DomainError(
    DomainErrorCode.INVALID_INPUT,
    `Bon de commande refusé : ${at(problems, 0).path} : ${at(problems, 0).message}.`,
    problems,
  );
};

/**
 * Checks an order, all problems at once, each naming its field: a lost or unknown lot, a date
 * outside the lot's contract (or a contract not set), a cell outside the lot, a negative or zero
 * amount, an empty or too long number. Returns the period the order falls in.
 */
export function checkOrder(context: OrderContext, order: OrderInput): { period: number } {
  const problems: Problem[] = [];
  const number = order.number.trim();
  if (number.length === 0 || number.length > MAX_ORDER_NUMBER_LENGTH) {
    problems.push({
      path: 'number',
      code: 'INVALID_ORDER_NUMBER',
      message: `le numéro du bon de commande est obligatoire (${MAX_ORDER_NUMBER_LENGTH} caractères au plus)`,
    });
  }
  if (!Number.isSafeInteger(order.amountCents) || order.amountCents <= 0) {
    problems.push({
      path: 'amountCents',
      code: order.amountCents < 0 ? 'NEGATIVE' : 'INVALID_AMOUNT',
      message: `le montant du bon de commande doit être un nombre entier de centimes supérieur à zéro (${order.amountCents})`,
    });
  }
  let period: number | null = null;
  const lot = context.lots.get(order.lot);
  if (!lot) {
    problems.push({
      path: 'lot',
      code: 'UNKNOWN_LOT',
      message: `le lot ${order.lot} n’existe pas dans cette candidature`,
    });
  } else if (lot.outcome === 'LOST') {
    problems.push({
      path: 'lot',
      code: 'LOT_LOST',
      message: `le lot ${order.lot} n’a pas été attribué au groupement : pas de bon de commande`,
    });
  } else if (lot.periods === null) {
    problems.push({
      path: 'orderedOn',
      code: 'CONTRACT_NOT_SET',
      message: `la durée d’exécution du lot ${order.lot} n’est pas encore fixée`,
    });
  } else {
    const within = periodOn(lot.periods, order.orderedOn);
    if (within === null) {
      const first = at(lot.periods, 0);
      const last = at(lot.periods, lot.periods.length - 1);
      problems.push({
        path: 'orderedOn',
        code: 'OUTSIDE_CONTRACT',
        message: `le ${order.orderedOn} est hors du marché du lot ${order.lot} (du ${first.startOn} au ${last.endOn} exclu)`,
      });
    } else {
      period = within.number;
    }
  }
  if (order.territories.length === 0) {
    problems.push({
      path: 'territories',
      code: 'REQUIRED',
      message: 'un bon de commande porte sur au moins une cellule du lot',
    });
  }
  const seen = new Set<string>();
  order.territories.forEach((territory, index) => {
    if (lot && !context.cells.get(order.lot)?.has(territory)) {
      problems.push({
        path: `territories[${index}]`,
        code: 'UNKNOWN_CELL',
        message: `le territoire ${territory} n’est pas une cellule du lot ${order.lot}`,
      });
    } else if (seen.has(territory)) {
      problems.push({
        path: `territories[${index}]`,
        code: 'DUPLICATE_CELL',
        message: `le territoire ${territory} figure deux fois`,
      });
    }
    seen.add(territory);
  });
  if (problems.length > 0) refuse(problems);
  return { period: period ?? 0 };
}

/**
 * The assignment the domain proposes: the order's amount split among the members in proportion
 * to what the plan in force gives each on the order's cells for its period, to the cent by the
 * largest remainder (members in key order break ties). Members that left, or with nothing
 * planned there, get nothing. Null when nobody has a plan there: the mandataire assigns by hand.
 */
export function proposeAssignment(
  amountCents: number,
  planned: readonly { memberId: string; key: string; plannedCents: number; left: boolean }[],
): OrderAssignment[] | null {
  const weighted = planned
    .filter((line) => !line.left && line.plannedCents > 0)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (weighted.length === 0) return null;
  const parts = largestRemainder(
    amountCents,
    weighted.map((line) => BigInt(line.plannedCents)),
  );
  return weighted.map((line, k) => ({ memberId: line.memberId, amountCents: at(parts, k) }));
}

/**
 * Checks the assignment the mandataire confirms or adjusts: each member once, a co-contractor of
 * the bid and not gone, a whole non-negative number of cents, the parts adding up to the order's amount exactly.
 */
export function checkAssignment(
  context: Pick<OrderContext, 'members'>,
  amountCents: number,
  assignments: readonly OrderAssignment[],
): void {
  const problems: Problem[] = [];
  if (assignments.length === 0) {
    problems.push({
      path: 'assignments',
      code: 'REQUIRED',
      message: 'le bon de commande est attribué à au moins un membre',
    });
  }
  const seen = new Set<string>();
  assignments.forEach((assignment, index) => {
    const path = `assignments[${index}]`;
    const member = context.members.get(assignment.memberId);
    if (!member) {
      problems.push({
        path: `${path}.memberId`,
        code: 'UNKNOWN_MEMBER',
        message: 'ce membre n’appartient pas à cette candidature',
      });
    } else if (hasLeft(member.status)) {
      problems.push({
        path: `${path}.memberId`,
        code: 'MEMBER_LEFT',
        message: `${member.key} a quitté le groupement : il ne reçoit plus de commande`,
      });
    } else if (member.role !== 'COTRAITANT') {
      problems.push({
        path: `${path}.memberId`,
        code: 'SUBCONTRACTOR',
        message: `${member.key} est sous-traitant, pas cotraitant du marché : sa part est dans celle de son donneur d’ordre`,
      });
    } else if (seen.has(assignment.memberId)) {
      problems.push({
        path: `${path}.memberId`,
        code: 'DUPLICATE_MEMBER',
        message: `${member.key} figure deux fois dans l’attribution`,
      });
    }
    seen.add(assignment.memberId);
    if (!Number.isSafeInteger(assignment.amountCents) || assignment.amountCents < 0) {
      problems.push({
        path: `${path}.amountCents`,
        code: assignment.amountCents < 0 ? 'NEGATIVE' : 'INVALID_NUMBER',
        message: `la part d’un membre est un nombre entier de centimes, positif ou nul (${assignment.amountCents})`,
      });
    }
  });
  const total = assignments.reduce((sum, assignment) => sum + assignment.amountCents, 0);
  if (problems.length === 0 && total !== amountCents) {
    problems.push({
      path: 'assignments',
      code: 'TOTAL_MISMATCH',
      message: `les parts totalisent ${total} centimes pour un bon de ${amountCents} centimes : elles doivent être égales au centime près`,
    });
  }
  if (problems.length > 0) refuse(problems);
}
