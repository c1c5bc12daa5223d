import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type BidView,
  type LotView,
  type MemberView,
  type OfferView,
  type SubcontractView,
  conventionSettingsSchema,
  procurementTimeZone,
  toZonedIso,
} from '@cordage/domain';
import {
  BidEntity,
  LotCellEntity,
  LotEntity,
  MemberEntity,
  MemberLimitEntity,
  OrganisationEntity,
  SubcontractEntity,
  TenderEntity,
} from '../entities';

export interface OfferPage {
  items: OfferView[];
  /** Pass as `after` to read the next page; null on the last one. */
  next: string | null;
}

const toNumber = (value: string | number | null): number => Number(value ?? 0);

/** Reads a bid for display: the entities mapped to the domain's read model, totals in SQL. */
@Injectable()
export class BidReadRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One line per bid, in the order of `bidIds`. */
  async summaries(bidIds: readonly string[]) {
    if (bidIds.length === 0) return [];
    const rows = await this.dataSource.query<
      {
        id: string;
        status: string;
        network_id: string;
        reference: string;
        title: string;
        buyer_id_scheme: string;
        deadline: Date;
        members: number;
        amount_cents: string;
      }[]
    >(
      `SELECT b.id, b.status, b.network_id, t.reference, t.title, t.buyer_id_scheme, t.deadline,
         (SELECT count(*)::int FROM members m WHERE m.bid_id = b.id) AS members,
         (SELECT coalesce(sum(l.amount_cents), 0) FROM lots l WHERE l.tender_id = t.id) AS amount_cents
       FROM bids b JOIN tenders t ON t.id = b.tender_id WHERE b.id = ANY($1::uuid[])`,
      [bidIds],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return bidIds.flatMap((id) => {
      const row = byId.get(id);
      if (!row) return [];
      return [
        {
          id: row.id,
          status: row.status,
          networkId: row.network_id,
          tender: {
            reference: row.reference,
            title: row.title,
            deadline: toZonedIso(row.deadline, procurementTimeZone(row.buyer_id_scheme)),
          },
          members: row.members,
          amountCents: Number(row.amount_cents),
        },
      ];
    });
  }

  async findBid(bidId: string): Promise<BidView | null> {
    const manager = this.dataSource.manager;
    const bid = await manager.findOne(BidEntity, { where: { id: bidId } });
    if (!bid) return null;
    const [tender, mandataire, lots, members, subcontracts] = await Promise.all([
      manager.findOneByOrFail(TenderEntity, { id: bid.tenderId }),
      manager.findOneByOrFail(OrganisationEntity, { id: bid.mandataireId }),
      this.lots(bid.tenderId),
      this.members(bid.id),
      this.subcontracts(bid.id),
    ]);
    const sum = <T>(items: T[], value: (item: T) => number) =>
      items.reduce((total, item) => total + value(item), 0);
    return {
      id: bid.id,
      status: bid.status,
      networkId: bid.networkId,
      transparency: bid.transparency,
      offersShared: true,
      createdAt: bid.createdAt.toISOString(),
      tender: {
        id: tender.id,
        reference: tender.reference,
        title: tender.title,
        buyer: { name: tender.buyerName, idScheme: tender.buyerIdScheme, id: tender.buyerIdValue },
        deadline: toZonedIso(tender.deadline, procurementTimeZone(tender.buyerIdScheme)),
        reserved: tender.reserved,
      },
      consortium: {
        form: bid.consortiumForm,
        mandataire: { organisationId: mandataire.id, legalName: mandataire.legalName },
        rules: {
          ...(bid.minMembers !== null && { minMembers: bid.minMembers }),
          ...(Object.keys(bid.minOfKind).length > 0 && { minOfKind: bid.minOfKind }),
          ...(bid.minSmallMembers !== null && { minSmallMembers: bid.minSmallMembers }),
          smallBelowEmployees: bid.smallBelowEmployees,
          ...(bid.maxTotalCents !== null && { maxTotalCents: bid.maxTotalCents }),
        },
        policy: { secondaryCost: bid.secondaryCost },
        convention: conventionSettingsSchema.parse(bid.conventionSettings),
      },
      lots,
      members,
      subcontracts,
      totals: {
        lots: lots.length,
        cells: sum(lots, (lot) => lot.cells.length),
        members: members.length,
        offers: sum(members, (member) => member.offerCount),
        amountCents: sum(lots, (lot) => lot.amountCents),
        insertionHours: sum(lots, (lot) => lot.insertionHours),
        demandHours: sum(lots, (lot) => lot.demandHours),
        offeredHours: sum(members, (member) => member.offeredHours),
      },
    };
  }

  private async lots(tenderId: string): Promise<LotView[]> {
    const manager = this.dataSource.manager;
    const lots = await manager.find(LotEntity, { where: { tenderId }, order: { number: 'ASC' } });
    const cells = await manager
      .createQueryBuilder(LotCellEntity, 'cell')
      .innerJoin('cell.territory', 'territory')
      .leftJoin('territory.parent', 'parent')
      .leftJoin('offers', 'offer', 'offer.lot_cell_id = cell.id')
      .where('cell.lot_id = ANY(:lotIds)', { lotIds: lots.map((lot) => lot.id) })
      .select([
        'cell.id AS id',
        'cell.lot_id AS lot_id',
        'cell.label AS label',
        'cell.demand_hours AS demand_hours',
        'territory.code AS territory',
        'territory.name AS territory_name',
        'parent.code AS parent',
        'COALESCE(SUM(offer.hours), 0) AS offered_hours',
        'COUNT(offer.id)::int AS offer_count',
      ])
      .groupBy('cell.id, territory.id, parent.id')
      .orderBy('territory.code')
      .getRawMany<{
        id: string;
        lot_id: string;
        label: string | null;
        demand_hours: string;
        territory: string;
        territory_name: string;
        parent: string | null;
        offered_hours: string;
        offer_count: number;
      }>();
    return lots.map((lot) => {
      const lotCells = cells
        .filter((cell) => cell.lot_id === lot.id)
        .map((cell) => ({
          id: cell.id,
          territory: cell.territory,
          territoryName: cell.territory_name,
          parent: cell.parent,
          label: cell.label,
          demandHours: toNumber(cell.demand_hours),
          offeredHours: toNumber(cell.offered_hours),
          offerCount: cell.offer_count,
        }));
      return {
        id: lot.id,
        number: lot.number,
        title: lot.title,
        amountCents: lot.amountCents,
        insertionHours: lot.insertionHours,
        demandHours: lotCells.reduce((total, cell) => total + cell.demandHours, 0),
        offeredHours: lotCells.reduce((total, cell) => total + cell.offeredHours, 0),
        cells: lotCells,
      };
    });
  }

  private async members(bidId: string): Promise<MemberView[]> {
    const manager = this.dataSource.manager;
    const rows = await manager
      .createQueryBuilder(MemberEntity, 'member')
      .innerJoinAndSelect('member.organisation', 'organisation')
      .innerJoinAndSelect('organisation.homeTerritory', 'home')
      .where('member.bid_id = :bidId', { bidId })
      .orderBy('member.key')
      .getMany();
    const totals: { member_id: string; offer_count: number; offered_hours: string }[] =
      await manager.query(
        `SELECT o.member_id, count(*)::int AS offer_count, sum(o.hours) AS offered_hours
         FROM offers o JOIN members m ON m.id = o.member_id WHERE m.bid_id = $1 GROUP BY o.member_id`,
        [bidId],
      );
    const limits = await manager
      .createQueryBuilder(MemberLimitEntity, 'limit')
      .innerJoin('limit.member', 'member')
      .where('member.bid_id = :bidId', { bidId })
      .getMany();
    const totalsByMember = new Map(totals.map((row) => [row.member_id, row]));
    const limitsByMember = new Map(limits.map((limit) => [limit.memberId, limit]));
    return rows.map((member) => {
      const total = totalsByMember.get(member.id);
      const limit = limitsByMember.get(member.id);
      const { organisation } = member;
      return {
        id: member.id,
        key: member.key,
        role: member.role,
        status: member.status,
        declineReason: member.declineReason,
        organisation: {
          id: organisation.id,
          legalName: organisation.legalName,
          kind: organisation.kind,
          idScheme: organisation.idScheme,
          idValue: organisation.idValue,
          employees: organisation.employees,
          home: organisation.homeTerritory.code,
          representative: {
            name: organisation.representativeName,
            title: organisation.representativeTitle,
            email: organisation.representativeEmail,
          },
        },
        insertionHoursMax: member.insertionHoursMax,
        limits: limit ? { maxHours: limit.maxHours, maxRevenueCents: limit.maxRevenueCents } : null,
        offerCount: total?.offer_count ?? 0,
        offeredHours: toNumber(total?.offered_hours ?? 0),
      };
    });
  }

  private async subcontracts(bidId: string): Promise<SubcontractView[]> {
    const rows = await this.dataSource.manager.find(SubcontractEntity, {
      where: { bidId },
      relations: { lot: true, principal: true, subcontractor: true },
      order: { lot: { number: 'ASC' }, principal: { key: 'ASC' } },
    });
    return rows.map((row) => ({
      id: row.id,
      lot: row.lot.number,
      principal: row.principal.key,
      subcontractor: row.subcontractor.key,
      kind: row.kind,
      nature: row.nature,
      maxAmountCents: row.maxAmountCents,
    }));
  }

  /** Offers a page at a time, in a stable order (keyset pagination on the id). */
  async findOffers(
    bidId: string,
    page: { limit: number; after?: string; lot?: number; member?: string; memberIds?: string[] },
  ): Promise<OfferPage> {
    const rows: {
      id: string;
      member: string;
      lot: number;
      territory: string;
      hours: string;
      preference: OfferView['preference'];
    }[] = await this.dataSource.query(
      `SELECT o.id, m.key AS member, l.number AS lot, t.code AS territory, o.hours, o.preference
       FROM offers o
       JOIN members m ON m.id = o.member_id
       JOIN lot_cells c ON c.id = o.lot_cell_id
       JOIN lots l ON l.id = c.lot_id
       JOIN territories t ON t.id = c.territory_id
       WHERE m.bid_id = $1
         AND ($2::int IS NULL OR l.number = $2)
         AND ($3::text IS NULL OR m.key = $3)
         AND ($4::uuid IS NULL OR o.id > $4)
         AND ($6::uuid[] IS NULL OR o.member_id = ANY($6::uuid[]))
       ORDER BY o.id
       LIMIT $5`,
      [
        bidId,
        page.lot ?? null,
        page.member ?? null,
        page.after ?? null,
        page.limit + 1,
        page.memberIds ?? null,
      ],
    );
    const items = rows.slice(0, page.limit).map((row) => ({ ...row, hours: toNumber(row.hours) }));
    return { items, next: rows.length > page.limit ? items[items.length - 1].id : null };
  }
}
