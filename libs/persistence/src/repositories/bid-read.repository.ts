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
import { BidEntity, LotEntity, MemberEntity, OfferEntity, UserEntity } from '../entities';
import { centsTransformer } from '../entities/column-transformers';
import { preparedQuery, preparedRawMany } from '../prepared-query';
import { type BidRulesRow, type TenderRow, compositionRules } from './bid-rules.row';
import { type Db, InjectDb } from '../unit-of-work';

export interface OfferPage {
  items: OfferView[];
  /** Pass as `after` to read the next page; null on the last one. */
  next: string | null;
}

const toNumber = (value: string | number | null): number => Number(value ?? 0);

/** Cents as safe integers, as the entities read them (bigint arrives as text or JSON number). */
const cents = (value: string | number): number => centsTransformer.from(value) as number;

/**
 * A bid for display in one round trip: the bid, its tender and mandataire as columns; its lots
 * (cells with their offered totals), members (organisation, limits, offered totals) and
 * subcontracts as JSON built by Postgres, in the order people read them; and the bid's revision,
 * read in the same statement, so in the same snapshot as the rest (`BidViewCache`). Every table it
 * reads has the revision triggers (migration BidRevisions; `bid-revisions.int-spec.ts` checks).
 */
export const BID_SQL = `
  SELECT (SELECT r.revision FROM bid_revisions r WHERE r.bid_id = b.id) AS revision,
         b.id, b.status, b.network_id, b.transparency, b.created_at, b.consortium_form,
         b.min_members, b.min_of_kind, b.min_small_members, b.max_members, b.min_coverage_level, b.min_coverage_count, b.small_below_employees,
         b.max_total_cents, b.secondary_cost, b.convention_settings,
         t.id AS tender_id, t.reference, t.title, t.buyer_name, t.buyer_id_scheme,
         t.buyer_id_value, t.deadline, t.reserved, t.exclusive_membership,
         mandataire.id AS mandataire_id, mandataire.legal_name AS mandataire_name,
         coalesce((
           SELECT json_agg(json_build_object(
                    'id', l.id, 'number', l.number, 'title', l.title,
                    'amountCents', l.amount_cents, 'insertionHours', l.insertion_hours,
                    'cells', coalesce((
                      SELECT json_agg(json_build_object(
                               'id', c.id, 'territory', territory.code,
                               'territoryName', territory.name, 'parent', parent.code,
                               'label', c.label, 'demandHours', c.demand_hours,
                               'offeredHours', coalesce(offered.hours, 0),
                               'offerCount', offered.count)
                             ORDER BY territory.code, c.id)
                        FROM lot_cells c
                        JOIN territories territory ON territory.id = c.territory_id
                        LEFT JOIN territories parent ON parent.id = territory.parent_id
                        CROSS JOIN LATERAL (
                          SELECT sum(o.hours) AS hours, count(*)::int AS count
                            FROM offers o WHERE o.lot_cell_id = c.id) offered
                       WHERE c.lot_id = l.id AND c.removed_by_id IS NULL), '[]'))
                  ORDER BY l.number)
             FROM lots l WHERE l.tender_id = t.id), '[]') AS lots,
         coalesce((
           SELECT json_agg(json_build_object(
                    'id', m.id, 'key', m.key, 'role', m.role, 'status', m.status,
                    'declineReason', m.decline_reason, 'lastRemindedAt',
                    to_char(m.last_reminded_at AT TIME ZONE 'UTC',
                            'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                    'organisation', json_build_object(
                      'id', org.id, 'legalName', org.legal_name, 'kind', org.kind,
                      'idScheme', org.id_scheme, 'idValue', org.id_value,
                      'employees', own.staff,
                      'home', coalesce(own.territories[1], home.code, ''),
                      'representative', jsonb_build_object(
                        'name', coalesce(own.representatives->0->>'name', ''),
                        'title', coalesce(own.representatives->0->>'title', ''),
                        'email', coalesce(lower(own.representatives->0->>'email'), ''))),
                    'insertionHoursMax', m.insertion_hours_max,
                    'limits', CASE WHEN ml.member_id IS NOT NULL THEN json_build_object(
                      'maxHours', ml.max_hours, 'maxRevenueCents', ml.max_revenue_cents) END,
                    'offerCount', offered.count,
                    'offeredHours', coalesce(offered.hours, 0))
                  ORDER BY m.key)
             FROM members m
             JOIN organisations org ON org.id = m.organisation_id
             -- What the bid's own network entered of the organisation, never what another
             -- network entered (issue 17): the shared row holds identifier, name and kind only.
             LEFT JOIN network_organisations own
               ON own.network_id = b.network_id AND own.organisation_id = org.id
             LEFT JOIN territories home ON home.id = own.home_territory_id
             LEFT JOIN member_limits ml ON ml.member_id = m.id
             CROSS JOIN LATERAL (
               -- Offers on a cell a corrigendum removed are kept, but offer nothing any more.
               SELECT sum(o.hours) AS hours, count(*)::int AS count
                 FROM offers o JOIN lot_cells c ON c.id = o.lot_cell_id AND c.removed_by_id IS NULL
                WHERE o.member_id = m.id) offered
            WHERE m.bid_id = b.id), '[]') AS members,
         coalesce((
           SELECT json_agg(json_build_object(
                    'id', s.id, 'lot', l.number, 'principal', principal.key,
                    'subcontractor', subcontractor.key, 'kind', s.kind, 'nature', s.nature,
                    'maxAmountCents', s.max_amount_cents)
                  ORDER BY l.number, principal.key)
             FROM subcontracts s
             JOIN lots l ON l.id = s.lot_id
             JOIN members principal ON principal.id = s.principal_id
             JOIN members subcontractor ON subcontractor.id = s.subcontractor_id
            WHERE s.bid_id = b.id), '[]') AS subcontracts
    FROM bids b
    JOIN tenders t ON t.id = b.tender_id
    JOIN organisations mandataire ON mandataire.id = b.mandataire_id
   WHERE b.id = $1`;

/** The revision alone: what a request reads before it serves a bid's read it keeps. */
const REVISION_SQL = `SELECT revision FROM bid_revisions WHERE bid_id = $1`;

/** A bid's read and the revision it was read at (null for a bid not yet committed). */
export interface BidViewAtRevision {
  view: BidView;
  revision: string | null;
}

interface BidRow extends BidRulesRow, TenderRow {
  revision: string | null;
  id: string;
  status: string;
  network_id: string;
  transparency: BidView['transparency'];
  created_at: Date;
  consortium_form: BidView['consortium']['form'];
  convention_settings: unknown;
  tender_id: string;
  mandataire_id: string;
  mandataire_name: string;
  lots: Omit<LotView, 'demandHours' | 'offeredHours'>[];
  members: MemberView[];
  subcontracts: SubcontractView[];
}

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

  /** The bid as people read it, totals included: one query. */
  async findBid(bidId: string): Promise<BidView | null> {
    return (await this.findBidAtRevision(bidId))?.view ?? null;
  }

  /**
   * The bid's current revision (a new one at each commit that changed its read); null when the bid
   * does not exist, or only in the running transaction.
   */
  async revision(bidId: string): Promise<string | null> {
    const [row] = await preparedQuery<{ revision: string }>(this.db.tx, REVISION_SQL, [bidId]);
    return row?.revision ?? null;
  }

  /** `findBid` and the revision it shows, from one snapshot. */
  async findBidAtRevision(bidId: string): Promise<BidViewAtRevision | null> {
    const [bid] = await preparedQuery<BidRow>(this.db.tx, BID_SQL, [bidId]);
    if (!bid) return null;
    return { view: this.toView(bid), revision: bid.revision };
  }

  private toView(bid: BidRow): BidView {
    const lots: LotView[] = bid.lots.map(({ cells, ...lot }) => ({
      ...lot,
      amountCents: cents(lot.amountCents),
      demandHours: cells.reduce((total, cell) => total + cell.demandHours, 0),
      offeredHours: cells.reduce((total, cell) => total + cell.offeredHours, 0),
      cells,
    }));
    const members: MemberView[] = bid.members.map((member) => ({
      ...member,
      limits: member.limits && {
        maxHours: member.limits.maxHours,
        maxRevenueCents:
          member.limits.maxRevenueCents === null ? null : cents(member.limits.maxRevenueCents),
      },
    }));
    const subcontracts: SubcontractView[] = bid.subcontracts.map((subcontract) => ({
      ...subcontract,
      maxAmountCents: cents(subcontract.maxAmountCents),
    }));
    const sum = <T>(items: T[], value: (item: T) => number) =>
      items.reduce((total, item) => total + value(item), 0);
    return {
      id: bid.id,
      status: bid.status,
      networkId: bid.network_id,
      transparency: bid.transparency,
      offersShared: true,
      createdAt: bid.created_at.toISOString(),
      tender: {
        id: bid.tender_id,
        reference: bid.reference,
        title: bid.title,
        buyer: { name: bid.buyer_name, idScheme: bid.buyer_id_scheme, id: bid.buyer_id_value },
        deadline: toZonedIso(bid.deadline, procurementTimeZone(bid.buyer_id_scheme)),
        reserved: bid.reserved,
        exclusiveMembership: bid.exclusive_membership,
      },
      consortium: {
        form: bid.consortium_form,
        mandataire: { organisationId: bid.mandataire_id, legalName: bid.mandataire_name },
        rules: {
          ...compositionRules(bid),
          ...(bid.max_total_cents !== null && { maxTotalCents: cents(bid.max_total_cents) }),
        },
        policy: { secondaryCost: Number(bid.secondary_cost) },
        convention: conventionSettingsSchema.parse(bid.convention_settings),
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
      .leftJoin('offer.outdatedBy', 'corrigendum')
      .addSelect('corrigendum.number', 'corrigendum')
      .addSelect('offer.outdatedReason', 'outdatedReason')
      .leftJoin(UserEntity, 'author', 'author.id = offer.enteredById')
      .addSelect('author.displayName', 'enteredBy')
      .addSelect('offer.onBehalf', 'onBehalf')
      .addSelect('offer.enteredAt', 'enteredAt')
      .where('member.bidId = :bidId', { bidId })
      .orderBy('offer.id')
      .limit(page.limit + 1);
    if (page.lot !== undefined) query.andWhere('lot.number = :lot', { lot: page.lot });
    if (page.member !== undefined) query.andWhere('member.key = :member', { member: page.member });
    if (page.after !== undefined) query.andWhere('offer.id > :after', { after: page.after });
    if (page.memberIds !== undefined) {
      query.andWhere('offer.memberId = ANY(:memberIds::uuid[])', { memberIds: page.memberIds });
    }
    // Prepared: its planning cost more than its run (1.5 ms against 0.4 ms for a member's page).
    const rows = await preparedRawMany<{
      id: string;
      member: string;
      lot: number;
      territory: string;
      hours: string;
      preference: OfferView['preference'];
      corrigendum: number | null;
      outdatedReason: string | null;
      enteredBy: string | null;
      onBehalf: boolean;
      enteredAt: Date;
    }>(this.db.tx, query);
    const items = rows
      .slice(0, page.limit)
      .map(
        ({ corrigendum, outdatedReason, enteredBy, onBehalf, enteredAt, ...row }): OfferView => ({
          ...row,
          hours: toNumber(row.hours),
          outdated: corrigendum === null ? null : { corrigendum, reason: outdatedReason ?? '' },
          entered:
            enteredBy === null ? null : { by: enteredBy, onBehalf, at: enteredAt.toISOString() },
        }),
      );
    return { items, next: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
  }
}
