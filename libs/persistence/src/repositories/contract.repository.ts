import { Injectable } from '@nestjs/common';
import { Not } from 'typeorm';
import {
  type BidStatus,
  type LotOutcome,
  type ProcurementTimeZone,
  procurementTimeZone,
} from '@cordage/domain';
import { bulkInsert } from '../bulk-insert';
import {
  BidEntity,
  ChangeRequestEntity,
  LotAwardEntity,
  LotCellEntity,
  LotEntity,
  MemberEntity,
  PlannedCellEntity,
} from '../entities';
import { type Db, InjectDb } from '../unit-of-work';
import { sumPlanIntoTotalsSql } from './planned-totals.sql';

/** What recording the award needs to know of the bid. */
export interface AwardFacts {
  status: BidStatus;
  /** The split the members signed last: the latest amendment's version, or the convention's. */
  signedVersionId: string | null;
  lots: { id: string; number: number; amountCents: number }[];
  alreadyAwarded: boolean;
}

/** A row of the planned split as stored (the member null for the uncovered part). */
export interface PlannedCellRow {
  bidId: string;
  memberId: string | null;
  lotId: string;
  lotCellId: string;
  hundredths: number;
  amountCents: number;
  insertionHours: number;
}

/** One lot's award as read back, with its planned split's totals. */
export interface LotAwardView {
  lot: number;
  title: string;
  outcome: LotOutcome;
  awardedOn: string;
  awardedCents: number | null;
  bidCents: number;
  startOn: string | null;
  durationMonths: number | null;
  periodMonths: number | null;
}

/** A won lot's award with its contract terms, once set. */
export interface LotContract {
  awardId: string;
  lotId: string;
  lot: number;
  outcome: LotOutcome;
  awardedOn: string;
  startOn: string | null;
  durationMonths: number | null;
  periodMonths: number | null;
}

/** A row of the planned split over the periods. */
export interface PlannedPeriodRow {
  bidId: string;
  memberId: string;
  lotId: string;
  lotCellId: string;
  period: number;
  hundredths: number;
  amountCents: number;
  insertionHours: number;
}

/** A cell of a lot, named as the scenario names it. */
export interface CellRef {
  lotId: string;
  lotCellId: string;
  lot: number;
  territory: string;
}

/** The award of a bid's lots and the contract's planned split, written once after the award. */
@Injectable()
export class ContractRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** The bid's facts, its row held until commit; null when there is no such bid. */
  async lockAwardFacts(bidId: string): Promise<AwardFacts | null> {
    const bid = await this.db.tx
      .createQueryBuilder(BidEntity, 'bid')
      .select(['bid.id', 'bid.status', 'bid.agreedVersionId', 'bid.tenderId'])
      .where({ id: bidId })
      .setLock('pessimistic_write')
      .getOne();
    if (!bid) return null;
    const amended = await this.db.tx.findOne(ChangeRequestEntity, {
      select: { id: true, allocationVersionId: true },
      // The last change of membership (a re-plan's request names the version in force, unchanged).
      where: { bidId, status: 'CLOSED', reason: Not('REPLAN') },
      order: { updatedAt: 'DESC' },
    });
    const lots = await this.db.tx.find(LotEntity, {
      select: { id: true, number: true, amountCents: true },
      where: { tenderId: bid.tenderId },
      order: { number: 'ASC' },
    });
    const alreadyAwarded = await this.db.tx.exists(LotAwardEntity, { where: { bidId } });
    return {
      status: bid.status,
      signedVersionId: amended?.allocationVersionId ?? bid.agreedVersionId,
      lots,
      alreadyAwarded,
    };
  }

  /**
   * Every cell of the bid's lots (of these lot numbers only, when given), by
   * `lot\u0000territory code`.
   */
  async cells(bidId: string, lots?: readonly number[]): Promise<Map<string, CellRef>> {
    const query = this.db.tx
      .createQueryBuilder(LotCellEntity, 'cell')
      .innerJoin('cell.lot', 'lot')
      .innerJoin('cell.territory', 'territory')
      .innerJoin(BidEntity, 'bid', 'bid.tenderId = lot.tenderId')
      .select(['cell.id AS "lotCellId"', 'lot.id AS "lotId"', 'lot.number AS lot'])
      .addSelect('territory.code', 'territory')
      .where('bid.id = :bidId', { bidId })
      .andWhere('cell.removedById IS NULL');
    if (lots) query.andWhere('lot.number = ANY(:lots)', { lots });
    const rows = await query.getRawMany<CellRef>();
    return new Map(rows.map((row) => [`${row.lot}\u0000${row.territory}`, row]));
  }

  /** The bid's members by key, with their status. */
  async members(bidId: string): Promise<Map<string, Pick<MemberEntity, 'id' | 'status' | 'key'>>> {
    const rows = await this.db.tx.find(MemberEntity, {
      select: { id: true, key: true, status: true },
      where: { bidId },
    });
    return new Map(rows.map((row) => [row.key, row]));
  }

  async insertAwards(
    rows: Pick<
      LotAwardEntity,
      'bidId' | 'lotId' | 'outcome' | 'awardedOn' | 'awardedCents' | 'versionId' | 'recordedBy'
    >[],
  ): Promise<void> {
    await this.db.tx.insert(LotAwardEntity, rows);
  }

  async insertPlannedCells(rows: readonly PlannedCellRow[]): Promise<void> {
    await bulkInsert(
      this.db.tx,
      'planned_cells',
      [
        { name: 'bid_id', type: 'uuid', value: (row: PlannedCellRow) => row.bidId },
        { name: 'member_id', type: 'uuid', value: (row) => row.memberId },
        { name: 'lot_id', type: 'uuid', value: (row) => row.lotId },
        { name: 'lot_cell_id', type: 'uuid', value: (row) => row.lotCellId },
        { name: 'hundredths', type: 'bigint', value: (row) => row.hundredths },
        { name: 'amount_cents', type: 'bigint', value: (row) => row.amountCents },
        { name: 'insertion_hours', type: 'integer', value: (row) => row.insertionHours },
      ],
      rows,
    );
  }

  /** The bid's lots as awarded, in lot order; empty before the award is recorded. */
  async awards(bidId: string): Promise<LotAwardView[]> {
    const rows = await this.db.tx.find(LotAwardEntity, {
      relations: { lot: true },
      where: { bidId },
      order: { lot: { number: 'ASC' } },
    });
    return rows.map((row) => ({
      lot: row.lot.number,
      title: row.lot.title,
      outcome: row.outcome,
      awardedOn: row.awardedOn,
      awardedCents: row.awardedCents,
      bidCents: row.lot.amountCents,
      startOn: row.startOn,
      durationMonths: row.durationMonths,
      periodMonths: row.periodMonths,
    }));
  }

  /**
   * The planned split's cells, by member key, lot and territory; the uncovered part with a null
   * member. `memberIds`: only those members' cells (the uncovered part always).
   */
  async plannedCells(
    bidId: string,
    memberIds: 'ALL' | readonly string[],
  ): Promise<
    {
      memberId: string | null;
      member: string | null;
      lot: number;
      territory: string;
      hundredths: number;
      amountCents: number;
      insertionHours: number;
    }[]
  > {
    const query = this.db.tx
      .createQueryBuilder('planned_cells', 'planned')
      .innerJoin(LotCellEntity, 'cell', 'cell.id = planned.lot_cell_id')
      .innerJoin('cell.lot', 'lot')
      .innerJoin('cell.territory', 'territory')
      .leftJoin(MemberEntity, 'member', 'member.id = planned.member_id')
      .select([
        'planned.member_id AS "memberId"',
        'member.key AS member',
        'lot.number AS lot',
        'territory.code AS territory',
        'planned.hundredths::int AS hundredths',
        'planned.amount_cents::bigint AS "amountCents"',
        'planned.insertion_hours AS "insertionHours"',
      ])
      .where('planned.bid_id = :bidId', { bidId })
      .orderBy('member.key', 'ASC', 'NULLS LAST')
      .addOrderBy('lot.number')
      .addOrderBy('territory.code');
    if (memberIds !== 'ALL') {
      query.andWhere('(planned.member_id IS NULL OR planned.member_id = ANY(:memberIds))', {
        memberIds,
      });
    }
    const rows = await query.getRawMany<{
      memberId: string | null;
      member: string | null;
      lot: number;
      territory: string;
      hundredths: number;
      amountCents: string;
      insertionHours: number;
    }>();
    return rows.map((row) => ({ ...row, amountCents: Number(row.amountCents) }));
  }

  /** The clock the bid's contract runs on: the buyer's (one statement: each declaration asks). */
  async timeZone(bidId: string): Promise<ProcurementTimeZone> {
    const row = await this.db.tx
      .createQueryBuilder(BidEntity, 'bid')
      .innerJoin('bid.tender', 'tender')
      .select('tender.buyerIdScheme', 'scheme')
      .where('bid.id = :bidId', { bidId })
      .getRawOne<{ scheme: string }>();
    if (!row) throw new Error(`bid ${bidId} not found`);
    return procurementTimeZone(row.scheme);
  }

  /** Every lot's award with its contract terms, in lot order (empty before the award). */
  async lotContracts(bidId: string): Promise<LotContract[]> {
    const rows = await this.db.tx.find(LotAwardEntity, {
      relations: { lot: true },
      where: { bidId },
      order: { lot: { number: 'ASC' } },
    });
    return rows.map((row) => ({
      awardId: row.id,
      lotId: row.lotId,
      lot: row.lot.number,
      outcome: row.outcome,
      awardedOn: row.awardedOn,
      startOn: row.startOn,
      durationMonths: row.durationMonths,
      periodMonths: row.periodMonths,
    }));
  }

  async setContract(
    awardId: string,
    terms: { startOn: string; durationMonths: number; periodMonths: number },
  ): Promise<void> {
    await this.db.tx.update(LotAwardEntity, { id: awardId }, terms);
  }

  /** The members' planned cells of one lot (the uncovered part left out: nobody declares it). */
  async memberPlannedCells(bidId: string, lotId: string): Promise<PlannedCellEntity[]> {
    return this.db.tx
      .createQueryBuilder(PlannedCellEntity, 'planned')
      .where('planned.bidId = :bidId AND planned.lotId = :lotId', { bidId, lotId })
      .andWhere('planned.memberId IS NOT NULL')
      .getMany();
  }

  async insertPlannedPeriods(rows: readonly PlannedPeriodRow[]): Promise<void> {
    await bulkInsert(
      this.db.tx,
      'planned_periods',
      [
        { name: 'bid_id', type: 'uuid', value: (row: PlannedPeriodRow) => row.bidId },
        { name: 'member_id', type: 'uuid', value: (row) => row.memberId },
        { name: 'lot_id', type: 'uuid', value: (row) => row.lotId },
        { name: 'lot_cell_id', type: 'uuid', value: (row) => row.lotCellId },
        { name: 'period_number', type: 'integer', value: (row) => row.period },
        { name: 'hundredths', type: 'bigint', value: (row) => row.hundredths },
        { name: 'amount_cents', type: 'bigint', value: (row) => row.amountCents },
        { name: 'insertion_hours', type: 'integer', value: (row) => row.insertionHours },
      ],
      rows,
    );
    // The plan per member, lot and period beside the realised totals, for the page to read.
    const bids = [...new Set(rows.map((row) => row.bidId))];
    const lots = [...new Set(rows.map((row) => row.lotId))];
    await this.db.tx.query(sumPlanIntoTotalsSql('bid_id = ANY($1) AND lot_id = ANY($2)'), [
      bids,
      lots,
    ]);
  }
}
