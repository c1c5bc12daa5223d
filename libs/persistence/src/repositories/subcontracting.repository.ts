import { Injectable } from '@nestjs/common';
import { type FindOptionsWhere, In, IsNull, Not } from 'typeorm';
import type {
  IdentifierScheme,
  MemberStatus,
  OrganisationKind,
  PrincipalCell,
  SubcontractKind,
} from '@cordage/domain';
import {
  BidEntity,
  LotCellEntity,
  LotEntity,
  MemberEntity,
  OfferEntity,
  SubcontractEntity,
  SubcontractorCapacityEntity,
} from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

/** A subcontractor invited in the app, as its principal lists it. */
export interface SubcontractorRow {
  memberId: string;
  key: string;
  status: MemberStatus;
  invitedEmail: string | null;
  organisation: {
    id: string;
    legalName: string;
    kind: OrganisationKind;
    idScheme: IdentifierScheme;
    idValue: string;
  };
}

export interface CapacityRow {
  memberId: string;
  lot: number;
  territory: string;
  hours: number;
}

export interface PrincipalCellRow extends PrincipalCell {
  lotTitle: string;
  territoryName: string;
}

export interface SubcontractRow {
  id: string;
  lot: number;
  principalId: string;
  subcontractorId: string;
  subcontractorName: string;
  kind: SubcontractKind;
  nature: string;
  durationMonths: number | null;
  amountExclVatCents: number;
  amountInclVatCents: number | null;
  reverseCharge: boolean | null;
}

/** A subcontractor of some member of the bid: its principal named. */
export interface BidSubcontractorRow extends SubcontractorRow {
  principalId: string;
}

/** One organisation's work as a subcontractor in one bid, as its people list it. */
export interface EngagementRow {
  bidId: string;
  memberId: string;
  status: MemberStatus;
  legalName: string;
  principalName: string;
  bidStatus: string;
  reference: string;
  title: string;
  deadline: Date;
  lots: { number: number; title: string }[];
}

export interface SubcontractValues {
  lotId: string;
  kind: SubcontractKind;
  nature: string;
  durationMonths: number;
  amountExclVatCents: number;
  amountInclVatCents: number;
  reverseCharge: boolean;
}

const subcontractRow = (row: SubcontractEntity): SubcontractRow => ({
  id: row.id,
  lot: row.lot.number,
  principalId: row.principalId,
  subcontractorId: row.subcontractorId,
  subcontractorName: row.subcontractor.organisation.legalName,
  kind: row.kind,
  nature: row.nature,
  durationMonths: row.durationMonths,
  amountExclVatCents: row.maxAmountCents,
  amountInclVatCents: row.amountInclVatCents,
  reverseCharge: row.reverseCharge,
});

const subcontractorRow = (member: MemberEntity): SubcontractorRow => ({
  memberId: member.id,
  key: member.key,
  status: member.status,
  invitedEmail: member.invitedEmail,
  organisation: {
    id: member.organisation.id,
    legalName: member.organisation.legalName,
    kind: member.organisation.kind,
    idScheme: member.organisation.idScheme,
    idValue: member.organisation.idValue,
  },
});

/** Subcontractors invited by a member, what they declare, and the member's subcontracts. */
@Injectable()
export class SubcontractingRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** The subcontractors `principalId` invited, by legal name. */
  async subcontractorsOf(bidId: string, principalId: string): Promise<SubcontractorRow[]> {
    const members = await this.membersByLegalName({ bidId, principalId });
    return members.map(subcontractorRow);
  }

  /** The bid's co-contractors (those who may have subcontractors), by legal name. */
  async principalsOf(
    bidId: string,
  ): Promise<{ memberId: string; legalName: string; status: MemberStatus }[]> {
    const members = await this.membersByLegalName({ bidId, role: 'COTRAITANT' });
    return members.map((member) => ({
      memberId: member.id,
      legalName: member.organisation.legalName,
      status: member.status,
    }));
  }

  /** The lots of the bid's tender, by number. */
  async lotsOf(bidId: string): Promise<{ number: number; title: string }[]> {
    return this.db.tx
      .createQueryBuilder(LotEntity, 'lot')
      .innerJoin(BidEntity, 'bid', 'bid.tenderId = lot.tenderId')
      .select('lot.number', 'number')
      .addSelect('lot.title', 'title')
      .where('bid.id = :bidId', { bidId })
      .orderBy('lot.number')
      .getRawMany<{ number: number; title: string }>();
  }

  /** Every subcontractor invited in the app by one of the bid's members. */
  async subcontractorsOfBid(bidId: string): Promise<BidSubcontractorRow[]> {
    const members = await this.membersByLegalName({ bidId, principalId: Not(IsNull()) });
    return members.map((member) => ({
      ...subcontractorRow(member),
      principalId: member.principalId ?? '',
    }));
  }

  /**
   * Where these organisations work as a subcontractor: each bid, whom for, and the lots on which
   * that principal offers (what the subcontractor may see of the bid, nothing more).
   */
  async engagementsOf(organisationIds: readonly string[]): Promise<EngagementRow[]> {
    if (organisationIds.length === 0) return [];
    const rows = await this.db.tx.query<
      (Omit<EngagementRow, 'lots'> & { lots: { number: number; title: string }[] | null })[]
    >(
      `SELECT m.bid_id AS "bidId", m.id AS "memberId", m.status, o.legal_name AS "legalName",
              po.legal_name AS "principalName", b.status AS "bidStatus", t.reference, t.title,
              t.deadline,
              (SELECT jsonb_agg(DISTINCT jsonb_build_object('number', l.number, 'title', l.title))
                 FROM offers f
                 JOIN lot_cells c ON c.id = f.lot_cell_id
                 JOIN lots l ON l.id = c.lot_id
                WHERE f.member_id = p.id) AS lots
         FROM members m
         JOIN organisations o ON o.id = m.organisation_id
         JOIN members p ON p.id = m.principal_id
         JOIN organisations po ON po.id = p.organisation_id
         JOIN bids b ON b.id = m.bid_id
         JOIN tenders t ON t.id = b.tender_id
        WHERE m.organisation_id = ANY($1::uuid[])
        ORDER BY t.deadline DESC, t.title, o.legal_name, m.id`,
      [organisationIds],
    );
    return rows.map((row) => ({
      ...row,
      lots: (row.lots ?? []).sort((a, b) => a.number - b.number),
    }));
  }

  /** The cells of the lots on which `principalId` offers: where its subcontractors may help. */
  async principalCells(principalId: string): Promise<PrincipalCellRow[]> {
    return this.db.tx
      .createQueryBuilder(LotCellEntity, 'cell')
      .innerJoin('cell.lot', 'lot')
      .innerJoin('cell.territory', 'territory')
      .select('cell.id', 'cellId')
      .addSelect('lot.number', 'lot')
      .addSelect('lot.title', 'lotTitle')
      .addSelect('territory.code', 'territory')
      .addSelect('territory.name', 'territoryName')
      .where('cell.removedById IS NULL')
      .andWhere((query) => {
        const offered = query
          .subQuery()
          .select('offered.lotId')
          .from(OfferEntity, 'offer')
          .innerJoin('offer.lotCell', 'offered')
          .where('offer.memberId = :principalId', { principalId })
          .getQuery();
        return `cell.lotId IN ${offered}`;
      })
      .orderBy('lot.number')
      .addOrderBy('territory.code')
      .getRawMany<PrincipalCellRow>();
  }

  /** What these subcontractors declared, by lot and territory. */
  async capacities(memberIds: readonly string[]): Promise<CapacityRow[]> {
    if (memberIds.length === 0) return [];
    const rows = await this.db.tx
      .createQueryBuilder(SubcontractorCapacityEntity, 'capacity')
      .innerJoin('capacity.lotCell', 'cell')
      .innerJoin('cell.lot', 'lot')
      .innerJoin('cell.territory', 'territory')
      .select('capacity.memberId', 'memberId')
      .addSelect('lot.number', 'lot')
      .addSelect('territory.code', 'territory')
      .addSelect('capacity.hours', 'hours')
      .where('capacity.memberId IN (:...memberIds)', { memberIds })
      .orderBy('lot.number')
      .addOrderBy('territory.code')
      .getRawMany<{ memberId: string; lot: number; territory: string; hours: string }>();
    return rows.map((row) => ({ ...row, hours: Number(row.hours) }));
  }

  async replaceCapacities(
    memberId: string,
    capacities: readonly { cellId: string; hours: number }[],
  ): Promise<void> {
    await this.db.tx.delete(SubcontractorCapacityEntity, { memberId });
    if (capacities.length === 0) return;
    await this.db.tx.insert(
      SubcontractorCapacityEntity,
      capacities.map((capacity) => ({
        memberId,
        lotCellId: capacity.cellId,
        hours: capacity.hours,
      })),
    );
  }

  /** The lot of this number in the bid's tender; null when there is none. */
  async lotId(bidId: string, lot: number): Promise<string | null> {
    const row = await this.db.tx
      .createQueryBuilder(LotEntity, 'lot')
      .innerJoin(BidEntity, 'bid', 'bid.tenderId = lot.tenderId')
      .select('lot.id', 'id')
      .where('bid.id = :bidId', { bidId })
      .andWhere('lot.number = :lot', { lot })
      .getRawOne<{ id: string }>();
    return row?.id ?? null;
  }

  /** The subcontracts `principalId` gives, by lot and subcontractor. */
  async subcontractsOf(bidId: string, principalId: string): Promise<SubcontractRow[]> {
    const rows = await this.db.tx.find(SubcontractEntity, {
      where: { bidId, principalId },
      relations: { lot: true, subcontractor: { organisation: true } },
      order: { lot: { number: 'ASC' }, subcontractor: { key: 'ASC' } },
    });
    return rows.map(subcontractRow);
  }

  /** Every subcontract of the bid, by principal, lot and subcontractor. */
  async subcontractsOfBid(bidId: string): Promise<SubcontractRow[]> {
    const rows = await this.db.tx.find(SubcontractEntity, {
      where: { bidId },
      relations: { lot: true, subcontractor: { organisation: true } },
      order: { principalId: 'ASC', lot: { number: 'ASC' }, subcontractor: { key: 'ASC' } },
    });
    return rows.map(subcontractRow);
  }

  /** Removes what `principalId` gave this subcontractor; answers the rows as they were. */
  async removeSubcontracts(
    bidId: string,
    principalId: string,
    subcontractorId: string,
  ): Promise<SubcontractRow[]> {
    const rows = await this.db.tx.find(SubcontractEntity, {
      where: { bidId, principalId, subcontractorId },
      relations: { lot: true, subcontractor: { organisation: true } },
      order: { lot: { number: 'ASC' } },
    });
    if (rows.length > 0) {
      await this.db.tx.delete(SubcontractEntity, { id: In(rows.map((row) => row.id)) });
    }
    return rows.map(subcontractRow);
  }

  /** The subcontract, its row held until commit; null when the principal gives no such one. */
  async lockSubcontract(
    bidId: string,
    principalId: string,
    subcontractId: string,
  ): Promise<SubcontractRow | null> {
    const row = await this.db.tx
      .createQueryBuilder(SubcontractEntity, 'subcontract')
      .innerJoinAndSelect('subcontract.lot', 'lot')
      .innerJoinAndSelect('subcontract.subcontractor', 'subcontractor')
      .innerJoinAndSelect('subcontractor.organisation', 'organisation')
      .where({ id: subcontractId, bidId, principalId })
      .setLock('pessimistic_write', undefined, ['subcontract'])
      .getOne();
    return row && subcontractRow(row);
  }

  /** Another subcontract of the same principal and subcontractor on the lot, if any. */
  async sameLot(
    principalId: string,
    subcontractorId: string,
    lotId: string,
  ): Promise<string | null> {
    const row = await this.db.tx.findOne(SubcontractEntity, {
      where: { principalId, subcontractorId, lotId },
      select: { id: true },
    });
    return row?.id ?? null;
  }

  async insertSubcontract(
    bidId: string,
    principalId: string,
    subcontractorId: string,
    values: SubcontractValues,
  ): Promise<string> {
    const { identifiers } = await this.db.tx.insert(SubcontractEntity, {
      bidId,
      principalId,
      subcontractorId,
      ...this.columns(values),
    });
    return String(identifiers[0]?.id);
  }

  async updateSubcontract(subcontractId: string, values: SubcontractValues): Promise<void> {
    await this.db.tx.update(SubcontractEntity, { id: subcontractId }, this.columns(values));
  }

  /** The members that match, with their organisation, by legal name (then key). */
  private membersByLegalName(where: FindOptionsWhere<MemberEntity>): Promise<MemberEntity[]> {
    return this.db.tx.find(MemberEntity, {
      where,
      relations: { organisation: true },
      order: { organisation: { legalName: 'ASC' }, key: 'ASC' },
    });
  }

  private columns(values: SubcontractValues) {
    return {
      lotId: values.lotId,
      kind: values.kind,
      nature: values.nature,
      durationMonths: values.durationMonths,
      maxAmountCents: values.amountExclVatCents,
      amountInclVatCents: values.amountInclVatCents,
      reverseCharge: values.reverseCharge,
    };
  }
}
