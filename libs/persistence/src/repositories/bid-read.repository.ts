import { Injectable } from '@nestjs/common';
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
  OfferEntity,
  OrganisationEntity,
  SubcontractEntity,
  TenderEntity,
} from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

export interface OfferPage {
  items: OfferView[];
  /** Pass as `after` to read the next page; null on the last one. */
  next: string | null;
}

const toNumber = (value: string | number | null): number => Number(value ?? 0);

/** Reads a bid for display: the entities mapped to the domain's read model, totals in SQL. */
@Injectable()
export class BidReadRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** One line per bid, in the order of `bidIds`. */
  async summaries(bidIds: readonly string[]) {
    if (bidIds.length === 0) return [];
    const rows = await this.db.tx
      .createQueryBuilder(BidEntity, 'bid')
      .innerJoin('bid.tender', 'tender')
      .select('bid.id', 'id')
      .addSelect('bid.status', 'status')
      .addSelect('bid.networkId', 'networkId')
      .addSelect('tender.reference', 'reference')
      .addSelect('tender.title', 'title')
      .addSelect('tender.buyerIdScheme', 'buyerIdScheme')
      .addSelect('tender.deadline', 'deadline')
      .addSelect(
        (members) =>
          members
            .select('count(*)::int')
            .from(MemberEntity, 'member')
            .where('member.bidId = bid.id'),
        'members',
      )
      .addSelect(
        (lots) =>
          lots
            .select('coalesce(sum(lot.amountCents), 0)')
            .from(LotEntity, 'lot')
            .where('lot.tenderId = tender.id'),
        'amountCents',
      )
      .where('bid.id = ANY(:bidIds::uuid[])', { bidIds: [...bidIds] })
      .getRawMany<{
        id: string;
        status: string;
        networkId: string;
        reference: string;
        title: string;
        buyerIdScheme: string;
        deadline: Date;
        members: number;
        amountCents: string;
      }>();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return bidIds.flatMap((id) => {
      const row = byId.get(id);
      if (!row) return [];
      return [
        {
          id: row.id,
          status: row.status,
          networkId: row.networkId,
          tender: {
            reference: row.reference,
            title: row.title,
            deadline: toZonedIso(row.deadline, procurementTimeZone(row.buyerIdScheme)),
          },
          members: row.members,
          amountCents: Number(row.amountCents),
        },
      ];
    });
  }

  async findBid(bidId: string): Promise<BidView | null> {
    const manager = this.db.tx;
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
    const manager = this.db.tx;
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
    const manager = this.db.tx;
    const rows = await manager
      .createQueryBuilder(MemberEntity, 'member')
      .innerJoinAndSelect('member.organisation', 'organisation')
      .innerJoinAndSelect('organisation.homeTerritory', 'home')
      .where('member.bid_id = :bidId', { bidId })
      .orderBy('member.key')
      .getMany();
    const totals = await manager
      .createQueryBuilder(OfferEntity, 'offer')
      .innerJoin('offer.member', 'member')
      .select('offer.memberId', 'member_id')
      .addSelect('count(*)::int', 'offer_count')
      .addSelect('sum(offer.hours)', 'offered_hours')
      .where('member.bidId = :bidId', { bidId })
      .groupBy('offer.memberId')
      .getRawMany<{ member_id: string; offer_count: number; offered_hours: string }>();
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
    const rows = await this.db.tx.find(SubcontractEntity, {
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
    const query = this.db.tx
      .createQueryBuilder(OfferEntity, 'offer')
      .innerJoin('offer.member', 'member')
      .innerJoin('offer.lotCell', 'cell')
      .innerJoin('cell.lot', 'lot')
      .innerJoin('cell.territory', 'territory')
      .select('offer.id', 'id')
      .addSelect('member.key', 'member')
      .addSelect('lot.number', 'lot')
      .addSelect('territory.code', 'territory')
      .addSelect('offer.hours', 'hours')
      .addSelect('offer.preference', 'preference')
      .where('member.bidId = :bidId', { bidId })
      .orderBy('offer.id')
      .limit(page.limit + 1);
    if (page.lot !== undefined) query.andWhere('lot.number = :lot', { lot: page.lot });
    if (page.member !== undefined) query.andWhere('member.key = :member', { member: page.member });
    if (page.after !== undefined) query.andWhere('offer.id > :after', { after: page.after });
    if (page.memberIds !== undefined) {
      query.andWhere('offer.memberId = ANY(:memberIds::uuid[])', { memberIds: page.memberIds });
    }
    const rows = await query.getRawMany<{
      id: string;
      member: string;
      lot: number;
      territory: string;
      hours: string;
      preference: OfferView['preference'];
    }>();
    const items = rows.slice(0, page.limit).map((row) => ({ ...row, hours: toNumber(row.hours) }));
    return { items, next: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
  }
}
