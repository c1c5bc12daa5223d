import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type DeclarationContext,
  DomainError,
  DomainErrorCode,
  type Problem,
  type RealisedFigures,
  calendarDate,
  checkDeclaration,
  required,
} from '@cordage/domain';
import {
  ContractRepository,
  OrdersRepository,
  type PlannedRealisedLine,
  type PlannedRealisedTotal,
  RealisedFiguresRepository,
  Transactional,
} from '@cordage/persistence';
import { DriftAlertsService } from './drift-alerts.service';
import { AuditTrail } from '../audit';

/** Who declares: the member's own editor, or a coordinator on its behalf. */
export interface Declarant {
  actor: Actor;
  onBehalf: boolean;
}

/** What a declaration recorded. */
export interface DeclarationOutcome {
  recorded: number;
  /** Entries that corrected a figure already declared. */
  corrected: number;
  warnings: Problem[];
  /** Drifts this declaration revealed, each alerted once. */
  driftAlerts: number;
}

/** Realised figures after the award, never changed in place, and what was planned against them. */
@Injectable()
export class RealisedFiguresService {
  constructor(
    private readonly contract: ContractRepository,
    private readonly realised: RealisedFiguresRepository,
    private readonly audit: AuditTrail,
    private readonly drifts: DriftAlertsService,
    private readonly orders: OrdersRepository,
  ) {}

  /**
   * Records a member's figures for some periods and cells, all or nothing. A figure already
   * declared is corrected by a new entry, which must give its reason; the latest is in force.
   */
  @Transactional()
  async declare(
    bidId: string,
    memberId: string,
    entries: readonly RealisedFigures[],
    reason: string | null,
    declarant: Declarant,
  ): Promise<DeclarationOutcome> {
    const member = await this.realised.lockMember(bidId, memberId);
    if (!member) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Membre introuvable.');
    // One after the other: a transaction's statements share its one connection.
    const lots = await this.contract.lotContracts(bidId);
    // Only the lots declared: the checks need no other cell.
    const cells = await this.contract.cells(bidId, [...new Set(entries.map((entry) => entry.lot))]);
    const plannedCells = await this.realised.plannedCellKeys(bidId, memberId);
    // The orders the entries name (their ids are checked by the domain: unknown ones are absent).
    const orders = await this.orders.ordersFor(bidId, [
      ...new Set(entries.flatMap((entry) => (entry.orderId ? [entry.orderId] : []))),
    ]);
    if (lots.length === 0) {
      throw new DomainError(
        DomainErrorCode.WORKFLOW_RULE_VIOLATED,
        'Le réalisé se déclare une fois l’attribution des lots enregistrée.',
        [{ path: 'lots', code: 'NOT_AWARDED', message: 'attribution des lots non enregistrée' }],
      );
    }
    const cellsByLot = new Map<number, Set<string>>();
    for (const cell of cells.values()) {
      cellsByLot.set(cell.lot, (cellsByLot.get(cell.lot) ?? new Set()).add(cell.territory));
    }
    const context: DeclarationContext = {
      memberStatus: member.status,
      lots: new Map(
        lots.map((lot) => [
          lot.lot,
          lot.outcome === 'WON'
            ? {
                outcome: 'WON' as const,
                periods:
                  lot.durationMonths === null || lot.periodMonths === null
                    ? null
                    : Math.ceil(lot.durationMonths / lot.periodMonths),
              }
            : { outcome: 'LOST' as const },
        ]),
      ),
      cells: cellsByLot,
      plannedCells,
      orders,
      memberId,
    };
    const { warnings } = checkDeclaration(context, entries);
    const located = entries.map((entry) => ({
      entry,
      cell: required(cells.get(`${entry.lot}\u0000${entry.territory}`), 'a checked cell'),
    }));
    const declared = await this.realised.declaredKeys(
      bidId,
      memberId,
      located.map(({ entry, cell }) => ({ lotCellId: cell.lotCellId, period: entry.period })),
    );
    const corrected = located.filter(({ entry, cell }) =>
      declared.has(`${cell.lotCellId}\u0000${entry.period}`),
    ).length;
    const why = reason?.trim() || null;
    if (corrected > 0 && why === null) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `Correction refusée : ${corrected} chiffre(s) déjà déclaré(s) ; une correction dit pourquoi (reason).`,
        [
          {
            path: 'reason',
            code: 'REASON_REQUIRED',
            message: 'motif de la correction obligatoire',
          },
        ],
      );
    }
    await this.realised.insert(
      located.map(({ entry, cell }) => ({
        bidId,
        memberId,
        lotId: cell.lotId,
        lotCellId: cell.lotCellId,
        period: entry.period,
        hours: entry.hours,
        revenueCents: entry.revenueCents,
        insertionHours: entry.insertionHours,
        insertionPeople: entry.insertionPeople,
        authorId: declarant.actor.userId,
        authorLabel: declarant.actor.label,
        onBehalf: declarant.onBehalf,
        reason: why,
        orderId: entry.orderId ?? null,
      })),
    );
    await this.audit.append(declarant.actor, {
      action: corrected > 0 ? 'contract.realised_corrected' : 'contract.realised_declared',
      entityType: 'member',
      entityId: memberId,
      bidId,
      after: {
        member: member.key,
        onBehalf: declarant.onBehalf,
        entries: entries.length,
        corrected,
        periods: [...new Set(entries.map((entry) => `${entry.lot}/${entry.period}`))].sort(),
        reason: why,
      },
    });
    const driftAlerts = await this.drifts.check(
      bidId,
      member,
      // Which periods are over is read on the buyer's calendar, not UTC's.
      calendarDate(new Date(), await this.contract.timeZone(bidId)),
      declarant.actor,
      lots,
    );
    return { recorded: entries.length, corrected, warnings, driftAlerts };
  }

  /** Planned against realised, for the members the reader may see (null: all). */
  async plannedAgainstRealised(
    bidId: string,
    memberIds: readonly string[] | null,
    lot: number | null,
  ): Promise<(PlannedRealisedLine & { gapCents: number; cumulativeGapCents: number })[]> {
    const lines = await this.realised.plannedAgainstRealised(bidId, memberIds, lot);
    // Nothing declared counts as nothing realised: the gap is the whole plan.
    return lines.map((line) => ({
      ...line,
      gapCents: (line.realisedCents ?? 0) - line.plannedCents,
      cumulativeGapCents: line.cumulativeRealisedCents - line.cumulativePlannedCents,
    }));
  }

  /** Planned against realised per member, lot and period: the page, for the visible members. */
  async plannedAgainstRealisedTotals(
    bidId: string,
    memberIds: readonly string[] | null,
    lot: number | null,
  ): Promise<(PlannedRealisedTotal & { gapCents: number; cumulativeGapCents: number })[]> {
    const totals = await this.realised.plannedAgainstRealisedTotals(bidId, memberIds, lot);
    return totals.map((total) => ({
      ...total,
      gapCents: total.realisedCents - total.plannedCents,
      cumulativeGapCents: total.cumulativeRealisedCents - total.cumulativePlannedCents,
    }));
  }
}
