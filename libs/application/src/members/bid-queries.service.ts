import { Injectable } from '@nestjs/common';
import {
  type BidAccessScope,
  type BidView,
  type Principal,
  historyEntryFor,
  redactBidView,
  visibleOfferMembers,
} from '@cordage/domain';
import {
  AccessRepository,
  AuditLogRepository,
  BidReadRepository,
  BidViewCache,
  type OfferPage,
} from '@cordage/persistence';

export interface OffersQuery {
  limit: number;
  after?: string;
  lot?: number;
  member?: string;
}

/** Reading bids: what each person may see of them (no change, so no unit of work). */
@Injectable()
export class BidQueries {
  constructor(
    private readonly bids: BidReadRepository,
    private readonly access: AccessRepository,
    private readonly audit: AuditLogRepository,
    private readonly bidViews: BidViewCache,
  ) {}

  /** The bids a person coordinates, is a member of or observes, newest first. */
  async list(principal: Principal) {
    return this.bids.summaries(await this.access.visibleBidIds(principal));
  }

  /**
   * The bid as this person may see it (others' offers hidden unless shared); null if none. The
   * whole read is kept per revision and redacted per reader, so the reader is not part of the key.
   */
  async find(
    bidId: string,
    principal: Principal,
    scope: BidAccessScope,
    /** The bid's revision when the caller read it already (with the scope); else read here. */
    revision?: string | null,
  ): Promise<BidView | null> {
    const bid = await this.bidViews.read(bidId, revision);
    return bid && redactBidView(bid, visibleOfferMembers(principal, scope));
  }

  /** Offers a page at a time: every member's if the bid shares them, else the person's own. */
  offers(
    bidId: string,
    query: OffersQuery,
    principal: Principal,
    scope: BidAccessScope,
  ): Promise<OfferPage> {
    const visible = visibleOfferMembers(principal, scope);
    return this.bids.findOffers(bidId, {
      ...query,
      ...(visible !== 'ALL' && { memberIds: [...visible] }),
    });
  }

  /** One member's offers, a page at a time. */
  memberOffers(bidId: string, memberId: string, query: OffersQuery): Promise<OfferPage> {
    return this.bids.findOffers(bidId, { ...query, memberIds: [memberId] });
  }

  /**
   * The bid's history, newest first, as this person may see it (`historyEntryFor`); `next` reads
   * the page after. Each entry names who acted as people know them (`actorName`: the user's
   * display name; null for Cordage's own processes, an address no user has any more, or an actor
   * the reader is not told).
   */
  async history(
    bidId: string,
    page: { limit: number; beforeSeq?: string },
    principal: Principal,
    scope: BidAccessScope,
  ) {
    const visible = visibleOfferMembers(principal, scope);
    const entries = (await this.audit.forBid(bidId, page)).map((entry) =>
      historyEntryFor(
        {
          seq: entry.seq,
          occurredAt: entry.occurredAt,
          actor: entry.actor,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId,
          before: entry.before,
          after: entry.after,
        },
        visible,
      ),
    );
    const names = new Map<string, string | null>();
    for (const label of new Set(entries.map((entry) => entry.actor))) {
      const user = label.includes('@') ? await this.access.findUserByEmail(label) : null;
      names.set(label, user?.displayName ?? null);
    }
    return {
      items: entries.map((entry) => ({ ...entry, actorName: names.get(entry.actor) ?? null })),
      next: entries.length === page.limit ? (entries.at(-1)?.seq ?? null) : null,
    };
  }
}
