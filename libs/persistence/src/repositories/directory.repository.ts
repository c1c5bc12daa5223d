import { Injectable } from '@nestjs/common';
import {
  type BidStatus,
  type DirectoryDetails,
  type IdentifierScheme,
  OPEN_BID_STATUSES,
  type OrganisationKind,
} from '@cordage/domain';
import { NetworkOrganisationEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

/** An organisation as its network's directory holds it. */
export interface DirectoryRow {
  organisationId: string;
  idScheme: IdentifierScheme;
  idValue: string;
  legalName: string;
  kind: OrganisationKind;
  details: DirectoryDetails;
  updatedAt: Date;
}

export interface DirectoryFilters {
  /** Words of the legal name, or digits of the identifier. */
  search?: string;
  kind?: OrganisationKind;
  /** An official territory's code among those where it works. */
  territory?: string;
  /** Staff from (included) and below (excluded). */
  staffFrom?: number;
  staffBelow?: number | null;
  limit: number;
  offset: number;
}

/** One bid of the network the organisation is a member of. */
export interface DirectoryBid {
  bidId: string;
  reference: string;
  title: string;
  status: BidStatus;
  memberId: string;
  memberStatus: string;
  role: string;
}

/** What a member declared and was allocated in one open bid. */
export interface CommitmentRow {
  organisationId: string;
  bidId: string;
  reference: string;
  title: string;
  declaredHours: number;
  declaredRevenueCents: number | null;
  declaredInsertionHours: number | null;
  /** False while the bid has no allocation. */
  allocated: boolean;
  allocatedHours: number;
  allocatedRevenueCents: number;
  allocatedInsertionHours: number;
}

interface RawDirectoryRow {
  organisation_id: string;
  id_scheme: IdentifierScheme;
  id_value: string;
  legal_name: string;
  kind: OrganisationKind;
  legal_form: DirectoryDetails['legalForm'];
  address: string | null;
  staff: number | null;
  approval_number: string | null;
  approval_date: string | null;
  territories: string[];
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  representatives: DirectoryDetails['representatives'];
  max_hours: number | null;
  max_revenue_cents: string | null;
  max_insertion_hours: number | null;
  updated_at: Date;
}

const SELECT = `SELECT o.id AS organisation_id, o.id_scheme, o.id_value, o.legal_name, o.kind,
    n.legal_form, n.address, n.staff, to_char(n.approval_date, 'YYYY-MM-DD') AS approval_date,
    n.approval_number, n.territories, n.contact_name, n.contact_email, n.contact_phone,
    n.representatives, n.max_hours, n.max_revenue_cents, n.max_insertion_hours, n.updated_at
  FROM network_organisations n JOIN organisations o ON o.id = n.organisation_id`;

function toRow(raw: RawDirectoryRow): DirectoryRow {
  return {
    organisationId: raw.organisation_id,
    idScheme: raw.id_scheme,
    idValue: raw.id_value,
    legalName: raw.legal_name,
    kind: raw.kind,
    details: {
      legalForm: raw.legal_form,
      address: raw.address,
      staff: raw.staff,
      approvalNumber: raw.approval_number,
      approvalDate: raw.approval_date,
      territories: raw.territories,
      contactName: raw.contact_name,
      contactEmail: raw.contact_email,
      contactPhone: raw.contact_phone,
      representatives: raw.representatives,
      limits: {
        maxHours: raw.max_hours,
        maxRevenueCents: raw.max_revenue_cents === null ? null : Number(raw.max_revenue_cents),
        maxInsertionHours: raw.max_insertion_hours,
      },
    },
    updatedAt: raw.updated_at,
  };
}

function columnsOf(details: DirectoryDetails) {
  return {
    legalForm: details.legalForm,
    address: details.address,
    staff: details.staff,
    approvalNumber: details.approvalNumber,
    approvalDate: details.approvalDate,
    territories: details.territories,
    contactName: details.contactName,
    contactEmail: details.contactEmail,
    contactPhone: details.contactPhone,
    representatives: details.representatives,
    maxHours: details.limits.maxHours,
    maxRevenueCents: details.limits.maxRevenueCents,
    maxInsertionHours: details.limits.maxInsertionHours,
  };
}

/** Escapes LIKE's wildcards in what a person typed. */
const literal = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** A network's directory: its rows only, never another network's. */
@Injectable()
export class DirectoryRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(
    networkId: string,
    filters: DirectoryFilters,
  ): Promise<{ rows: DirectoryRow[]; total: number }> {
    const where = ['n.network_id = $1'];
    const params: unknown[] = [networkId];
    const add = (clause: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    const search = filters.search?.trim();
    if (search) {
      add(
        (p) =>
          `(o.legal_name ILIKE '%' || ${p} || '%' OR o.id_value LIKE regexp_replace(${p}, '[\\s.-]', '', 'g') || '%')`,
        literal(search),
      );
    }
    if (filters.kind) add((p) => `o.kind = ${p}`, filters.kind);
    if (filters.territory) add((p) => `${p} = ANY(n.territories)`, filters.territory);
    if (filters.staffFrom !== undefined) add((p) => `n.staff >= ${p}`, filters.staffFrom);
    if (filters.staffBelow !== undefined && filters.staffBelow !== null) {
      add((p) => `n.staff < ${p}`, filters.staffBelow);
    }
    const condition = where.join(' AND ');
    const [count] = await this.db.tx.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM network_organisations n
       JOIN organisations o ON o.id = n.organisation_id WHERE ${condition}`,
      params,
    );
    const rows = await this.db.tx.query<RawDirectoryRow[]>(
      `${SELECT} WHERE ${condition} ORDER BY o.legal_name, o.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filters.limit, filters.offset],
    );
    return { rows: rows.map(toRow), total: count?.total ?? 0 };
  }

  async find(networkId: string, organisationId: string): Promise<DirectoryRow | null> {
    const [row] = await this.db.tx.query<RawDirectoryRow[]>(
      `${SELECT} WHERE n.network_id = $1 AND n.organisation_id = $2`,
      [networkId, organisationId],
    );
    return row ? toRow(row) : null;
  }

  /** The entry, its row held until commit; null when the network does not list it. */
  async lock(networkId: string, organisationId: string): Promise<DirectoryRow | null> {
    await this.db.tx.query(
      `SELECT 1 FROM network_organisations WHERE network_id = $1 AND organisation_id = $2
       FOR UPDATE`,
      [networkId, organisationId],
    );
    return this.find(networkId, organisationId);
  }

  /** Holds the network's directory until commit: imports and additions go one at a time. */
  async lockNetwork(networkId: string): Promise<void> {
    await this.db.tx.query('SELECT 1 FROM networks WHERE id = $1 FOR UPDATE', [networkId]);
  }

  /**
   * Which of these organisations the network already lists, each with whether its entry is bare:
   * written when a bid brought it in, nothing entered through the directory yet (no territory,
   * contact, approval date or limit; what an invitation or a scenario file gave may be there).
   */
  async listed(
    networkId: string,
    organisationIds: readonly string[],
  ): Promise<Map<string, { bare: boolean }>> {
    if (organisationIds.length === 0) return new Map();
    const rows = await this.db.tx.query<{ organisation_id: string; bare: boolean }[]>(
      `SELECT organisation_id,
              cardinality(territories) = 0 AND contact_name IS NULL AND contact_email IS NULL
                AND contact_phone IS NULL AND approval_date IS NULL AND max_hours IS NULL
                AND max_revenue_cents IS NULL AND max_insertion_hours IS NULL AS bare
       FROM network_organisations
       WHERE network_id = $1 AND organisation_id = ANY($2::uuid[])
       FOR UPDATE`,
      [networkId, [...organisationIds]],
    );
    return new Map(rows.map((row) => [row.organisation_id, { bare: row.bare }]));
  }

  /** The organisations known by these identifiers, by `SCHEME:value`. */
  async organisationsByIdentifier(
    identifiers: readonly { idScheme: IdentifierScheme; idValue: string }[],
  ): Promise<Map<string, string>> {
    if (identifiers.length === 0) return new Map();
    const rows = await this.db.tx.query<{ id: string; id_scheme: string; id_value: string }[]>(
      `SELECT id, id_scheme, id_value FROM organisations
       WHERE (id_scheme, id_value) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [identifiers.map((id) => id.idScheme), identifiers.map((id) => id.idValue)],
    );
    return new Map(rows.map((row) => [`${row.id_scheme}:${row.id_value}`, row.id]));
  }

  /**
   * Belgian NIS codes exist without a seeded list: the first to name one declares it (named by its
   * code, as a scenario's import does). Raw SQL: INSERT … ON CONFLICT on a partial index.
   */
  async declareBelgianTerritories(codes: readonly string[]): Promise<void> {
    if (codes.length === 0) return;
    await this.db.tx.query(
      `INSERT INTO territories (code, level, name) SELECT code, 'BE', code FROM unnest($1::text[]) AS code
       ON CONFLICT (code) WHERE bid_id IS NULL DO NOTHING`,
      [[...new Set(codes)]],
    );
  }

  /** The ids of the official territories with these codes, by code. */
  async officialTerritories(codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.db.tx.query<{ id: string; code: string }[]>(
      `SELECT id, code FROM territories WHERE bid_id IS NULL AND code = ANY($1::text[])`,
      [[...new Set(codes)]],
    );
    return new Map(rows.map((row) => [row.code, row.id]));
  }

  async insert(networkId: string, organisationId: string, details: DirectoryDetails) {
    await this.db.tx.insert(NetworkOrganisationEntity, {
      networkId,
      organisationId,
      ...columnsOf(details),
    });
  }

  async update(networkId: string, organisationId: string, details: DirectoryDetails) {
    await this.db.tx.update(
      NetworkOrganisationEntity,
      { networkId, organisationId },
      columnsOf(details),
    );
  }

  /**
   * Completes a bare entry with what the directory gives: a detail left empty keeps what a bid
   * of the network gave (staff, address, representatives...), never erased by the completion.
   */
  async complete(networkId: string, organisationId: string, details: DirectoryDetails) {
    const entry = await this.db.tx.findOneByOrFail(NetworkOrganisationEntity, {
      networkId,
      organisationId,
    });
    const given = columnsOf(details);
    await this.db.tx.update(
      NetworkOrganisationEntity,
      { networkId, organisationId },
      {
        ...given,
        legalForm: given.legalForm ?? entry.legalForm,
        address: given.address ?? entry.address,
        staff: given.staff ?? entry.staff,
        approvalNumber: given.approvalNumber ?? entry.approvalNumber,
        representatives:
          given.representatives.length > 0 ? given.representatives : entry.representatives,
      },
    );
  }

  /** The network's bids the organisation is a member of, the latest first. */
  async bidsOf(networkId: string, organisationId: string): Promise<DirectoryBid[]> {
    const rows = await this.db.tx.query<
      {
        bid_id: string;
        reference: string;
        title: string;
        status: BidStatus;
        member_id: string;
        member_status: string;
        role: string;
      }[]
    >(
      `SELECT b.id AS bid_id, t.reference, t.title, b.status, m.id AS member_id,
              m.status AS member_status, m.role
       FROM members m JOIN bids b ON b.id = m.bid_id JOIN tenders t ON t.id = b.tender_id
       WHERE b.network_id = $1 AND m.organisation_id = $2
       ORDER BY b.created_at DESC, b.id`,
      [networkId, organisationId],
    );
    return rows.map((row) => ({
      bidId: row.bid_id,
      reference: row.reference,
      title: row.title,
      status: row.status,
      memberId: row.member_id,
      memberStatus: row.member_status,
      role: row.role,
    }));
  }

  /**
   * What each member declared (offers, revenue cap, insertion hours) and was allocated (the
   * allocation agreed, else proposed, else the latest) in the network's open bids; for some
   * organisations only, or all.
   */
  async commitments(
    networkId: string,
    organisationIds: readonly string[] | null,
  ): Promise<CommitmentRow[]> {
    const rows = await this.db.tx.query<
      {
        organisation_id: string;
        bid_id: string;
        reference: string;
        title: string;
        declared_hours: string;
        declared_revenue_cents: string | null;
        declared_insertion_hours: number | null;
        allocated: boolean;
        allocated_hours: string | null;
        allocated_revenue_cents: string | null;
        allocated_insertion_hours: string | null;
      }[]
    >(
      `SELECT m.organisation_id, b.id AS bid_id, t.reference, t.title,
              coalesce((SELECT sum(o.hours) FROM offers o WHERE o.member_id = m.id), 0)
                AS declared_hours,
              l.max_revenue_cents AS declared_revenue_cents,
              m.insertion_hours_max AS declared_insertion_hours,
              v.result IS NOT NULL AS allocated,
              a.hours AS allocated_hours, a.amount_cents AS allocated_revenue_cents,
              a.insertion_hours AS allocated_insertion_hours
       FROM members m
       JOIN bids b ON b.id = m.bid_id
       JOIN tenders t ON t.id = b.tender_id
       LEFT JOIN member_limits l ON l.member_id = m.id
       LEFT JOIN LATERAL (
         SELECT av.result FROM allocation_versions av WHERE av.bid_id = b.id
         ORDER BY (av.id = b.agreed_version_id) DESC, (av.id = b.proposed_version_id) DESC,
                  av.number DESC
         LIMIT 1) v ON true
       LEFT JOIN LATERAL (
         SELECT sum((line->>'hours')::numeric) AS hours,
                sum((line->>'amountCents')::bigint) AS amount_cents,
                sum((line->>'insertionHours')::numeric) AS insertion_hours
         FROM jsonb_array_elements(coalesce(v.result->'members', '[]'::jsonb)) line
         WHERE line->>'org' = m.key) a ON true
       WHERE b.network_id = $1 AND b.status = ANY($2::text[])
         AND m.status NOT IN ('DECLINED', 'WITHDRAWN')
         AND ($3::uuid[] IS NULL OR m.organisation_id = ANY($3::uuid[]))
       ORDER BY m.organisation_id, b.created_at, b.id`,
      [networkId, [...OPEN_BID_STATUSES], organisationIds === null ? null : [...organisationIds]],
    );
    const number = (value: string | null) => (value === null ? 0 : Number(value));
    return rows.map((row) => ({
      organisationId: row.organisation_id,
      bidId: row.bid_id,
      reference: row.reference,
      title: row.title,
      declaredHours: Number(row.declared_hours),
      declaredRevenueCents:
        row.declared_revenue_cents === null ? null : Number(row.declared_revenue_cents),
      declaredInsertionHours: row.declared_insertion_hours,
      allocated: row.allocated,
      allocatedHours: number(row.allocated_hours),
      allocatedRevenueCents: number(row.allocated_revenue_cents),
      allocatedInsertionHours: number(row.allocated_insertion_hours),
    }));
  }

  /** The organisations of the network's directory that declared at least one limit. */
  async withLimits(networkId: string): Promise<DirectoryRow[]> {
    const rows = await this.db.tx.query<RawDirectoryRow[]>(
      `${SELECT} WHERE n.network_id = $1 AND (n.max_hours IS NOT NULL
         OR n.max_revenue_cents IS NOT NULL OR n.max_insertion_hours IS NOT NULL)
       ORDER BY o.legal_name, o.id`,
      [networkId],
    );
    return rows.map(toRow);
  }
}
