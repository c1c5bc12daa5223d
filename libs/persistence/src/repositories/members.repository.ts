import { Injectable } from '@nestjs/common';
import { Like } from 'typeorm';
import {
  type BidStatus,
  type IdentifierScheme,
  type MemberStatus,
  type OrganisationKind,
  type OrganisationParticulars,
  type Preference,
  cellKey,
} from '@cordage/domain';
import {
  BidEntity,
  LotCellEntity,
  LotEntity,
  MemberEntity,
  MemberLimitEntity,
  NetworkOrganisationEntity,
  OfferEntity,
  OrganisationEntity,
  SubcontractEntity,
} from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

/** What every network may see of an organisation; the rest is each network's own entry. */
export interface NewOrganisation {
  legalName: string;
  kind: OrganisationKind;
  idScheme: IdentifierScheme;
  idValue: string;
}

/** What an invitation gives of an organisation, kept in the inviting network's entry. */
export interface InvitedDetails {
  staff: number;
  homeTerritoryId: string;
  representative: { name: string; title: string; email: string };
}

/** Who signs for the organisation in a network's bids, as its conventions print it. */
export interface NetworkSignatory {
  name: string;
  capacity: string;
  email: string;
}

export interface MemberLimits {
  maxHours: number | null;
  maxRevenueCents: number | null;
}

/** Members of a bid, their organisations, figures and offers. */
@Injectable()
export class MembersRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** What the membership rules read of a bid: its status, its deadline, its network. */
  async bidState(
    bidId: string,
  ): Promise<{ status: BidStatus; deadline: Date; networkId: string } | null> {
    const bid = await this.db.tx.findOne(BidEntity, {
      where: { id: bidId },
      relations: { tender: true },
      select: { id: true, status: true, networkId: true, tender: { id: true, deadline: true } },
    });
    return bid && { status: bid.status, deadline: bid.tender.deadline, networkId: bid.networkId };
  }

  /** The member, its row held until commit; null when the bid has no such member. */
  async lock(bidId: string, memberId: string): Promise<MemberEntity | null> {
    return this.db.tx
      .createQueryBuilder(MemberEntity, 'member')
      .where({ id: memberId, bidId })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** The member with its organisation, for reading. */
  async findWithOrganisation(bidId: string, memberId: string): Promise<MemberEntity | null> {
    return this.db.tx.findOne(MemberEntity, {
      where: { id: memberId, bidId },
      relations: { organisation: true },
    });
  }

  async findInBid(bidId: string, organisationId: string): Promise<MemberEntity | null> {
    return this.db.tx.findOneBy(MemberEntity, { bidId, organisationId });
  }

  /** The keys of the bid's members that start with `prefix`. */
  async keysStartingWith(bidId: string, prefix: string): Promise<Set<string>> {
    const members = await this.db.tx.find(MemberEntity, {
      where: { bidId, key: Like(`${prefix}%`) },
      select: { id: true, key: true },
    });
    return new Set(members.map((member) => member.key));
  }

  async insert(member: {
    bidId: string;
    organisationId: string;
    key: string;
    invitedEmail: string;
    /** For a subcontractor: the member it works for (then it is no co-contractor). */
    principalId?: string;
  }): Promise<string> {
    const { identifiers } = await this.db.tx.insert(MemberEntity, {
      ...member,
      role: member.principalId ? 'SOUS_TRAITANT' : 'COTRAITANT',
      status: 'INVITED',
    });
    return String(identifiers[0]?.id);
  }

  /** The lot of the bid's tender under this number: its id, or null. */
  async lotIdOf(bidId: string, number: number): Promise<string | null> {
    const lot = await this.db.tx
      .createQueryBuilder(LotEntity, 'lot')
      .innerJoin(BidEntity, 'bid', 'bid.tenderId = lot.tenderId')
      .select('lot.id', 'id')
      .where('bid.id = :bidId', { bidId })
      .andWhere('lot.number = :number', { number })
      .getRawOne<{ id: string }>();
    return lot?.id ?? null;
  }

  /** Work a member hands to its subcontractor on one lot, capped (annex B, DC4). */
  async insertSubcontract(subcontract: {
    bidId: string;
    lotId: string;
    principalId: string;
    subcontractorId: string;
    nature: string;
    maxAmountCents: number;
  }): Promise<void> {
    await this.db.tx.insert(SubcontractEntity, { ...subcontract, kind: 'SOUS_TRAITANCE' });
  }

  /** The organisation that represents the consortium before the buyer. */
  async setMandataire(bidId: string, organisationId: string): Promise<void> {
    await this.db.tx.update(BidEntity, { id: bidId }, { mandataireId: organisationId });
  }

  async mandataireOf(bidId: string): Promise<string | null> {
    const bid = await this.db.tx.findOne(BidEntity, {
      where: { id: bidId },
      select: { id: true, mandataireId: true },
    });
    return bid?.mandataireId ?? null;
  }

  async setStatus(memberId: string, status: MemberStatus, declineReason?: string | null) {
    await this.db.tx.update(
      MemberEntity,
      { id: memberId },
      {
        status,
        ...(declineReason !== undefined && { declineReason }),
        statusChangedAt: () => 'now()',
      },
    );
  }

  /** Records that the member was just reminded; gives the instant recorded. */
  async markReminded(memberId: string): Promise<Date> {
    // A SELECT around the UPDATE: TypeORM gives an UPDATE's rows wrapped with its row count.
    const [row] = await this.db.tx.query<{ at: Date }[]>(
      `WITH reminded AS (
         UPDATE members SET last_reminded_at = clock_timestamp() WHERE id = $1
         RETURNING last_reminded_at)
       SELECT last_reminded_at AS at FROM reminded`,
      [memberId],
    );
    if (!row) throw new Error(`member ${memberId} not found`);
    return row.at;
  }

  async findOrganisation(idScheme: IdentifierScheme, idValue: string) {
    return this.db.tx.findOneBy(OrganisationEntity, { idScheme, idValue });
  }

  /**
   * The organisation of that identifier, inserted unless another transaction (another network's
   * invitation at the same instant) has just inserted it: that one's row is then the one read.
   */
  async insertOrganisation(organisation: NewOrganisation): Promise<OrganisationEntity> {
    await this.db.tx
      .createQueryBuilder()
      .insert()
      .into(OrganisationEntity)
      .values(organisation)
      .orIgnore()
      .execute();
    const { idScheme, idValue } = organisation;
    return this.db.tx.findOneByOrFail(OrganisationEntity, { idScheme, idValue });
  }

  /**
   * Replaces the particulars `networkId` entered of the organisation: its bids' documents print
   * them, another network's never see them (issue 17).
   */
  async setParticulars(
    networkId: string,
    organisationId: string,
    particulars: OrganisationParticulars,
  ): Promise<void> {
    await this.joinNetwork(networkId, organisationId);
    await this.db.tx.update(
      NetworkOrganisationEntity,
      { networkId, organisationId },
      {
        legalForm: particulars.legalForm,
        address: particulars.registeredAddress,
        approvalNumber: particulars.approvalNumber,
        approvalAuthority: particulars.approvalAuthority,
        representativeCapacity: particulars.representativeCapacity,
      },
    );
  }

  /** The particulars `networkId` entered of the organisation; all null when it entered none. */
  async particulars(networkId: string, organisationId: string): Promise<OrganisationParticulars> {
    const entry = await this.db.tx.findOneBy(NetworkOrganisationEntity, {
      networkId,
      organisationId,
    });
    return {
      legalForm: entry?.legalForm ?? null,
      registeredAddress: entry?.address ?? null,
      approvalNumber: entry?.approvalNumber ?? null,
      approvalAuthority: entry?.approvalAuthority ?? null,
      representativeCapacity: entry?.representativeCapacity ?? null,
    };
  }

  /**
   * Keeps what an invitation gives of the organisation in the inviting network's entry: its
   * staff, seat and representative fill what the network had not entered yet, and nothing else
   * (another network's entry, the shared row) is written (issue 17).
   */
  async fillInvitedDetails(
    networkId: string,
    organisationId: string,
    details: InvitedDetails,
  ): Promise<void> {
    await this.db.tx.query(
      `INSERT INTO network_organisations AS entry (network_id, organisation_id, staff,
         home_territory_id, representatives)
       VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (network_id, organisation_id) DO UPDATE SET
         staff = coalesce(entry.staff, excluded.staff),
         home_territory_id = coalesce(entry.home_territory_id, excluded.home_territory_id),
         representatives = CASE WHEN jsonb_array_length(entry.representatives) = 0
           THEN excluded.representatives ELSE entry.representatives END,
         updated_at = now()`,
      [
        networkId,
        organisationId,
        details.staff,
        details.homeTerritoryId,
        JSON.stringify([details.representative]),
      ],
    );
  }

  /** The references of the organisation's bids whose convention is being signed now. */
  async signingBidsOf(organisationId: string): Promise<string[]> {
    const rows = await this.db.tx
      .createQueryBuilder(MemberEntity, 'member')
      .innerJoin(BidEntity, 'bid', 'bid.id = member.bidId')
      .innerJoin('bid.tender', 'tender')
      .select('tender.reference', 'reference')
      .where({ organisationId })
      .andWhere('bid.status = :status', { status: 'SIGNING' satisfies BidStatus })
      .orderBy('tender.reference')
      .getRawMany<{ reference: string }>();
    return rows.map((row) => row.reference);
  }

  /**
   * Names who signs for the organisation in `networkId`'s bids: the first representative of that
   * network's own entry, never the row every network shares (issue 17: another network must not
   * see whom this one named).
   */
  async setSignatory(
    networkId: string,
    organisationId: string,
    signatory: { name: string; capacity: string; email: string },
  ): Promise<void> {
    await this.joinNetwork(networkId, organisationId);
    const entry = await this.db.tx.findOneByOrFail(NetworkOrganisationEntity, {
      networkId,
      organisationId,
    });
    const named = { name: signatory.name, title: signatory.capacity, email: signatory.email };
    const others = entry.representatives.filter(
      (representative) => representative.email.toLowerCase() !== signatory.email,
    );
    await this.db.tx.update(
      NetworkOrganisationEntity,
      { networkId, organisationId },
      { representatives: [named, ...others] },
    );
  }

  /**
   * Who signs for the organisation in `networkId`'s bids: the first representative of that
   * network's own entry, in the capacity its particulars give (else their title); null if none.
   */
  async networkSignatory(
    networkId: string,
    organisationId: string,
  ): Promise<NetworkSignatory | null> {
    const entry = await this.db.tx.findOneBy(NetworkOrganisationEntity, {
      networkId,
      organisationId,
    });
    const first = entry?.representatives[0];
    return first
      ? {
          name: first.name,
          capacity: entry.representativeCapacity ?? first.title,
          email: first.email,
        }
      : null;
  }

  /** Holds the organisation's row until commit: its invitations are decided one at a time. */
  async lockOrganisation(organisationId: string): Promise<void> {
    await this.db.tx
      .createQueryBuilder(OrganisationEntity, 'organisation')
      .select('organisation.id')
      .where({ id: organisationId })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Makes the organisation one of the network's (idempotent). */
  async joinNetwork(networkId: string, organisationId: string): Promise<void> {
    await this.db.tx
      .createQueryBuilder()
      .insert()
      .into(NetworkOrganisationEntity)
      .values({ networkId, organisationId })
      .orIgnore()
      .execute();
  }

  async limits(memberId: string): Promise<MemberLimits | null> {
    const limit = await this.db.tx.findOneBy(MemberLimitEntity, { memberId });
    return limit && { maxHours: limit.maxHours, maxRevenueCents: limit.maxRevenueCents };
  }

  async setInsertionHoursMax(memberId: string, insertionHoursMax: number | null): Promise<void> {
    await this.db.tx.update(MemberEntity, { id: memberId }, { insertionHoursMax });
  }

  /** Replaces the member's limits; none when both are null. */
  async replaceLimits(memberId: string, limits: MemberLimits | null): Promise<void> {
    await this.db.tx.delete(MemberLimitEntity, { memberId });
    const { maxHours = null, maxRevenueCents = null } = limits ?? {};
    if (maxHours !== null || maxRevenueCents !== null) {
      await this.db.tx.insert(MemberLimitEntity, { memberId, maxHours, maxRevenueCents });
    }
  }

  /** The bid's cells, by `cellKey(lot, territory)`. */
  async cellIds(bidId: string): Promise<Map<string, string>> {
    const cells = await this.currentCells(bidId);
    return new Map(cells.map((cell) => [cellKey(cell.lot.number, cell.territory.code), cell.id]));
  }

  /** The bid's cells now (those a corrigendum removed left out): each lot's number and territory. */
  async cellsOf(bidId: string): Promise<{ lot: number; territory: string }[]> {
    const cells = await this.currentCells(bidId);
    return cells.map((cell) => ({ lot: cell.lot.number, territory: cell.territory.code }));
  }

  private currentCells(bidId: string): Promise<LotCellEntity[]> {
    return this.db.tx
      .createQueryBuilder(LotCellEntity, 'cell')
      .innerJoin('cell.lot', 'lot')
      .innerJoin('cell.territory', 'territory')
      .innerJoin(BidEntity, 'bid', 'bid.tenderId = lot.tenderId')
      .select(['cell.id', 'lot.id', 'lot.number', 'territory.id', 'territory.code'])
      .where('bid.id = :bidId', { bidId })
      .andWhere('cell.removedById IS NULL')
      .getMany();
  }

  /** The bid's members' ids, by key (org-001…). */
  async idsByKey(bidId: string): Promise<Map<string, string>> {
    const members = await this.db.tx.find(MemberEntity, {
      where: { bidId },
      select: { id: true, key: true },
    });
    return new Map(members.map((member) => [member.key, member.id]));
  }

  /** How many offers the member has, and their hours. */
  async offerTotals(memberId: string): Promise<{ offers: number; hours: number }> {
    const offers = await this.db.tx.find(OfferEntity, {
      where: { memberId },
      select: { id: true, hours: true },
    });
    return {
      offers: offers.length,
      hours: offers.reduce((sum, offer) => sum + offer.hours, 0),
    };
  }

  async replaceOffers(
    memberId: string,
    offers: readonly { lotCellId: string; hours: number; preference: Preference }[],
    entered: { byId: string | null; onBehalf: boolean } = { byId: null, onBehalf: false },
  ): Promise<void> {
    // Offers on cells a corrigendum removed stay, flagged: the declaration is never lost.
    await this.db.tx
      .createQueryBuilder()
      .delete()
      .from(OfferEntity)
      .where('member_id = :memberId', { memberId })
      .andWhere('lot_cell_id IN (SELECT id FROM lot_cells WHERE removed_by_id IS NULL)')
      .execute();
    if (offers.length === 0) return;
    await this.db.tx.insert(
      OfferEntity,
      offers.map((offer) => ({
        memberId,
        ...offer,
        enteredById: entered.byId,
        onBehalf: entered.onBehalf,
      })),
    );
  }
}
