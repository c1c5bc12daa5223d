import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { BidStatus } from '@cordage/domain';
import {
  AllocationVersionEntity,
  BidEntity,
  CorrigendumEntity,
  LotCellEntity,
  LotEntity,
  OfferEntity,
  TenderEntity,
} from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

const toNumber = (value: string): number => Number(value);

/** The tender of a bid as a corrigendum finds it: lots with their cells still in the tender. */
export interface CorrigendumTender {
  bidId: string;
  tenderId: string;
  status: BidStatus;
  capacityDeadline: Date | null;
  applicationDeadline: Date;
  lots: {
    id: string;
    number: number;
    title: string;
    amountCents: number;
    cells: { id: string; territory: string; territoryName: string; demandHours: number }[];
  }[];
  /** Offers not outdated yet, on cells still in the tender, with their member's name. */
  offers: {
    id: string;
    memberId: string;
    memberName: string;
    lot: number;
    territory: string;
    hours: number;
  }[];
  /** Allocation versions not outdated yet. */
  versions: { id: string; number: number }[];
}

export type NewCorrigendum = Omit<CorrigendumEntity, 'id' | 'bid' | 'createdAt'>;

/** A bid's corrigenda and the tender rows they change. */
@Injectable()
export class CorrigendaRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** What a corrigendum is checked against; null when there is no such bid. */
  async tender(bidId: string): Promise<CorrigendumTender | null> {
    const bid = await this.db.tx.findOne(BidEntity, {
      where: { id: bidId },
      relations: { tender: true },
      select: {
        id: true,
        status: true,
        capacityDeadline: true,
        tender: { id: true, deadline: true },
      },
    });
    if (!bid) return null;
    const cells = await this.db.tx.query<
      {
        lot_id: string;
        number: number;
        title: string;
        amount_cents: string;
        cell_id: string | null;
        territory: string | null;
        territory_name: string | null;
        demand_hours: string | null;
      }[]
    >(
      `SELECT l.id AS lot_id, l.number, l.title, l.amount_cents, c.id AS cell_id,
              t.code AS territory, t.name AS territory_name, c.demand_hours
         FROM lots l
         LEFT JOIN lot_cells c ON c.lot_id = l.id AND c.removed_by_id IS NULL
         LEFT JOIN territories t ON t.id = c.territory_id
        WHERE l.tender_id = $1 ORDER BY l.number, t.code`,
      [bid.tender.id],
    );
    const lots = new Map<number, CorrigendumTender['lots'][number]>();
    for (const row of cells) {
      const lot = lots.get(row.number) ?? {
        id: row.lot_id,
        number: row.number,
        title: row.title,
        amountCents: toNumber(row.amount_cents),
        cells: [],
      };
      lots.set(row.number, lot);
      if (row.cell_id && row.territory && row.territory_name && row.demand_hours) {
        lot.cells.push({
          id: row.cell_id,
          territory: row.territory,
          territoryName: row.territory_name,
          demandHours: toNumber(row.demand_hours),
        });
      }
    }
    const offers = await this.db.tx.query<
      {
        id: string;
        member_id: string;
        member_name: string;
        lot: number;
        territory: string;
        hours: string;
      }[]
    >(
      `SELECT o.id, o.member_id, org.legal_name AS member_name, l.number AS lot,
              t.code AS territory, o.hours
         FROM offers o
         JOIN members m ON m.id = o.member_id
         JOIN organisations org ON org.id = m.organisation_id
         JOIN lot_cells c ON c.id = o.lot_cell_id AND c.removed_by_id IS NULL
         JOIN lots l ON l.id = c.lot_id
         JOIN territories t ON t.id = c.territory_id
        WHERE m.bid_id = $1 AND o.outdated_by_id IS NULL
        ORDER BY org.legal_name, l.number, t.code`,
      [bidId],
    );
    const versions = await this.db.tx.find(AllocationVersionEntity, {
      where: { bidId, outdatedById: IsNull() },
      select: { id: true, number: true },
      order: { number: 'ASC' },
    });
    return {
      bidId,
      tenderId: bid.tender.id,
      status: bid.status,
      capacityDeadline: bid.capacityDeadline,
      applicationDeadline: bid.tender.deadline,
      lots: [...lots.values()],
      offers: offers.map((offer) => ({
        id: offer.id,
        memberId: offer.member_id,
        memberName: offer.member_name,
        lot: offer.lot,
        territory: offer.territory,
        hours: toNumber(offer.hours),
      })),
      versions: versions.map(({ id, number }) => ({ id, number })),
    };
  }

  /** Territory ids by code, for the codes that exist. */
  async territoryIds(codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.db.tx.query<{ id: string; code: string }[]>(
      'SELECT id, code FROM territories WHERE code = ANY($1::text[])',
      [codes],
    );
    return new Map(rows.map((row) => [row.code, row.id]));
  }

  async nextNumber(bidId: string): Promise<number> {
    const last = await this.db.tx.maximum(CorrigendumEntity, 'number', { bidId });
    return (last ?? 0) + 1;
  }

  async insert(corrigendum: NewCorrigendum): Promise<string> {
    const result = await this.db.tx.insert(CorrigendumEntity, corrigendum);
    return (result.identifiers[0] as { id: string }).id;
  }

  async updateLot(lotId: string, change: { title?: string; amountCents?: number }): Promise<void> {
    await this.db.tx.update(LotEntity, { id: lotId }, change);
  }

  async insertLot(lot: {
    tenderId: string;
    number: number;
    title: string;
    amountCents: number;
    insertionHours: number;
  }): Promise<string> {
    const result = await this.db.tx.insert(LotEntity, lot);
    return (result.identifiers[0] as { id: string }).id;
  }

  /**
   * Puts a cell in the tender. A cell a former corrigendum removed comes back with its new demand
   * (its offers stay flagged as outdated): the lot covers a territory once.
   */
  async addCell(lotId: string, territoryId: string, demandHours: number): Promise<void> {
    // INSERT … ON CONFLICT: the query builder cannot say it.
    await this.db.tx.query(
      `INSERT INTO lot_cells (lot_id, territory_id, demand_hours) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT lot_cells_lot_territory_key
       DO UPDATE SET demand_hours = EXCLUDED.demand_hours, removed_by_id = NULL`,
      [lotId, territoryId, demandHours],
    );
  }

  async removeCell(cellId: string, corrigendumId: string): Promise<void> {
    await this.db.tx.update(LotCellEntity, { id: cellId }, { removedById: corrigendumId });
  }

  async setDemand(cellId: string, demandHours: number): Promise<void> {
    await this.db.tx.update(LotCellEntity, { id: cellId }, { demandHours });
  }

  async outdateOffers(
    corrigendumId: string,
    offers: readonly { offerId: string; reason: string }[],
  ): Promise<void> {
    for (const offer of offers) {
      await this.db.tx.update(
        OfferEntity,
        { id: offer.offerId },
        { outdatedById: corrigendumId, outdatedReason: offer.reason },
      );
    }
  }

  async outdateVersions(
    corrigendumId: string,
    versionIds: readonly string[],
    reason: string,
  ): Promise<void> {
    if (versionIds.length === 0) return;
    await this.db.tx
      .createQueryBuilder()
      .update(AllocationVersionEntity)
      .set({ outdatedById: corrigendumId, outdatedReason: reason })
      .whereInIds(versionIds)
      .execute();
  }

  async setDeadlines(
    bidId: string,
    tenderId: string,
    deadlines: { capacityDeadline: Date | null; applicationDeadline: Date },
  ): Promise<void> {
    await this.db.tx.update(
      BidEntity,
      { id: bidId },
      { capacityDeadline: deadlines.capacityDeadline },
    );
    await this.db.tx.update(
      TenderEntity,
      { id: tenderId },
      { deadline: deadlines.applicationDeadline },
    );
  }

  /** The bid's corrigenda, newest first. */
  async list(bidId: string): Promise<CorrigendumEntity[]> {
    return this.db.tx.find(CorrigendumEntity, { where: { bidId }, order: { number: 'DESC' } });
  }

  async find(bidId: string, number: number): Promise<CorrigendumEntity | null> {
    return this.db.tx.findOneBy(CorrigendumEntity, { bidId, number });
  }
}
