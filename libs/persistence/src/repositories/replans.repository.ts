import { Injectable } from '@nestjs/common';
import type { RealisedBefore, ReplanLine } from '@cordage/domain';
import { ReplanEntity, type ReplanResult } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

/** The re-plans of a contract, and what one needs read from the plan and the realised figures. */
@Injectable()
export class ReplansRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** The next number of the bid's re-plans (call under the bid's lock). */
  async nextNumber(bidId: string): Promise<number> {
    const [row] = await this.db.tx.query<{ next: number }[]>(
      'SELECT coalesce(max(number), 0) + 1 AS next FROM replans WHERE bid_id = $1',
      [bidId],
    );
    return Number(row?.next ?? 1);
  }

  async insert(
    row: Pick<ReplanEntity, 'id' | 'bidId' | 'number' | 'fromPeriod' | 'requestedBy'>,
  ): Promise<void> {
    await this.db.tx.insert(ReplanEntity, { ...row, status: 'QUEUED' });
  }

  async find(id: string): Promise<ReplanEntity | null> {
    return this.db.tx.findOne(ReplanEntity, { where: { id } });
  }

  async findByNumber(bidId: string, number: number): Promise<ReplanEntity | null> {
    return this.db.tx.findOne(ReplanEntity, { where: { bidId, number } });
  }

  async list(bidId: string): Promise<ReplanEntity[]> {
    return this.db.tx.find(ReplanEntity, {
      select: {
        id: true,
        number: true,
        fromPeriod: true,
        status: true,
        failure: true,
        createdAt: true,
        finishedAt: true,
      },
      where: { bidId },
      order: { number: 'ASC' },
    });
  }

  /** Records the new plan, once: false when the re-plan was no longer waiting. */
  async markDone(id: string, result: ReplanResult): Promise<boolean> {
    const update = await this.db.tx.update(
      ReplanEntity,
      { id, status: 'QUEUED' },
      { status: 'DONE', result, finishedAt: () => 'now()' },
    );
    return (update.affected ?? 0) > 0;
  }

  async markFailed(id: string, failure: { code: string; message: string }): Promise<boolean> {
    const update = await this.db.tx.update(
      ReplanEntity,
      { id, status: 'QUEUED' },
      { status: 'FAILED', failure, finishedAt: () => 'now()' },
    );
    return (update.affected ?? 0) > 0;
  }

  /** The members' plan over the periods, by member key, lot, territory and period. */
  async plannedPeriods(bidId: string): Promise<ReplanLine[]> {
    const rows = await this.db.tx.query<Record<string, string | number>[]>(
      `SELECT m.key AS org, lot.number AS lot, t.code AS territory, p.period_number AS period,
              p.hundredths, p.amount_cents, p.insertion_hours
       FROM planned_periods p
       JOIN members m ON m.id = p.member_id
       JOIN lot_cells c ON c.id = p.lot_cell_id
       JOIN lots lot ON lot.id = c.lot_id
       JOIN territories t ON t.id = c.territory_id
       WHERE p.bid_id = $1
       ORDER BY m.key, lot.number, t.code, p.period_number`,
      [bidId],
    );
    return rows.map((row) => ({
      org: String(row.org),
      lot: Number(row.lot),
      territory: String(row.territory),
      period: Number(row.period),
      hundredths: Number(row.hundredths),
      amountCents: Number(row.amount_cents),
      insertionHours: Number(row.insertion_hours),
    }));
  }

  /** What each member realised per cell over the periods before `fromPeriod` (figures in force). */
  async realisedBefore(bidId: string, fromPeriod: number): Promise<RealisedBefore[]> {
    const rows = await this.db.tx.query<Record<string, string | number>[]>(
      `SELECT m.key AS org, lot.number AS lot, t.code AS territory,
              round(sum(f.hours) * 100)::bigint AS hundredths, sum(f.revenue_cents) AS cents
       FROM realised_figures f
       JOIN members m ON m.id = f.member_id
       JOIN lot_cells c ON c.id = f.lot_cell_id
       JOIN lots lot ON lot.id = c.lot_id
       JOIN territories t ON t.id = c.territory_id
       WHERE f.bid_id = $1 AND f.period_number < $2
       GROUP BY m.key, lot.number, t.code
       ORDER BY m.key, lot.number, t.code`,
      [bidId, fromPeriod],
    );
    return rows.map((row) => ({
      org: String(row.org),
      lot: Number(row.lot),
      territory: String(row.territory),
      hundredths: Number(row.hundredths),
      revenueCents: Number(row.cents),
    }));
  }

  /**
   * The closed periods a member with a plan has not declared, per lot: `closed` gives each lot's
   * last closed period. Members that left are not asked. With the date each was last reminded.
   */
  async missingDeclarations(
    bidId: string,
    closed: readonly { lotId: string; lastPeriod: number }[],
  ): Promise<MissingDeclaration[]> {
    const rows = await this.db.tx.query<Record<string, string | number | Date | null>[]>(
      `SELECT t.member_id, m.key AS member, o.legal_name AS name, t.lot_id, lot.number AS lot,
              t.period_number AS period, r.reminded_at
       FROM realised_period_totals t
       JOIN unnest($2::uuid[], $3::int[]) AS c(lot_id, last_period) ON c.lot_id = t.lot_id
       JOIN members m ON m.id = t.member_id
       JOIN organisations o ON o.id = m.organisation_id
       JOIN lots lot ON lot.id = t.lot_id
       LEFT JOIN realised_reminders r ON r.member_id = t.member_id AND r.lot_id = t.lot_id
         AND r.period_number = t.period_number
       WHERE t.bid_id = $1 AND t.declared_cells = 0 AND t.planned_hundredths > 0
         AND t.period_number <= c.last_period AND m.status NOT IN ('WITHDRAWN', 'DECLINED')
       ORDER BY m.key, lot.number, t.period_number`,
      [bidId, closed.map((c) => c.lotId), closed.map((c) => c.lastPeriod)],
    );
    return rows.map((row) => ({
      memberId: String(row.member_id),
      member: String(row.member),
      name: String(row.name),
      lotId: String(row.lot_id),
      lot: Number(row.lot),
      period: Number(row.period),
      remindedAt: row.reminded_at === null ? null : new Date(row.reminded_at as Date),
    }));
  }

  /** Records the reminders; returns those not recorded before (each goes out once). */
  async recordReminders(
    bidId: string,
    pairs: readonly { memberId: string; lotId: string; period: number }[],
  ): Promise<{ memberId: string; lotId: string; period: number }[]> {
    if (pairs.length === 0) return [];
    const rows = await this.db.tx.query<{ member_id: string; lot_id: string; period: number }[]>(
      `INSERT INTO realised_reminders (member_id, lot_id, period_number, bid_id)
       SELECT member_id, lot_id, period, $1 FROM unnest($2::uuid[], $3::uuid[], $4::int[])
         AS p(member_id, lot_id, period)
       ON CONFLICT DO NOTHING
       RETURNING member_id, lot_id, period_number AS period`,
      [bidId, pairs.map((p) => p.memberId), pairs.map((p) => p.lotId), pairs.map((p) => p.period)],
    );
    return rows.map((row) => ({
      memberId: row.member_id,
      lotId: row.lot_id,
      period: Number(row.period),
    }));
  }
}

/** A closed period a member has not declared on a lot. */
export interface MissingDeclaration {
  memberId: string;
  member: string;
  name: string;
  lotId: string;
  lot: number;
  period: number;
  remindedAt: Date | null;
}
