import { Injectable } from '@nestjs/common';
import type {
  MemberStatus,
  Preference,
  RenewalCarryOver,
  RenewalPreviousMember,
  RenewalPreviousOffer,
  RenewalRealised,
} from '@cordage/domain';
import { BidRenewalEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

/** What a renewal reads of the finished bid, besides its scenario and signed split. */
export interface RenewalPreviousFacts {
  networkId: string;
  members: (Omit<RenewalPreviousMember, 'charterVersion'> & { organisationId: string })[];
  /** Every member's offers on the cells still in the tender, those who left included. */
  offers: RenewalPreviousOffer[];
  /** The realised figures in force. */
  realised: RenewalRealised[];
  /** Months per period of each won lot's contract, by lot number. */
  periodMonths: Map<number, number>;
}

export interface RenewalRecord {
  bidId: string;
  previousBidId: string;
  previousReference: string;
  previousTitle: string;
  carryOver: RenewalCarryOver;
  createdAt: Date;
}

/** The renewals of finished bids: reads of the previous bid, and the link written once. */
@Injectable()
export class RenewalsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async previousFacts(bidId: string): Promise<RenewalPreviousFacts | null> {
    const [bid] = await this.db.tx.query<{ network_id: string }[]>(
      `SELECT network_id FROM bids WHERE id = $1`,
      [bidId],
    );
    if (!bid) return null;
    const members = await this.db.tx.query<
      {
        key: string;
        legal_name: string;
        status: MemberStatus;
        role: 'COTRAITANT' | 'SOUS_TRAITANT';
        organisation_id: string;
      }[]
    >(
      `SELECT m.key, o.legal_name, m.status, m.role, m.organisation_id
         FROM members m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.bid_id = $1 ORDER BY m.key`,
      [bidId],
    );
    const offers = await this.db.tx.query<
      { org: string; lot: number; territory: string; hours: string; preference: Preference }[]
    >(
      `SELECT m.key AS org, l.number AS lot, t.code AS territory, o.hours, o.preference
         FROM offers o JOIN members m ON m.id = o.member_id
         JOIN lot_cells c ON c.id = o.lot_cell_id JOIN lots l ON l.id = c.lot_id
         JOIN territories t ON t.id = c.territory_id
        WHERE m.bid_id = $1 AND c.removed_by_id IS NULL
        ORDER BY m.key, l.number, t.code`,
      [bidId],
    );
    const realised = await this.db.tx.query<
      { org: string; lot: number; territory: string; period: number; hours: string }[]
    >(
      `SELECT m.key AS org, l.number AS lot, t.code AS territory, f.period_number AS period, f.hours
         FROM realised_figures f JOIN members m ON m.id = f.member_id
         JOIN lot_cells c ON c.id = f.lot_cell_id JOIN lots l ON l.id = c.lot_id
         JOIN territories t ON t.id = c.territory_id
        WHERE f.bid_id = $1
        ORDER BY m.key, l.number, t.code, f.period_number`,
      [bidId],
    );
    const periods = await this.db.tx.query<{ lot: number; period_months: number }[]>(
      `SELECT l.number AS lot, a.period_months FROM lot_awards a JOIN lots l ON l.id = a.lot_id
        WHERE a.bid_id = $1 AND a.period_months IS NOT NULL`,
      [bidId],
    );
    return {
      networkId: bid.network_id,
      members: members.map((member) => ({
        key: member.key,
        legalName: member.legal_name,
        status: member.status,
        role: member.role,
        organisationId: member.organisation_id,
      })),
      offers: offers.map((offer) => ({ ...offer, hours: Number(offer.hours) })),
      realised: realised.map((figure) => ({ ...figure, hours: Number(figure.hours) })),
      periodMonths: new Map(periods.map((row) => [row.lot, row.period_months])),
    };
  }

  /** The settings the scenario does not carry, copied from the previous bid to the new one. */
  async copySettings(fromBidId: string, toBidId: string): Promise<void> {
    await this.db.tx.query(
      `UPDATE bids b SET transparency = p.transparency, convention_settings = p.convention_settings,
              reminder_days = p.reminder_days
         FROM bids p WHERE p.id = $1 AND b.id = $2`,
      [fromBidId, toBidId],
    );
  }

  async insert(row: {
    bidId: string;
    previousBidId: string;
    carryOver: RenewalCarryOver;
    createdBy: string | null;
  }): Promise<void> {
    await this.db.tx.insert(BidRenewalEntity, row);
  }

  /** The renewal the bid comes from; null when it renews none. */
  async ofBid(bidId: string): Promise<RenewalRecord | null> {
    const [row] = await this.db.tx.query<
      {
        previous_bid_id: string;
        reference: string;
        title: string;
        carry_over: RenewalCarryOver;
        created_at: Date;
      }[]
    >(
      `SELECT r.previous_bid_id, t.reference, t.title, r.carry_over, r.created_at
         FROM bid_renewals r JOIN bids p ON p.id = r.previous_bid_id
         JOIN tenders t ON t.id = p.tender_id
        WHERE r.bid_id = $1`,
      [bidId],
    );
    return row
      ? {
          bidId,
          previousBidId: row.previous_bid_id,
          previousReference: row.reference,
          previousTitle: row.title,
          carryOver: row.carry_over,
          createdAt: row.created_at,
        }
      : null;
  }

  /**
   * The names of a bid's cells as its members read them (a site's label, else the territory's
   * name), by lot number and territory code; cells a corrigendum removed included.
   */
  async cellNames(bidId: string): Promise<{ lot: number; territory: string; name: string }[]> {
    return this.db.tx.query<{ lot: number; territory: string; name: string }[]>(
      `SELECT l.number AS lot, t.code AS territory, COALESCE(c.label, t.name) AS name
         FROM bids b JOIN lots l ON l.tender_id = b.tender_id
         JOIN lot_cells c ON c.lot_id = l.id JOIN territories t ON t.id = c.territory_id
        WHERE b.id = $1`,
      [bidId],
    );
  }

  /** The bids that renew this one, oldest first. */
  async renewalsOf(
    previousBidId: string,
  ): Promise<{ bidId: string; reference: string; title: string; createdAt: Date }[]> {
    const rows = await this.db.tx.query<
      { bid_id: string; reference: string; title: string; created_at: Date }[]
    >(
      `SELECT r.bid_id, t.reference, t.title, r.created_at
         FROM bid_renewals r JOIN bids b ON b.id = r.bid_id JOIN tenders t ON t.id = b.tender_id
        WHERE r.previous_bid_id = $1 ORDER BY r.created_at, r.bid_id`,
      [previousBidId],
    );
    return rows.map((row) => ({
      bidId: row.bid_id,
      reference: row.reference,
      title: row.title,
      createdAt: row.created_at,
    }));
  }
}
