import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type {
  DriftMeasure,
  MemberRole,
  MemberStatus,
  ReportFigureLine,
  ReportPeriodTotal,
} from '@cordage/domain';
import { MemberEntity } from '../entities';
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
  /** The order the figure carries out, if it names one. */
  orderId: string | null;
}

/** A drift alert recorded on a bid, with how many of its mails the outbox queued and the worker sent. */
export interface DriftAlertRow {
  id: string;
  member: string;
  lot: number;
  startPeriod: number;
  alertPeriod: number;
  /** What drifted; `planned` and `realised` are in its unit (cents, hundredths of an hour). */
  measure: DriftMeasure;
  planned: number;
  realised: number;
  raisedAt: Date;
  mailsQueued: number;
  mailsSent: number;
}

/** One line of planned against realised: a member, a cell, a period. */
export interface PlannedRealisedLine extends ReportFigureLine {
  cumulativePlannedCents: number;
  cumulativeRealisedCents: number;
  cumulativePlannedHundredths: number;
  cumulativeRealisedHours: number;
  /** Corrections made to this line's figure (entries after the first). */
  corrections: number;
  /** The order (« bon de commande ») the figure in force names, if any. */
  orderId: string | null;
}

/** A member's plan and figures in force on one lot for one period, summed over its cells. */
export interface PlannedRealisedTotal extends ReportPeriodTotal {
  cumulativePlannedCents: number;
  cumulativeRealisedCents: number;
  cumulativePlannedHundredths: number;
  cumulativeRealisedHours: number;
  corrections: number;
}

/** A member's plan and figures in force on one lot for one period (the drift rule's input). */
export interface MemberPeriodTotal {
  memberId: string;
  lotId: string;
  period: number;
  plannedCents: number;
  realisedCents: number;
  plannedHundredths: number;
  realisedHours: number;
  plannedInsertionHours: number;
  realisedInsertionHours: number;
  /** Whether the member declared a figure on the lot for the period. */
  declared: boolean;
}

/** A drift to record: who, on which lot and measure, from which period, at which point. */
export interface DriftToRecord {
  bidId: string;
  memberId: string;
  lotId: string;
  measure: DriftMeasure;
  startPeriod: number;
  alertPeriod: number;
  planned: number;
  realised: number;
}

/** The id of lot number $3 of bid $1's tender. */
const LOT_ID = `SELECT lot.id FROM lots lot JOIN bids bid ON bid.tender_id = lot.tender_id
  WHERE bid.id = $1 AND lot.number = $3`;

/** A member held for a declaration: its key, where it stands and whether it is a co-contractor. */
export interface LockedMember {
  id: string;
  key: string;
  status: MemberStatus;
  role: MemberRole;
}

/** A member's realised figures after the award, and what was planned against them. */
@Injectable()
export class RealisedFiguresRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** The member, its row held until commit (one declaration at a time per member). */
  async lockMember(bidId: string, memberId: string): Promise<LockedMember | null> {
    const member = await this.db.tx
      .createQueryBuilder(MemberEntity, 'member')
      .select(['member.id', 'member.key', 'member.status', 'member.role'])
      .where({ id: memberId, bidId })
      .setLock('pessimistic_write')
      .getOne();
    return member && { id: member.id, key: member.key, status: member.status, role: member.role };
  }

  /**
   * The bid's members named by these keys, their rows held until commit, locked in one order
   * (by id) so that two imports never wait on each other in a circle. An unknown key is absent.
   */
  async lockMembersByKey(bidId: string, keys: readonly string[]): Promise<LockedMember[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.tx.query<LockedMember[]>(
      `SELECT id, key, status, role FROM members WHERE bid_id = $1 AND key = ANY($2::text[])
       ORDER BY id FOR UPDATE`,
      [bidId, [...new Set(keys)]],
    );
    return rows.map((row) => ({ id: row.id, key: row.key, status: row.status, role: row.role }));
  }

  /** Per member, the cells where it has a planned share, as `lot\u0000territory`. */
  async plannedCellKeysOf(
    bidId: string,
    memberIds: readonly string[],
  ): Promise<Map<string, Set<string>>> {
    const byMember = new Map<string, Set<string>>(memberIds.map((id) => [id, new Set()]));
    if (memberIds.length === 0) return byMember;
    const rows = await this.db.tx.query<{ member_id: string; lot: number; territory: string }[]>(
      `SELECT planned.member_id, lot.number AS lot, territory.code AS territory
       FROM planned_cells planned
       JOIN lot_cells cell ON cell.id = planned.lot_cell_id
       JOIN lots lot ON lot.id = cell.lot_id
       JOIN territories territory ON territory.id = cell.territory_id
       WHERE planned.bid_id = $1 AND planned.member_id = ANY($2::uuid[])`,
      [bidId, memberIds],
    );
    for (const row of rows) byMember.get(row.member_id)?.add(`${row.lot}\u0000${row.territory}`);
    return byMember;
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

  /**
   * Appends the entries and, in the same statement, makes each the figure in force of its key and
   * moves the member's totals per lot and period by the difference it makes (data-modifying CTEs
   * share one snapshot: `old` reads the figures before the upsert). The batch holds each key once.
   * Returns, per member, how many of its entries corrected a figure already in force.
   */
  async insert(rows: readonly RealisedEntryRow[]): Promise<Map<string, number>> {
    if (rows.length === 0) return new Map();
    const column = <T>(value: (row: RealisedEntryRow) => T) => rows.map(value);
    const corrected = await this.db.tx.query<{ member_id: string; corrected: number }[]>(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::int[],
           $6::numeric[], $7::bigint[], $8::numeric[], $9::int[], $10::uuid[], $11::text[],
           $12::boolean[], $13::text[], $14::uuid[], $15::uuid[])
           AS i(bid_id, member_id, lot_id, lot_cell_id, period_number, hours, revenue_cents,
                insertion_hours, insertion_people, author_id, author_label, on_behalf, reason,
                order_id, id)
       ),
       entries AS (
         INSERT INTO realised_entries (bid_id, member_id, lot_id, lot_cell_id, period_number, hours,
           revenue_cents, insertion_hours, insertion_people, author_id, author_label, on_behalf,
           reason, order_id, id)
         SELECT * FROM input
         RETURNING id, bid_id, member_id, lot_id, lot_cell_id, period_number, hours,
           revenue_cents, insertion_hours, insertion_people, order_id
       ),
       old AS (
         -- One primary-key probe per input row (LIMIT keeps the planner from hashing the whole
         -- table: a month's import is a few percent of it).
         SELECT f.* FROM input i
         CROSS JOIN LATERAL (
           SELECT * FROM realised_figures f
           WHERE f.bid_id = i.bid_id AND f.member_id = i.member_id
             AND f.lot_cell_id = i.lot_cell_id AND f.period_number = i.period_number
           LIMIT 1
         ) f
       ),
       figures AS (
         INSERT INTO realised_figures (bid_id, member_id, lot_cell_id, period_number, lot_id,
           entry_id, hours, revenue_cents, insertion_hours, insertion_people, order_id,
           corrections)
         SELECT bid_id, member_id, lot_cell_id, period_number, lot_id, id, hours, revenue_cents,
           insertion_hours, insertion_people, order_id, 0
         FROM entries
         ON CONFLICT (bid_id, member_id, lot_cell_id, period_number) DO UPDATE SET
           entry_id = excluded.entry_id, hours = excluded.hours, order_id = excluded.order_id,
           revenue_cents = excluded.revenue_cents, insertion_hours = excluded.insertion_hours,
           insertion_people = excluded.insertion_people,
           corrections = realised_figures.corrections + 1
       ),
       deltas AS (
         SELECT e.bid_id, e.member_id, e.lot_id, e.period_number,
           sum(e.hours - coalesce(o.hours, 0)) AS hours,
           sum(e.revenue_cents - coalesce(o.revenue_cents, 0)) AS cents,
           sum(e.insertion_hours - coalesce(o.insertion_hours, 0)) AS insertion_hours,
           sum(e.insertion_people - coalesce(o.insertion_people, 0)) AS insertion_people,
           count(*) FILTER (WHERE o.entry_id IS NULL) AS declared_cells,
           count(*) FILTER (WHERE o.entry_id IS NOT NULL) AS corrections
         FROM entries e
         LEFT JOIN old o ON o.lot_cell_id = e.lot_cell_id AND o.period_number = e.period_number
           AND o.member_id = e.member_id
         GROUP BY e.bid_id, e.member_id, e.lot_id, e.period_number
       ),
       totals AS (
         INSERT INTO realised_period_totals AS t (bid_id, member_id, lot_id, period_number,
           planned_hundredths, planned_cents, planned_insertion_hours, realised_hours,
           realised_cents, realised_insertion_hours, insertion_people, declared_cells,
           corrections)
         SELECT bid_id, member_id, lot_id, period_number, 0, 0, 0, hours, cents, insertion_hours,
           insertion_people, declared_cells, corrections
         FROM deltas
         ON CONFLICT (bid_id, member_id, lot_id, period_number) DO UPDATE SET
           realised_hours = t.realised_hours + excluded.realised_hours,
           realised_cents = t.realised_cents + excluded.realised_cents,
           realised_insertion_hours =
             t.realised_insertion_hours + excluded.realised_insertion_hours,
           insertion_people = t.insertion_people + excluded.insertion_people,
           declared_cells = t.declared_cells + excluded.declared_cells,
           corrections = t.corrections + excluded.corrections
       )
       SELECT member_id, sum(corrections)::int AS corrected FROM deltas GROUP BY member_id`,
      [
        column((row) => row.bidId),
        column((row) => row.memberId),
        column((row) => row.lotId),
        column((row) => row.lotCellId),
        column((row) => row.period),
        column((row) => row.hours),
        column((row) => row.revenueCents),
        column((row) => row.insertionHours),
        column((row) => row.insertionPeople),
        column((row) => row.authorId),
        column((row) => row.authorLabel),
        column((row) => row.onBehalf),
        column((row) => row.reason),
        column((row) => row.orderId),
        // Time-ordered ids (uuid v7): the entries' primary key grows at one end.
        column(() => uuidv7()),
      ],
    );
    return new Map(corrected.map((row) => [row.member_id, row.corrected]));
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
      `WITH in_force AS (
         SELECT f.* FROM realised_figures f
         WHERE f.bid_id = $1 AND ($2::uuid[] IS NULL OR f.member_id = ANY($2))
           AND ($3::int IS NULL OR f.lot_id = (${LOT_ID}))
       ),
       lines AS (
         SELECT coalesce(p.member_id, r.member_id) AS member_id,
                coalesce(p.lot_cell_id, r.lot_cell_id) AS lot_cell_id,
                coalesce(p.period_number, r.period_number) AS period,
                coalesce(p.hundredths, 0) AS planned_hundredths,
                coalesce(p.amount_cents, 0) AS planned_cents,
                coalesce(p.insertion_hours, 0) AS planned_insertion,
                r.hours, r.revenue_cents, r.insertion_hours, r.insertion_people, r.order_id,
                coalesce(r.corrections, 0) AS corrections
         FROM (SELECT * FROM planned_periods
               WHERE bid_id = $1 AND ($2::uuid[] IS NULL OR member_id = ANY($2))
                 AND ($3::int IS NULL OR lot_id = (${LOT_ID}))) p
         FULL JOIN in_force r ON r.member_id = p.member_id AND r.lot_cell_id = p.lot_cell_id
           AND r.period_number = p.period_number
       )
       SELECT m.key AS member, lot.number AS lot, t.code AS territory, l.period,
              l.planned_hundredths, l.planned_cents, l.planned_insertion,
              l.hours, l.revenue_cents, l.insertion_hours, l.insertion_people, l.corrections,
              l.order_id,
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
      orderId: row.order_id === null || row.order_id === undefined ? null : String(row.order_id),
    }));
  }

  /**
   * Planned against realised per member, lot and period, with the cumulative figures per member
   * and lot: the page's rows, read from the totals kept at write time (one row per member, lot and
   * period instead of one per cell). `memberIds` null: every member. The rows come in the page's
   * order (member key, lot, period), sorted on the members' rank rather than their keys, and the
   * cumulative figures are summed here: window sums over bigint and numeric columns and a sort on
   * text took most of the statement's time on a network of 400 members.
   */
  async plannedAgainstRealisedTotals(
    bidId: string,
    memberIds: readonly string[] | null,
    lot: number | null,
  ): Promise<PlannedRealisedTotal[]> {
    const rows = await this.db.tx.query<Record<string, string | number>[]>(
      `SELECT m.key AS member, lot.number AS lot, t.period_number AS period,
              t.planned_hundredths, t.planned_cents, t.planned_insertion_hours, t.declared_cells,
              t.realised_hours, t.realised_cents, t.realised_insertion_hours, t.insertion_people,
              t.corrections
       FROM realised_period_totals t
       JOIN (SELECT id, key, row_number() OVER (ORDER BY key) AS rank FROM members
             WHERE bid_id = $1) m ON m.id = t.member_id
       JOIN lots lot ON lot.id = t.lot_id
       WHERE t.bid_id = $1 AND ($2::uuid[] IS NULL OR t.member_id = ANY($2))
         AND ($3::int IS NULL OR lot.number = $3)
       ORDER BY m.rank, lot.number, t.period_number`,
      [bidId, memberIds, lot],
    );
    const totals: PlannedRealisedTotal[] = [];
    // Running sums per member and lot, the rows of each coming together in period order; hours
    // in hundredths (numeric(14,2)), so that the sums are exact.
    let previous: PlannedRealisedTotal | undefined;
    let realisedHundredths = 0;
    for (const row of rows) {
      const member = String(row.member);
      const lotNumber = Number(row.lot);
      // The previous row when it is of the same member and lot.
      const series =
        previous?.member === member && previous.lot === lotNumber ? previous : undefined;
      const plannedCents = Number(row.planned_cents);
      const plannedHundredths = Number(row.planned_hundredths);
      const realisedCents = Number(row.realised_cents);
      const realisedHours = Number(row.realised_hours);
      realisedHundredths = (series ? realisedHundredths : 0) + Math.round(realisedHours * 100);
      const total: PlannedRealisedTotal = {
        member,
        lot: lotNumber,
        period: Number(row.period),
        plannedHundredths,
        plannedCents,
        plannedInsertionHours: Number(row.planned_insertion_hours),
        declaredCells: Number(row.declared_cells),
        realisedHours,
        realisedCents,
        realisedInsertionHours: Number(row.realised_insertion_hours),
        insertionPeople: Number(row.insertion_people),
        cumulativePlannedCents: (series?.cumulativePlannedCents ?? 0) + plannedCents,
        cumulativeRealisedCents: (series?.cumulativeRealisedCents ?? 0) + realisedCents,
        cumulativePlannedHundredths: (series?.cumulativePlannedHundredths ?? 0) + plannedHundredths,
        cumulativeRealisedHours: realisedHundredths / 100,
        corrections: Number(row.corrections),
      };
      totals.push(total);
      previous = total;
    }
    return totals;
  }

  /**
   * Members' plan and realised per lot and period (sums over their cells, the figures in force:
   * revenue, hours, insertion hours), for the drift rule; and whether each declared the period.
   * One read for all the members, ordered by member, lot and period.
   */
  async periodTotalsOf(bidId: string, memberIds: readonly string[]): Promise<MemberPeriodTotal[]> {
    if (memberIds.length === 0) return [];
    const rows = await this.db.tx.query<Record<string, string | number | boolean>[]>(
      `SELECT member_id, lot_id, period_number AS period, planned_cents, realised_cents,
              planned_hundredths, realised_hours, planned_insertion_hours,
              realised_insertion_hours, declared_cells > 0 AS declared
       FROM realised_period_totals WHERE bid_id = $1 AND member_id = ANY($2::uuid[])
       ORDER BY 1, 2, 3`,
      [bidId, memberIds],
    );
    return rows.map((row) => ({
      memberId: String(row.member_id),
      lotId: String(row.lot_id),
      period: Number(row.period),
      plannedCents: Number(row.planned_cents),
      realisedCents: Number(row.realised_cents),
      plannedHundredths: Number(row.planned_hundredths),
      realisedHours: Number(row.realised_hours),
      plannedInsertionHours: Number(row.planned_insertion_hours),
      realisedInsertionHours: Number(row.realised_insertion_hours),
      declared: row.declared === true,
    }));
  }

  /**
   * The drift alerts recorded on a bid (of these members only, unless null), oldest first, with
   * their mails: how many the outbox queued and how many the worker sent (dedupe key
   * `drift:<alert>:<address>`).
   */
  async driftAlerts(bidId: string, memberIds: readonly string[] | null): Promise<DriftAlertRow[]> {
    const rows = await this.db.tx.query<Record<string, string | number | Date>[]>(
      `SELECT d.id, m.key AS member, lot.number AS lot, d.start_period, d.alert_period,
              d.measure, d.planned, d.realised, d.created_at,
              mail.queued, mail.sent
       FROM drift_alerts d
       JOIN members m ON m.id = d.member_id
       JOIN lots lot ON lot.id = d.lot_id
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS queued, count(o.sent_at)::int AS sent
         FROM outgoing_mails o
         WHERE o.dedupe_key LIKE 'drift:' || d.id::text || ':%'
       ) mail
       WHERE d.bid_id = $1 AND ($2::uuid[] IS NULL OR d.member_id = ANY($2))
       ORDER BY d.created_at, lot.number, m.key, d.start_period,
                array_position(ARRAY['REVENUE', 'HOURS', 'INSERTION_HOURS'], d.measure::text)`,
      [bidId, memberIds],
    );
    return rows.map((row) => ({
      id: String(row.id),
      member: String(row.member),
      lot: Number(row.lot),
      startPeriod: Number(row.start_period),
      alertPeriod: Number(row.alert_period),
      measure: row.measure as DriftMeasure,
      planned: Number(row.planned),
      realised: Number(row.realised),
      raisedAt: new Date(row.created_at as Date),
      mailsQueued: Number(row.queued),
      mailsSent: Number(row.sent),
    }));
  }

  /**
   * Records drifts in one statement; returns those not recorded before (their alert goes out
   * now), with their ids. A drift already recorded (same member, lot, measure and start) is left.
   */
  async recordDrifts(
    alerts: readonly DriftToRecord[],
  ): Promise<(DriftToRecord & { id: string })[]> {
    if (alerts.length === 0) return [];
    const rows = await this.db.tx.query<Record<string, string | number>[]>(
      `INSERT INTO drift_alerts (bid_id, member_id, lot_id, measure, start_period, alert_period,
         planned, realised)
       SELECT bid_id, member_id, lot_id, measure, start_period, alert_period, planned, realised
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::int[],
         $7::bigint[], $8::bigint[]) WITH ORDINALITY
         AS d(bid_id, member_id, lot_id, measure, start_period, alert_period, planned, realised, n)
       ORDER BY n
       ON CONFLICT ON CONSTRAINT drift_alerts_member_lot_measure_start_key DO NOTHING
       RETURNING id, bid_id, member_id, lot_id, measure, start_period, alert_period, planned,
         realised`,
      [
        alerts.map((a) => a.bidId),
        alerts.map((a) => a.memberId),
        alerts.map((a) => a.lotId),
        alerts.map((a) => a.measure),
        alerts.map((a) => a.startPeriod),
        alerts.map((a) => a.alertPeriod),
        alerts.map((a) => a.planned),
        alerts.map((a) => a.realised),
      ],
    );
    return rows.map((row) => ({
      id: String(row.id),
      bidId: String(row.bid_id),
      memberId: String(row.member_id),
      lotId: String(row.lot_id),
      measure: row.measure as DriftMeasure,
      startPeriod: Number(row.start_period),
      alertPeriod: Number(row.alert_period),
      planned: Number(row.planned),
      realised: Number(row.realised),
    }));
  }
}
