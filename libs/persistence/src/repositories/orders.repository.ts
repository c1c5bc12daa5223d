import { Injectable } from '@nestjs/common';
import type { MemberRole, MemberStatus } from '@cordage/domain';
import { OrderAssignmentEntity, OrderEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

/** An order to write, with its members' parts. */
export interface OrderRow {
  bidId: string;
  lotId: string;
  number: string;
  orderedOn: string;
  periodNumber: number;
  lotCellIds: string[];
  amountCents: number;
  recordedBy: string | null;
  assignments: { memberId: string; amountCents: number }[];
}

/** An order as read back: its cells by territory code, each member's part and realised. */
export interface OrderView {
  id: string;
  number: string;
  orderedOn: string;
  lot: number;
  period: number;
  territories: string[];
  amountCents: number;
  recordedAt: string;
  assignments: {
    memberId: string;
    member: string;
    legalName: string;
    amountCents: number;
    /** The revenue in force of the figures that name this order. */
    realisedCents: number;
  }[];
  realisedCents: number;
}

/** Orders of framework contracts: they only read and write, the use case decides. */
@Injectable()
export class OrdersRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** The organisation that is the bid's mandataire and its member's status; null if none. */
  async mandataire(
    bidId: string,
  ): Promise<{ organisationId: string; status: MemberStatus } | null> {
    const [row] = await this.db.tx.query<{ organisation_id: string; status: MemberStatus }[]>(
      `SELECT m.organisation_id, m.status FROM bids b
       JOIN members m ON m.bid_id = b.id AND m.organisation_id = b.mandataire_id
       WHERE b.id = $1`,
      [bidId],
    );
    return row ? { organisationId: row.organisation_id, status: row.status } : null;
  }

  /** The bid's members, by id, with their key, status, role and legal name. */
  async members(
    bidId: string,
  ): Promise<
    Map<string, { key: string; status: MemberStatus; role: MemberRole; legalName: string }>
  > {
    const rows = await this.db.tx.query<
      { id: string; key: string; status: MemberStatus; role: MemberRole; legal_name: string }[]
    >(
      `SELECT m.id, m.key, m.status, m.role, o.legal_name FROM members m
       JOIN organisations o ON o.id = m.organisation_id WHERE m.bid_id = $1`,
      [bidId],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        { key: row.key, status: row.status, role: row.role, legalName: row.legal_name },
      ]),
    );
  }

  /**
   * Each member's plan in force on these cells for one period (the planned periods, as re-plans
   * leave them), in cents.
   */
  async plannedOn(
    bidId: string,
    lotCellIds: readonly string[],
    period: number,
  ): Promise<{ memberId: string; plannedCents: number }[]> {
    const rows = await this.db.tx.query<{ member_id: string; planned: string }[]>(
      `SELECT member_id, sum(amount_cents) AS planned FROM planned_periods
       WHERE bid_id = $1 AND lot_cell_id = ANY($2::uuid[]) AND period_number = $3
       GROUP BY member_id`,
      [bidId, lotCellIds, period],
    );
    return rows.map((row) => ({ memberId: row.member_id, plannedCents: Number(row.planned) }));
  }

  /** Writes an order and its parts; null when the bid already has an order of that number. */
  async insert(order: OrderRow): Promise<string | null> {
    const { assignments, ...row } = order;
    const inserted = await this.db.tx
      .createQueryBuilder()
      .insert()
      .into(OrderEntity)
      .values(row)
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id ?? null;
    if (id === null) return null;
    await this.db.tx.insert(
      OrderAssignmentEntity,
      assignments.map((assignment) => ({ orderId: id, ...assignment })),
    );
    return id;
  }

  /**
   * The bid's orders, newest first (of one order only, when given), with their parts; the parts of
   * these members only unless null. Realised: the revenue in force of the figures naming the order.
   */
  async list(
    bidId: string,
    memberIds: readonly string[] | null,
    orderId?: string,
  ): Promise<OrderView[]> {
    const rows = await this.db.tx.query<Record<string, unknown>[]>(
      `SELECT o.id, o.number, to_char(o.ordered_on, 'YYYY-MM-DD') AS ordered_on, lot.number AS lot,
              o.period_number, o.amount_cents, o.created_at,
              (SELECT coalesce(array_agg(t.code ORDER BY t.code), '{}')
               FROM lot_cells c JOIN territories t ON t.id = c.territory_id
               WHERE c.id = ANY(o.lot_cell_ids)) AS territories,
              (SELECT coalesce(sum(f.revenue_cents), 0) FROM realised_figures f
               WHERE f.order_id = o.id) AS realised,
              (SELECT coalesce(json_agg(json_build_object('memberId', a.member_id, 'member', m.key,
                 'legalName', org.legal_name, 'amountCents', a.amount_cents,
                 'realisedCents', (SELECT coalesce(sum(f.revenue_cents), 0) FROM realised_figures f
                                   WHERE f.order_id = o.id AND f.member_id = a.member_id))
                 ORDER BY m.key), '[]')
               FROM order_assignments a JOIN members m ON m.id = a.member_id
               JOIN organisations org ON org.id = m.organisation_id
               WHERE a.order_id = o.id AND ($2::uuid[] IS NULL OR a.member_id = ANY($2))
              ) AS assignments
       FROM orders o JOIN lots lot ON lot.id = o.lot_id
       WHERE o.bid_id = $1 AND ($3::uuid IS NULL OR o.id = $3)
       ORDER BY o.ordered_on DESC, o.created_at DESC`,
      [bidId, memberIds, orderId ?? null],
    );
    return rows.map((row) => ({
      id: String(row.id),
      number: String(row.number),
      orderedOn: String(row.ordered_on),
      lot: Number(row.lot),
      period: Number(row.period_number),
      territories: row.territories as string[],
      amountCents: Number(row.amount_cents),
      recordedAt: new Date(row.created_at as Date).toISOString(),
      assignments: (
        row.assignments as {
          memberId: string;
          member: string;
          legalName: string;
          amountCents: number | string;
          realisedCents: number | string;
        }[]
      ).map((a) => ({
        ...a,
        amountCents: Number(a.amountCents),
        realisedCents: Number(a.realisedCents),
      })),
      realisedCents: Number(row.realised),
    }));
  }

  /** The orders of a bid with these ids: number, lot, cells and the members assigned. */
  async ordersFor(
    bidId: string,
    ids: readonly string[],
  ): Promise<
    Map<
      string,
      {
        number: string;
        lot: number;
        period: number;
        territories: Set<string>;
        assigned: Set<string>;
      }
    >
  > {
    if (ids.length === 0) return new Map();
    const rows = await this.db.tx.query<
      {
        id: string;
        number: string;
        lot: number;
        period_number: number;
        territories: string[];
        assigned: string[];
      }[]
    >(
      `SELECT o.id, o.number, lot.number AS lot, o.period_number,
              (SELECT coalesce(array_agg(t.code), '{}') FROM lot_cells c
               JOIN territories t ON t.id = c.territory_id
               WHERE c.id = ANY(o.lot_cell_ids)) AS territories,
              (SELECT coalesce(array_agg(a.member_id::text), '{}') FROM order_assignments a
               WHERE a.order_id = o.id) AS assigned
       FROM orders o JOIN lots lot ON lot.id = o.lot_id
       WHERE o.bid_id = $1 AND o.id = ANY($2::uuid[])`,
      [bidId, ids],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          number: row.number,
          lot: Number(row.lot),
          period: Number(row.period_number),
          territories: new Set(row.territories),
          assigned: new Set(row.assigned),
        },
      ]),
    );
  }

  /**
   * Members' parts of these orders against the revenue in force that names them (figures in
   * force only, after the writes of the current unit of work), one row per member and order.
   */
  async partsAgainstRealised(
    bidId: string,
    parts: readonly { memberId: string; orderId: string }[],
  ): Promise<
    {
      memberId: string;
      orderId: string;
      number: string;
      partCents: number;
      realisedCents: number;
    }[]
  > {
    if (parts.length === 0) return [];
    const rows = await this.db.tx.query<Record<string, string>[]>(
      `SELECT a.member_id, a.order_id, o.number, a.amount_cents,
              (SELECT coalesce(sum(f.revenue_cents), 0) FROM realised_figures f
               WHERE f.order_id = a.order_id AND f.member_id = a.member_id) AS realised
       FROM (SELECT DISTINCT * FROM unnest($2::uuid[], $3::uuid[]) AS k(member_id, order_id)) k
       JOIN order_assignments a ON a.member_id = k.member_id AND a.order_id = k.order_id
       JOIN orders o ON o.id = a.order_id AND o.bid_id = $1
       ORDER BY o.number, a.member_id`,
      [bidId, parts.map((part) => part.memberId), parts.map((part) => part.orderId)],
    );
    return rows.map((row) => ({
      memberId: String(row.member_id),
      orderId: String(row.order_id),
      number: String(row.number),
      partCents: Number(row.amount_cents),
      realisedCents: Number(row.realised),
    }));
  }
}
