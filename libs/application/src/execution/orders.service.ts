import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type BidAccessScope,
  DomainError,
  DomainErrorCode,
  type OrderAssignment,
  type OrderContext,
  type OrderInput,
  type Principal,
  checkAssignment,
  checkOrder,
  contractPeriods,
  proposeAssignment,
  recordsOrders,
  required,
  hasLeft,
} from '@cordage/domain';
import {
  BidLockRepository,
  ContractRepository,
  type OrderView,
  OrdersRepository,
  Transactional,
} from '@cordage/persistence';
import { AuditTrail } from '../audit';
import { notAwardedYet } from './not-awarded';

type OrderMembers = Awaited<ReturnType<OrdersRepository['members']>>;

/** The assignment proposed for an order, members named. */
export interface OrderProposal {
  period: number;
  assignments: (OrderAssignment & { member: string; legalName: string })[];
}

/** Who asks: refused (403) unless a coordinator or an editor of the mandataire. */
export interface OrderRecorder {
  actor: Actor;
  principal: Principal;
  scope: BidAccessScope;
}

/**
 * Orders (« bons de commande ») of framework contracts: the mandataire (or a coordinator) records
 * each, the domain proposes its split among the members from the plan in force, to the cent.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly bidLock: BidLockRepository,
    private readonly contract: ContractRepository,
    private readonly orders: OrdersRepository,
    private readonly audit: AuditTrail,
  ) {}

  /** The assignment the domain proposes for an order, nothing written. */
  @Transactional()
  async propose(bidId: string, input: OrderInput, recorder: OrderRecorder): Promise<OrderProposal> {
    await this.mayRecord(bidId, recorder);
    const { members, lotCellIds, period } = await this.checked(bidId, input);
    return { period, assignments: await this.proposal(bidId, members, input, lotCellIds, period) };
  }

  /**
   * Records an order and its split, all or nothing: the assignment given (the mandataire's
   * adjustment) or else the one proposed; the parts add up to the order's amount to the cent.
   */
  @Transactional()
  async record(
    bidId: string,
    input: OrderInput & { assignments?: readonly OrderAssignment[] | undefined },
    recorder: OrderRecorder,
  ): Promise<OrderView> {
    await this.mayRecord(bidId, recorder);
    await this.bidLock.lock(bidId);
    const { context, members, lotCellIds, period } = await this.checked(bidId, input);
    const proposed = await this.proposal(bidId, members, input, lotCellIds, period);
    const assignments =
      input.assignments ?? proposed.map(({ memberId, amountCents }) => ({ memberId, amountCents }));
    if (input.assignments === undefined && proposed.length === 0) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        'Bon de commande refusé : assignments : aucun membre n’a de part prévue sur ces cellules pour cette période ; indiquez la répartition.',
        [
          {
            path: 'assignments',
            code: 'NO_PLAN',
            message: 'aucune part prévue sur ces cellules : indiquez la répartition',
          },
        ],
      );
    }
    checkAssignment(context, input.amountCents, assignments);
    const parts = assignments.filter((assignment) => assignment.amountCents > 0);
    const lotId = required(
      (await this.contract.lotContracts(bidId)).find((lot) => lot.lot === input.lot),
      'a checked lot',
    ).lotId;
    const number = input.number.trim();
    const id = await this.orders.insert({
      bidId,
      lotId,
      number,
      orderedOn: input.orderedOn,
      periodNumber: period,
      lotCellIds,
      amountCents: input.amountCents,
      recordedBy: recorder.actor.userId,
      assignments: parts.map(({ memberId, amountCents }) => ({ memberId, amountCents })),
    });
    if (id === null) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `Bon de commande refusé : number : le bon n° ${number} est déjà enregistré.`,
        [
          {
            path: 'number',
            code: 'DUPLICATE_ORDER_NUMBER',
            message: `le bon n° ${number} est déjà enregistré`,
          },
        ],
      );
    }
    const adjusted =
      input.assignments !== undefined &&
      JSON.stringify(this.byMember(parts)) !==
        JSON.stringify(this.byMember(proposed.filter((p) => p.amountCents > 0)));
    await this.audit.append(recorder.actor, {
      action: 'contract.order_recorded',
      entityType: 'order',
      entityId: id,
      bidId,
      after: {
        number,
        orderedOn: input.orderedOn,
        lot: input.lot,
        period,
        territories: [...input.territories],
        amountCents: input.amountCents,
        assignments: parts.map((part) => ({
          member: context.members.get(part.memberId)?.key ?? part.memberId,
          amountCents: part.amountCents,
        })),
        adjusted,
      },
    });
    return required((await this.orders.list(bidId, null, id))[0], 'the order just recorded');
  }

  /** The bid's orders, newest first; the parts of the members the reader may see (null: all). */
  async list(bidId: string, memberIds: readonly string[] | null): Promise<OrderView[]> {
    return this.orders.list(bidId, memberIds);
  }

  private async mayRecord(bidId: string, recorder: OrderRecorder): Promise<void> {
    const mandataire = await this.orders.mandataire(bidId);
    if (!recordsOrders(recorder.principal, recorder.scope, mandataire)) {
      throw new DomainError(
        DomainErrorCode.FORBIDDEN,
        'Seuls le mandataire du groupement et les coordinateurs enregistrent les bons de commande.',
      );
    }
  }

  private byMember(parts: readonly OrderAssignment[]) {
    return [...parts]
      .map(({ memberId, amountCents }) => [memberId, amountCents])
      .sort(([a], [b]) => String(a).localeCompare(String(b)));
  }

  /** The order checked against the award, the contract's periods and the lot's cells. */
  private async checked(
    bidId: string,
    input: OrderInput,
  ): Promise<{
    context: OrderContext;
    members: OrderMembers;
    lotCellIds: string[];
    period: number;
  }> {
    const lots = await this.contract.lotContracts(bidId);
    if (lots.length === 0) {
      throw notAwardedYet('lot', 'Les bons de commande s’enregistrent');
    }
    const cells = await this.contract.cells(bidId, [input.lot]);
    const members = await this.orders.members(bidId);
    const territories = new Map<number, Set<string>>();
    for (const cell of cells.values()) {
      territories.set(cell.lot, (territories.get(cell.lot) ?? new Set()).add(cell.territory));
    }
    const context: OrderContext = {
      lots: new Map(
        lots.map((lot) => [
          lot.lot,
          lot.outcome === 'WON'
            ? {
                outcome: 'WON' as const,
                periods:
                  lot.startOn === null || lot.durationMonths === null || lot.periodMonths === null
                    ? null
                    : contractPeriods({
                        startOn: lot.startOn,
                        durationMonths: lot.durationMonths,
                        periodMonths: lot.periodMonths,
                      }),
              }
            : { outcome: 'LOST' as const },
        ]),
      ),
      cells: territories,
      members,
    };
    const { period } = checkOrder(context, input);
    const lotCellIds = input.territories.map(
      (territory) =>
        required(cells.get(`${input.lot}\u0000${territory}`), 'a checked cell').lotCellId,
    );
    return { context, members, lotCellIds, period };
  }

  private async proposal(
    bidId: string,
    members: OrderMembers,
    input: OrderInput,
    lotCellIds: readonly string[],
    period: number,
  ): Promise<OrderProposal['assignments']> {
    const planned = await this.orders.plannedOn(bidId, lotCellIds, period);
    const proposed = proposeAssignment(
      input.amountCents,
      planned.map((line) => {
        const member = members.get(line.memberId);
        return {
          memberId: line.memberId,
          key: member?.key ?? line.memberId,
          plannedCents: line.plannedCents,
          left: member === undefined || hasLeft(member.status),
        };
      }),
    );
    return (proposed ?? []).map((part) => ({
      ...part,
      member: members.get(part.memberId)?.key ?? part.memberId,
      legalName: members.get(part.memberId)?.legalName ?? '',
    }));
  }
}
