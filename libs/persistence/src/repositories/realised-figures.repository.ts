import { Injectable } from '@nestjs/common';
import type { MemberStatus } from '@cordage/domain';
import { bulkInsert } from '../bulk-insert';
import { DriftAlertEntity, MemberEntity, RealisedEntryEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

/** A realised entry to write. */
export interface RealisedEntryRow {
  bidId: string;
  memberId: string;
  lotId: string;
  lotCellId: string;
  period: number;
  hours: number;
  revenueCents: number;
  insertionHours: number;
  insertionPeople: number;
  authorId: string | null;
  authorLabel: string;
  onBehalf: boolean;
  reason: string | null;
}

/** One line of planned against realised: a member, a cell, a period. */
export interface PlannedRealisedLine {
  member: string;
  lot: number;
  territory: string;
  period: number;
  plannedHundredths: number;
  plannedCents: number;
  plannedInsertionHours: number;
  /** Null where nothing was declared. */
  realisedHours: number | null;
  realisedCents: number | null;
  realisedInsertionHours: number | null;
  insertionPeople: number | null;
  cumulativePlannedCents: number;
  cumulativeRealisedCents: number;
  cumulativePlannedHundredths: number;
  cumulativeRealisedHours: number;
  /** Corrections made to this line's figure (entries after the first). */
  corrections: number;
}

/** The id of lot number $3 of bid $1's tender. */
const LOT_ID = `SELECT lot.id FROM lots lot JOIN bids bid ON bid.tender_id = lot.tender_id
  WHERE bid.id = $1 AND lot.number = $3`;

/**
 * The latest entry per (member, cell, period): the figure in force. Ordered all descending so that
 * the realised_entries_latest_idx index is read backwards, one range per bid or member.
 */
const LATEST = `
  SELECT DISTINCT ON (e.member_id, e.lot_cell_id, e.period_number)
    e.member_id, e.lot_cell_id, e.lot_id, e.period_number, e.hours, e.revenue_cents,
    e.insertion_hours, e.insertion_people,
    count(*) OVER (PARTITION BY e.member_id, e.lot_cell_id, e.period_number) - 1 AS corrections
  FROM realised_entries e
  WHERE e.bid_id = $1 AND ($2::uuid[] IS NULL OR e.member_id = ANY($2))
    AND ($3::int IS NULL OR e.lot_id = (${LOT_ID}))
  ORDER BY e.member_id DESC, e.lot_cell_id DESC, e.period_number DESC, e.recorded_at DESC,
    e.id DESC`;

/** A member's realised figures after the award, and what was planned against them. */
@Injectable()
export class RealisedFiguresRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** The member, its row held until commit (one declaration at a time per member). */
  async lockMember(
    bidId: string,
    memberId: string,
  ): Promise<{ id: string; key: string; status: MemberStatus } | null> {
    const member = await this.db.tx
      .createQueryBuilder(MemberEntity, 'member')
      .select(['member.id', 'member.key', 'member.status'])
      .where({ id: memberId, bidId })
      .setLock('pessimistic_write')
      .getOne();
    return member && { id: member.id, key: member.key, status: member.status };
  }

  /** The cells where the member has a planned share, as `lot\u0000territory`. */
  async plannedCellKeys(bidId: string, memberId: string): Promise<Set<string>> {
    const rows = await this.db.tx
      .createQueryBuilder('planned_cells', 'planned')
      .innerJoin('lot_cells', 'cell', 'cell.id = planned.lot_cell_id')
      .innerJoin('lots', 'lot', 'lot.id = cell.lot_id')
      .innerJoin('territories', 'territory', 'territory.id = cell.territory_id')
      .select(['lot.number AS lot', 'territory.code AS territory'])
      .where('planned.bid_id = :bidId AND planned.member_id = :memberId', { bidId, memberId })
      .getRawMany<{ lot: number; territory: string }>();
    return new Set(rows.map((row) => `${row.lot}\u0000${row.territory}`));
  }

  /** Which of these (cell, period) keys the member already declared: a new entry corrects them. */
  async declaredKeys(
    bidId: string,
    memberId: string,
    keys: readonly { lotCellId: string; period: number }[],
  ): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.db.tx
      .createQueryBuilder(RealisedEntryEntity, 'entry')
      .select(['entry.lotCellId AS "lotCellId"', 'entry.periodNumber AS period'])
      .distinct(true)
      .where('entry.bidId = :bidId AND entry.memberId = :memberId', { bidId, memberId })
      .andWhere(
        '(entry.lotCellId, entry.periodNumber) IN (SELECT * FROM unnest(:cells::uuid[], :periods::int[]))',
        { cells: keys.map((key) => key.lotCellId), periods: keys.map((key) => key.period) },
      )
      .getRawMany<{ lotCellId: string; period: number }>();
    return new Set(rows.map((row) => `${row.lotCellId}\u0000${row.period}`));
  }

  async insert(rows: readonly RealisedEntryRow[]): Promise<void> {
    await bulkInsert(
      this.db.tx,
      'realised_entries',
      [
        { name: 'bid_id', type: 'uuid', value: (row: RealisedEntryRow) => row.bidId },
        { name: 'member_id', type: 'uuid', value: (row) => row.memberId },
        { name: 'lot_id', type: 'uuid', value: (row) => row.lotId },
        { name: 'lot_cell_id', type: 'uuid', value: (row) => row.lotCellId },
        { name: 'period_number', type: 'integer', value: (row) => row.period },
        { name: 'hours', type: 'numeric', value: (row) => row.hours },
        { name: 'revenue_cents', type: 'bigint', value: (row) => row.revenueCents },
        { name: 'insertion_hours', type: 'numeric', value: (row) => row.insertionHours },
        { name: 'insertion_people', type: 'integer', value: (row) => row.insertionPeople },
        { name: 'author_id', type: 'uuid', value: (row) => row.authorId },
        { name: 'author_label', type: 'text', value: (row) => row.authorLabel },
        { name: 'on_behalf', type: 'boolean', value: (row) => row.onBehalf },
        { name: 'reason', type: 'text', value: (row) => row.reason },
      ],
      rows,
    );
  }

  /**
   * Planned against realised, per member, lot cell and period, with the cumulative figures per
   * cell: one statement, Postgres joining and summing (raw SQL: DISTINCT ON, a FULL JOIN and
   * window sums are beyond the query builder). A realised line without a plan (a cell outside the
   * member's share) appears with a plan of zero. `memberIds` null: every member.
   */
  async plannedAgainstRealised(
    bidId: string,
    memberIds: readonly string[] | null,
    lot: number | null,
  ): Promise<PlannedRealisedLine[]> {
    const rows = await this.db.tx.query<Record<string, string | number | null>[]>(
      `WITH latest AS (${LATEST}),
       lines AS (
         SELECT coalesce(p.member_id, r.member_id) AS member_id,
                coalesce(p.lot_cell_id, r.lot_cell_id) AS lot_cell_id,
                coalesce(p.period_number, r.period_number) AS period,
                coalesce(p.hundredths, 0) AS planned_hundredths,
                coalesce(p.amount_cents, 0) AS planned_cents,
                coalesce(p.insertion_hours, 0) AS planned_insertion,
                r.hours, r.revenue_cents, r.insertion_hours, r.insertion_people,
                coalesce(r.corrections, 0) AS corrections
         FROM (SELECT * FROM planned_periods
               WHERE bid_id = $1 AND ($2::uuid[] IS NULL OR member_id = ANY($2))
                 AND ($3::int IS NULL OR lot_id = (${LOT_ID}))) p
         FULL JOIN latest r ON r.member_id = p.member_id AND r.lot_cell_id = p.lot_cell_id
           AND r.period_number = p.period_number
       )
       SELECT m.key AS member, lot.number AS lot, t.code AS territory, l.period,
              l.planned_hundredths, l.planned_cents, l.planned_insertion,
              l.hours, l.revenue_cents, l.insertion_hours, l.insertion_people, l.corrections,
              sum(l.planned_cents) OVER w AS cumulative_planned_cents,
              sum(coalesce(l.revenue_cents, 0)) OVER w AS cumulative_realised_cents,
              sum(l.planned_hundredths) OVER w AS cumulative_planned_hundredths,
              sum(coalesce(l.hours, 0)) OVER w AS cumulative_realised_hours
       FROM lines l
       JOIN members m ON m.id = l.member_id
       JOIN lot_cells c ON c.id = l.lot_cell_id
       JOIN lots lot ON lot.id = c.lot_id
       JOIN territories t ON t.id = c.territory_id
       WINDOW w AS (PARTITION BY l.member_id, l.lot_cell_id ORDER BY l.period)
       ORDER BY m.key, lot.number, t.code, l.period`,
      [bidId, memberIds, lot],
    );
    const num = (value: string | number | null | undefined) =>
      value === null || value === undefined ? null : Number(value);
    const int = (value: string | number | null | undefined) => Number(value ?? 0);
    return rows.map((row) => ({
      member: String(row.member),
      lot: int(row.lot),
      territory: String(row.territory),
      period: int(row.period),
      plannedHundredths: int(row.planned_hundredths),
      plannedCents: int(row.planned_cents),
      plannedInsertionHours: int(row.planned_insertion),
      realisedHours: num(row.hours),
      realisedCents: num(row.revenue_cents),
      realisedInsertionHours: num(row.insertion_hours),
      insertionPeople: num(row.insertion_people),
      cumulativePlannedCents: int(row.cumulative_planned_cents),
      cumulativeRealisedCents: int(row.cumulative_realised_cents),
      cumulativePlannedHundredths: int(row.cumulative_planned_hundredths),
      cumulativeRealisedHours: int(row.cumulative_realised_hours),
      corrections: int(row.corrections),
    }));
  }

  /**
   * A member's plan and realised revenue per lot and period (sums over its cells, the figures in
   * force), for the drift rule; and the last period it declared on each lot.
   */
  async memberPeriodTotals(
    bidId: string,
    memberId: string,
  ): Promise<
    {
      lotId: string;
      period: number;
      plannedCents: number;
      realisedCents: number;
      declared: boolean;
    }[]
  > {
    const rows = await this.db.tx.query<
      { lot_id: string; period: number; planned: string; realised: string | null }[]
    >(
      `WITH latest AS (${LATEST}),
       planned AS (
         SELECT lot_id, period_number AS period, sum(amount_cents) AS cents
         FROM planned_periods WHERE bid_id = $1 AND member_id = $2[1]
         GROUP BY lot_id, period_number
       ),
       realised AS (
         SELECT lot_id, period_number AS period, sum(revenue_cents) AS cents
         FROM latest GROUP BY lot_id, period_number
       )
       SELECT coalesce(p.lot_id, r.lot_id) AS lot_id, coalesce(p.period, r.period) AS period,
              coalesce(p.cents, 0) AS planned, r.cents AS realised
       FROM planned p FULL JOIN realised r ON r.lot_id = p.lot_id AND r.period = p.period
       ORDER BY 1, 2`,
      [bidId, [memberId], null],
    );
    return rows.map((row) => ({
      lotId: row.lot_id,
      period: Number(row.period),
      plannedCents: Number(row.planned),
      realisedCents: Number(row.realised ?? 0),
      declared: row.realised !== null,
    }));
  }

  /** Records a drift; false when it was already recorded (its alert went out then). */
  async recordDrift(
    alert: Pick<
      DriftAlertEntity,
      | 'bidId'
      | 'memberId'
      | 'lotId'
      | 'startPeriod'
      | 'alertPeriod'
      | 'plannedCents'
      | 'realisedCents'
    >,
  ): Promise<string | null> {
    const inserted = await this.db.tx
      .createQueryBuilder()
      .insert()
      .into(DriftAlertEntity)
      .values(alert)
      .orIgnore()
      .returning(['id'])
      .execute();
    const row = inserted.raw as { id: string }[];
    return row[0]?.id ?? null;
  }
}
