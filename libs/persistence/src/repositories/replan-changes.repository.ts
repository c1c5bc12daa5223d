import { Injectable } from '@nestjs/common';
import type { RecordedVote, ReplanLine, VoteChoice } from '@cordage/domain';
import { ChangeRequestEntity, ChangeRequestVoteEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';
import { sumPlanIntoTotalsSql } from './planned-totals.sql';
import { recordMemberBallot } from './member-ballots';

/** What a re-plan's application wrote: lines replaced from its first period, per lot. */
export interface AppliedReplan {
  deletedLines: number;
  insertedLines: number;
}

/**
 * Re-plans put to the vote as change requests of the kind `REPLAN`, their ballots, and the
 * approved re-plan written as the plan in force (docs/after-award.md, "Re-planning").
 */
@Injectable()
export class ReplanChangesRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async add(request: {
    bidId: string;
    replanId: string;
    justification: string;
    amendmentNumber: number;
    createdBy: string | null;
  }): Promise<ChangeRequestEntity> {
    const { identifiers } = await this.db.tx.insert(ChangeRequestEntity, {
      ...request,
      reason: 'REPLAN',
      memberId: null,
      previousMemberStatus: null,
      status: 'OPEN',
    });
    return this.db.tx.findOneByOrFail(ChangeRequestEntity, { id: String(identifiers[0]?.id) });
  }

  /** The re-plan was made the plan in force: a closed request carries it. */
  async applied(replanId: string): Promise<boolean> {
    return this.db.tx.existsBy(ChangeRequestEntity, { replanId, status: 'CLOSED' });
  }

  /** The ballots on a request, oldest first. */
  async votes(changeRequestId: string): Promise<(RecordedVote & { votedAt: Date })[]> {
    const votes = await this.db.tx.find(ChangeRequestVoteEntity, {
      where: { changeRequestId },
      relations: { member: true },
      select: { id: true, choice: true, comment: true, votedAt: true, member: { key: true } },
      order: { votedAt: 'ASC' },
    });
    return votes.map((vote) => ({
      memberKey: vote.member.key,
      choice: vote.choice,
      comment: vote.comment,
      votedAt: vote.votedAt,
    }));
  }

  /** Records a member's ballot, replacing its previous one; false when it is the same again. */
  async recordVote(
    changeRequestId: string,
    memberId: string,
    ballot: { choice: VoteChoice; comment: string | null },
    userId: string | null,
  ): Promise<boolean> {
    return recordMemberBallot(
      this.db.tx,
      ChangeRequestVoteEntity,
      { changeRequestId, memberId },
      ballot,
      userId,
    );
  }

  /**
   * The re-plan becomes the plan in force on its lots: their `planned_periods` from `fromPeriod`
   * on are replaced by its members' lines (the periods before are not touched), and the plan part
   * of `realised_period_totals` from `fromPeriod` on is summed again from them (zero where a
   * member has no line any more; the realised part is kept).
   */
  async apply(
    bidId: string,
    fromPeriod: number,
    lots: readonly number[],
    lines: readonly ReplanLine[],
  ): Promise<AppliedReplan> {
    const lotIds = (
      await this.db.tx.query<{ id: string }[]>(
        `SELECT lot.id FROM bids b JOIN lots lot ON lot.tender_id = b.tender_id
         WHERE b.id = $1 AND lot.number = ANY($2::int[])`,
        [bidId, [...lots]],
      )
    ).map((row) => row.id);
    const deleted = await this.db.tx.query<{ n: string }[]>(
      `WITH gone AS (DELETE FROM planned_periods
         WHERE bid_id = $1 AND lot_id = ANY($2::uuid[]) AND period_number >= $3 RETURNING 1)
       SELECT count(*) AS n FROM gone`,
      [bidId, lotIds, fromPeriod],
    );
    const members = lines.filter((line) => line.org !== null);
    const inserted = await this.db.tx.query<{ n: string }[]>(
      `WITH lines AS (
         SELECT * FROM unnest($2::text[], $3::int[], $4::text[], $5::int[], $6::bigint[],
           $7::bigint[], $8::int[])
           AS l(org, lot, territory, period, hundredths, amount_cents, insertion_hours)
       ), added AS (
         INSERT INTO planned_periods (bid_id, member_id, lot_id, lot_cell_id, period_number,
           hundredths, amount_cents, insertion_hours)
         SELECT $1, m.id, lot.id, c.id, l.period, l.hundredths, l.amount_cents, l.insertion_hours
         FROM lines l
         JOIN members m ON m.bid_id = $1 AND m.key = l.org
         JOIN bids b ON b.id = $1
         JOIN lots lot ON lot.tender_id = b.tender_id AND lot.number = l.lot
         JOIN territories t ON t.code = l.territory
         JOIN lot_cells c ON c.lot_id = lot.id AND c.territory_id = t.id
         RETURNING 1)
       SELECT count(*) AS n FROM added`,
      [
        bidId,
        members.map((line) => line.org),
        members.map((line) => line.lot),
        members.map((line) => line.territory),
        members.map((line) => line.period),
        members.map((line) => line.hundredths),
        members.map((line) => line.amountCents),
        members.map((line) => line.insertionHours),
      ],
    );
    const insertedLines = Number(inserted[0]?.n ?? 0);
    if (insertedLines !== members.length) {
      throw new Error(`re-plan lines ${members.length}, ${insertedLines} found their cell`);
    }
    await this.db.tx.query(
      `UPDATE realised_period_totals SET planned_hundredths = 0, planned_cents = 0,
         planned_insertion_hours = 0
       WHERE bid_id = $1 AND lot_id = ANY($2::uuid[]) AND period_number >= $3`,
      [bidId, lotIds, fromPeriod],
    );
    await this.db.tx.query(
      sumPlanIntoTotalsSql('bid_id = $1 AND lot_id = ANY($2::uuid[]) AND period_number >= $3'),
      [bidId, lotIds, fromPeriod],
    );
    return { deletedLines: Number(deleted[0]?.n ?? 0), insertedLines };
  }
}
