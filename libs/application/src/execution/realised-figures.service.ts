import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type DeclarationContext,
  DomainError,
  type ImportedFigures,
  DomainErrorCode,
  type Problem,
  type RealisedFigures,
  calendarDate,
  checkDeclaration,
  checkMonthImport,
  formatEuros,
  required,
} from '@cordage/domain';
import {
  ContractRepository,
  type LotContract,
  OrdersRepository,
  type PlannedRealisedLine,
  type PlannedRealisedTotal,
  RealisedFiguresRepository,
  Transactional,
} from '@cordage/persistence';
import { DriftAlertsService } from './drift-alerts.service';
import { notAwardedYet } from './not-awarded';
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

/** What a month's import recorded. */
export interface MonthImportOutcome {
  period: number;
  /** Members with at least one line. */
  members: number;
  recorded: number;
  /** Entries that corrected a figure already declared. */
  corrected: number;
  warnings: Problem[];
  /** Drifts the import revealed, each alerted once. */
  driftAlerts: number;
}

/** Per lot number: won with its number of periods (null until its contract is set), or lost. */
function lotOutcomes(lots: readonly LotContract[]): DeclarationContext['lots'] {
  return new Map(
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
  );
}

/** Per lot number, the territories of its cells (of the cells read). */
function territoriesByLot(
  cells: ReadonlyMap<string, { lot: number; territory: string }>,
): Map<number, Set<string>> {
  const byLot = new Map<number, Set<string>>();
  for (const cell of cells.values()) {
    byLot.set(cell.lot, (byLot.get(cell.lot) ?? new Set()).add(cell.territory));
  }
  return byLot;
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
      throw notAwardedYet('lots', 'Le réalisé se déclare');
    }
    const context: DeclarationContext = {
      memberStatus: member.status,
      memberRole: member.role,
      lots: lotOutcomes(lots),
      cells: territoriesByLot(cells),
      plannedCells,
      orders,
      memberId,
    };
    const { warnings } = checkDeclaration(context, entries);
    const located = entries.map((entry) => ({
      entry,
      cell: required(cells.get(`${entry.lot}\u0000${entry.territory}`), 'a checked cell'),
    }));
    const why = reason?.trim() || null;
    const correctedOf = await this.realised.insert(
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
    // The write says which figures were in force already; a refusal rolls it back.
    const corrected = correctedOf.get(memberId) ?? 0;
    if (corrected > 0 && why === null) {
      throw correctionWithoutReason(
        `Correction refusée : ${corrected} chiffre(s) déjà déclaré(s) ; une correction dit pourquoi (reason).`,
      );
    }
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
    warnings.push(
      ...(await this.ordersPassed(
        bidId,
        entries.flatMap((entry) => (entry.orderId ? [{ memberId, orderId: entry.orderId }] : [])),
      )),
    );
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

  /**
   * A month's declarations for several members in one unit of work (the coordinator's upload of
   * the month): every line checked by the rules of a declaration, named `lines[i]`, and the whole
   * refused if one is bad; then, set-based, the entries appended, the figures in force and the
   * totals moved (one statement), one audit entry per member (in one write), and the drift rule
   * for all the members in one read, each new drift alerted once through the outbox. A figure
   * already declared is corrected by a new entry, never overwritten, and needs `reason`.
   */
  @Transactional()
  async importMonth(
    bidId: string,
    month: { period: number; lines: readonly ImportedFigures[]; reason: string | null },
    actor: Actor,
  ): Promise<MonthImportOutcome> {
    const { period, lines } = month;
    const lots = await this.contract.lotContracts(bidId);
    if (lots.length === 0) {
      throw notAwardedYet('lots', 'Le réalisé se déclare');
    }
    // One import at a time per member: the same locks as a declaration's, taken in one order.
    const members = await this.realised.lockMembersByKey(
      bidId,
      lines.map((line) => line.member),
    );
    const cells = await this.contract.cells(bidId, [...new Set(lines.map((line) => line.lot))]);
    const planned = await this.realised.plannedCellKeysOf(
      bidId,
      members.map((member) => member.id),
    );
    const orders = await this.orders.ordersFor(bidId, [
      ...new Set(lines.flatMap((line) => (line.orderId ? [line.orderId] : []))),
    ]);
    const { warnings } = checkMonthImport(
      {
        lots: lotOutcomes(lots),
        cells: territoriesByLot(cells),
        orders,
        members: new Map(
          members.map((member) => [
            member.key,
            {
              id: member.id,
              status: member.status,
              role: member.role,
              plannedCells: planned.get(member.id) ?? new Set<string>(),
            },
          ]),
        ),
      },
      period,
      lines,
    );
    const memberOf = new Map(members.map((member) => [member.key, member]));
    const located = lines.map((line) => ({
      line,
      member: required(memberOf.get(line.member), 'a checked member'),
      cell: required(cells.get(`${line.lot}\u0000${line.territory}`), 'a checked cell'),
    }));
    const why = month.reason?.trim() || null;
    const correctedOf = await this.realised.insert(
      located.map(({ line, member, cell }) => ({
        bidId,
        memberId: member.id,
        lotId: cell.lotId,
        lotCellId: cell.lotCellId,
        period,
        hours: line.hours,
        revenueCents: line.revenueCents,
        insertionHours: line.insertionHours,
        insertionPeople: line.insertionPeople,
        authorId: actor.userId,
        authorLabel: actor.label,
        onBehalf: true,
        reason: why,
        orderId: line.orderId ?? null,
      })),
    );
    // Which figures were already in force is learnt by the write itself (one pass over the keys,
    // not two); a refusal rolls the whole unit of work back, so nothing of it stays.
    const corrected = [...correctedOf.values()].reduce((sum, count) => sum + count, 0);
    if (corrected > 0 && why === null) {
      throw correctionWithoutReason(
        `Import refusé : ${corrected} chiffre(s) déjà déclaré(s) pour la période ${period} ; une correction dit pourquoi (reason).`,
      );
    }
    // Each member's trail as if it had declared: one entry per member, in the order of the keys.
    const perMember = new Map<string, typeof located>();
    for (const item of located) {
      const own = perMember.get(item.member.key);
      if (own) own.push(item);
      else perMember.set(item.member.key, [item]);
    }
    const declarants = [...perMember.keys()].sort().map((key) => {
      const own = required(perMember.get(key), 'a member of the import');
      return { member: required(own[0], 'a line').member, own };
    });
    await this.audit.appendAll(
      actor,
      declarants.map(({ member, own }) => {
        const ownCorrected = correctedOf.get(member.id) ?? 0;
        return {
          action: ownCorrected > 0 ? 'contract.realised_corrected' : 'contract.realised_declared',
          entityType: 'member',
          entityId: member.id,
          bidId,
          after: {
            member: member.key,
            onBehalf: true,
            imported: true,
            entries: own.length,
            corrected: ownCorrected,
            periods: [...new Set(own.map(({ line }) => `${line.lot}/${period}`))].sort(),
            reason: why,
          },
        };
      }),
    );
    warnings.push(
      ...(await this.ordersPassed(
        bidId,
        located.flatMap(({ line, member }) =>
          line.orderId ? [{ memberId: member.id, orderId: line.orderId }] : [],
        ),
      )),
    );
    const driftAlerts = await this.drifts.checkMembers(
      bidId,
      declarants.map(({ member }) => member),
      // Which periods are over is read on the buyer's calendar, not UTC's.
      calendarDate(new Date(), await this.contract.timeZone(bidId)),
      actor,
      lots,
    );
    return {
      period,
      members: declarants.length,
      recorded: lines.length,
      corrected,
      warnings,
      driftAlerts,
    };
  }

  /**
   * A warning per member and order whose revenue in force now passes the member's part of the
   * order: accepted (the buyer may order more later), but the mandataire should know.
   */
  private async ordersPassed(
    bidId: string,
    parts: readonly { memberId: string; orderId: string }[],
  ): Promise<Problem[]> {
    const rows = await this.orders.partsAgainstRealised(bidId, parts);
    return rows
      .filter((row) => row.realisedCents > row.partCents)
      .map((row) => ({
        path: 'orderId',
        code: 'ORDER_PART_PASSED',
        message: `le réalisé sur le bon de commande ${row.number} (${formatEuros(row.realisedCents)}) dépasse la part de ce membre (${formatEuros(row.partCents)})`,
      }));
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

/** A figure in force is changed only by a correction that says why. */
function correctionWithoutReason(message: string): DomainError {
  return new DomainError(DomainErrorCode.INVALID_INPUT, message, [
    { path: 'reason', code: 'REASON_REQUIRED', message: 'motif de la correction obligatoire' },
  ]);
}
