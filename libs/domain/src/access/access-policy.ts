import { type MemberStatus, hasLeft } from '../members';
import type { Principal } from './principal';

/** Whether members see each other's offers, or only the allocation. */
export const TRANSPARENCIES = ['OPEN', 'ALLOCATION_ONLY'] as const;
export type Transparency = (typeof TRANSPARENCIES)[number];

/** A bid as the policy needs to know it. */
export interface BidAccessScope {
  bidId: string;
  networkId: string;
  transparency: Transparency;
  /** memberId -> organisationId, for every member of the bid. */
  members: ReadonlyMap<string, string>;
  /**
   * The members that are only subcontractors (role SOUS_TRAITANT): their people see their own
   * principal's lots and their own declarations, never the bid.
   */
  subcontractors: ReadonlySet<string>;
  /**
   * The members that left the bid (WITHDRAWN) or never joined it (DECLINED): their people keep
   * sight of the bid and of their own lines, never of the others' figures.
   */
  departed: ReadonlySet<string>;
}

/**
 * Everything a route may ask permission for. Each api route declares exactly one; the access
 * guard resolves the object it names and asks `decide`.
 */
export enum Permission {
  /** Anyone, signed in or not (health, docs, asking for a login link). */
  PUBLIC = 'PUBLIC',
  /** Any signed-in user, about themselves (my profile, my bids, logout). */
  SIGNED_IN = 'SIGNED_IN',
  PLATFORM_ADMIN = 'PLATFORM_ADMIN',
  /** Create a bid in a network (import a scenario). */
  NETWORK_CREATE_BID = 'NETWORK_CREATE_BID',
  /** Run a network: its charter, its directory of organisations. Its coordinators. */
  NETWORK_MANAGE = 'NETWORK_MANAGE',
  /**
   * Read the network's directory of organisations and their commitments across its bids: its
   * coordinators (and platform admins). A viewer of the network does not see the members' limits.
   */
  NETWORK_DIRECTORY_READ = 'NETWORK_DIRECTORY_READ',
  /** Follow a job one started, or one of a network one coordinates. */
  JOB_READ = 'JOB_READ',
  BID_READ = 'BID_READ',
  BID_MANAGE = 'BID_MANAGE',
  /** A member's own answer to an invitation, its data and offers. */
  MEMBER_EDIT = 'MEMBER_EDIT',
  /**
   * Change a member's particulars (legal form, address, approval, capacity): its own editors and
   * the bid's coordinators, who often enter them for the small structures of their network.
   */
  MEMBER_PARTICULARS_EDIT = 'MEMBER_PARTICULARS_EDIT',
  /**
   * Declare for a member: its capacities before the award, its realised figures after. Its own
   * editors, or the bid's coordinators on its behalf (by phone, say), recorded as such.
   */
  MEMBER_REPORT = 'MEMBER_REPORT',
  /** Read a member's particulars: whoever sees the bid (the convention prints them for all). */
  MEMBER_READ = 'MEMBER_READ',
  /** Read one member's offers. */
  MEMBER_OFFERS_READ = 'MEMBER_OFFERS_READ',
  /**
   * A member's subcontractors and subcontracts (the route's member is the principal): its own
   * editors and the bid's coordinators.
   */
  MEMBER_SUBCONTRACTS_MANAGE = 'MEMBER_SUBCONTRACTS_MANAGE',
  /**
   * A subcontractor's own answer and declaration (the route's member is the subcontractor): its
   * editors only, who see nothing else of the bid.
   */
  SUBCONTRACTOR_EDIT = 'SUBCONTRACTOR_EDIT',
  /** Sign for a member: its signatory only (codes, signatures, its own certificate). */
  MEMBER_SIGN = 'MEMBER_SIGN',
  /** Approve a report for a member (the annual shared evaluation): its signatory or an editor. */
  MEMBER_APPROVE = 'MEMBER_APPROVE',
  /** Confirm or refuse a request to represent an organisation: its people, or an admin. */
  REPRESENTATION_DECIDE = 'REPRESENTATION_DECIDE',
}

/** What a hidden refusal is about: it is answered exactly as if that object did not exist. */
export type HiddenObject = 'bid' | 'member' | 'job' | 'network' | 'representation';

/** Allowed, refused as hidden (the caller may not learn the object exists: 404), or refused (403). */
export type Decision =
  | { allowed: true }
  | { allowed: false; hidden: true; object: HiddenObject; reason: string }
  | { allowed: false; hidden: false; reason: string };

const ALLOW: Decision = { allowed: true };
const hide = (object: HiddenObject, reason: string): Decision => ({
  allowed: false,
  hidden: true,
  object,
  reason,
});
const forbid = (reason: string): Decision => ({ allowed: false, hidden: false, reason });

/**
 * The members of the bid that this principal edits or signs for, as co-contractors: being
 * someone's subcontractor opens no door to the bid.
 */
function ownMembers(principal: Principal, bid: BidAccessScope): string[] {
  return [...bid.members]
    .filter(
      ([memberId, organisationId]) =>
        !bid.subcontractors.has(memberId) &&
        (principal.editorOf.has(organisationId) || principal.signatoryOf.has(organisationId)),
    )
    .map(([memberId]) => memberId);
}

/**
 * Whether this principal reads every member's figures: coordinators always; under an OPEN
 * transparency, whoever sees the bid, except the people of members that left it or never joined.
 */
function readsEveryMember(principal: Principal, bid: BidAccessScope): boolean {
  if (coordinates(principal, bid)) return true;
  if (bid.transparency !== 'OPEN') return false;
  if (principal.viewerOfBids.has(bid.bidId) || principal.viewerOfNetworks.has(bid.networkId))
    return true;
  return ownMembers(principal, bid).some((memberId) => !bid.departed.has(memberId));
}

/** Edits one of the bid's subcontractors (and may so learn that the bid exists). */
function editsASubcontractor(principal: Principal, bid: BidAccessScope): boolean {
  return [...bid.subcontractors].some((memberId) => {
    const organisationId = bid.members.get(memberId);
    return organisationId !== undefined && principal.editorOf.has(organisationId);
  });
}

/** A subcontractor's own routes: its editors, 403 for whoever else knows the bid, 404 otherwise. */
function decideSubcontractor(
  principal: Principal,
  bid: BidAccessScope,
  memberId: string | undefined,
): Decision {
  const knowsBid = seesBid(principal, bid) || editsASubcontractor(principal, bid);
  if (!knowsBid) return hide('bid', 'cette candidature ne vous est pas accessible');
  const organisationId = memberId === undefined ? undefined : bid.members.get(memberId);
  if (organisationId === undefined || memberId === undefined || !bid.subcontractors.has(memberId))
    return hide('member', 'sous-traitant inconnu dans cette candidature');
  return principal.editorOf.has(organisationId)
    ? ALLOW
    : forbid('seul un éditeur de ce sous-traitant agit pour lui');
}

export function coordinates(principal: Principal, bid: BidAccessScope): boolean {
  return principal.platformAdmin || principal.coordinatorOf.has(bid.networkId);
}

/** May see the bid at all: its coordinators, its members' people, its viewers. */
export function seesBid(principal: Principal, bid: BidAccessScope): boolean {
  return (
    coordinates(principal, bid) ||
    principal.viewerOfBids.has(bid.bidId) ||
    principal.viewerOfNetworks.has(bid.networkId) ||
    ownMembers(principal, bid).length > 0
  );
}

/**
 * The one place that decides who may do what. Pure: the caller resolves the objects, this
 * function only reads them.
 */
export function decideBid(
  principal: Principal,
  permission: Permission,
  bid: BidAccessScope,
  memberId?: string,
): Decision {
  if (permission === Permission.SUBCONTRACTOR_EDIT)
    return decideSubcontractor(principal, bid, memberId);
  if (!seesBid(principal, bid)) return hide('bid', 'cette candidature ne vous est pas accessible');
  switch (permission) {
    case Permission.BID_READ:
      return ALLOW;
    case Permission.BID_MANAGE:
      return coordinates(principal, bid)
        ? ALLOW
        : forbid('seuls les coordinateurs de la candidature peuvent faire cela');
    case Permission.MEMBER_EDIT: {
      const organisationId = memberId === undefined ? undefined : bid.members.get(memberId);
      if (organisationId === undefined)
        return hide('member', 'membre inconnu dans cette candidature');
      return principal.editorOf.has(organisationId)
        ? ALLOW
        : forbid('seul un éditeur de ce membre peut modifier ses données');
    }
    case Permission.MEMBER_PARTICULARS_EDIT: {
      const organisationId = memberId === undefined ? undefined : bid.members.get(memberId);
      if (organisationId === undefined)
        return hide('member', 'membre inconnu dans cette candidature');
      return principal.editorOf.has(organisationId) || coordinates(principal, bid)
        ? ALLOW
        : forbid(
            'seuls un éditeur de ce membre et les coordinateurs peuvent modifier ses informations',
          );
    }
    case Permission.MEMBER_REPORT: {
      const organisationId = memberId === undefined ? undefined : bid.members.get(memberId);
      if (organisationId === undefined)
        return hide('member', 'membre inconnu dans cette candidature');
      return principal.editorOf.has(organisationId) || coordinates(principal, bid)
        ? ALLOW
        : forbid('seuls un éditeur de ce membre et les coordinateurs déclarent pour lui');
    }
    case Permission.MEMBER_READ:
      return memberId !== undefined && bid.members.has(memberId)
        ? ALLOW
        : hide('member', 'membre inconnu dans cette candidature');
    case Permission.MEMBER_SIGN: {
      const organisationId = memberId === undefined ? undefined : bid.members.get(memberId);
      if (organisationId === undefined)
        return hide('member', 'membre inconnu dans cette candidature');
      return principal.signatoryOf.has(organisationId)
        ? ALLOW
        : forbid('seul le signataire de ce membre signe pour lui');
    }
    case Permission.MEMBER_APPROVE: {
      const organisationId = memberId === undefined ? undefined : bid.members.get(memberId);
      if (organisationId === undefined)
        return hide('member', 'membre inconnu dans cette candidature');
      return principal.signatoryOf.has(organisationId) || principal.editorOf.has(organisationId)
        ? ALLOW
        : forbid('seuls le signataire et les éditeurs de ce membre approuvent pour lui');
    }
    case Permission.MEMBER_OFFERS_READ: {
      const organisationId = memberId === undefined ? undefined : bid.members.get(memberId);
      if (organisationId === undefined)
        return hide('member', 'membre inconnu dans cette candidature');
      if (readsEveryMember(principal, bid)) return ALLOW;
      return ownMembers(principal, bid).includes(memberId ?? '')
        ? ALLOW
        : forbid('les offres des autres membres ne sont pas partagées dans cette candidature');
    }
    case Permission.MEMBER_SUBCONTRACTS_MANAGE: {
      const organisationId = memberId === undefined ? undefined : bid.members.get(memberId);
      if (organisationId === undefined || bid.subcontractors.has(memberId ?? ''))
        return hide('member', 'membre inconnu dans cette candidature');
      return principal.editorOf.has(organisationId) || coordinates(principal, bid)
        ? ALLOW
        : forbid('seuls un éditeur de ce membre et les coordinateurs gèrent ses sous-traitants');
    }
    case Permission.PUBLIC:
    case Permission.SIGNED_IN:
    case Permission.PLATFORM_ADMIN:
    case Permission.NETWORK_CREATE_BID:
    case Permission.NETWORK_MANAGE:
    case Permission.NETWORK_DIRECTORY_READ:
    case Permission.JOB_READ:
    case Permission.REPRESENTATION_DECIDE:
      throw new Error(`${permission} is not a bid permission`);
  }
}

/** Whether a declaration for this member is made by a coordinator on its behalf. */
export function declaresOnBehalf(
  principal: Principal,
  bid: BidAccessScope,
  memberId: string,
): boolean {
  const organisationId = bid.members.get(memberId);
  return organisationId === undefined || !principal.editorOf.has(organisationId);
}

/** Whose offers a principal reads when listing a bid's offers: all, or only its own members'. */
export function visibleOfferMembers(principal: Principal, bid: BidAccessScope): 'ALL' | string[] {
  return readsEveryMember(principal, bid) ? 'ALL' : ownMembers(principal, bid);
}

export function decideNetwork(
  principal: Principal,
  permission: Permission,
  networkId: string,
): Decision {
  if (
    permission !== Permission.NETWORK_CREATE_BID &&
    permission !== Permission.NETWORK_MANAGE &&
    permission !== Permission.NETWORK_DIRECTORY_READ
  ) {
    throw new Error(`${permission} is not a network permission`);
  }
  if (principal.platformAdmin || principal.coordinatorOf.has(networkId)) return ALLOW;
  return principal.viewerOfNetworks.has(networkId)
    ? forbid('seuls les coordinateurs du réseau peuvent faire cela')
    : hide('network', 'réseau inconnu');
}

export function decideJob(
  principal: Principal,
  job: { requestedBy: string | null; networkId: string | null },
): Decision {
  if (principal.platformAdmin || job.requestedBy === principal.userId) return ALLOW;
  if (job.networkId !== null && principal.coordinatorOf.has(job.networkId)) return ALLOW;
  return hide('job', 'job inconnu');
}

/**
 * Who records a framework contract's orders (« bons de commande ») and assigns them: the bid's
 * coordinators and the editors of the mandataire, who receives the orders for the consortium,
 * while it is still in (a mandataire that left acts for nobody).
 */
export function recordsOrders(
  principal: Principal,
  bid: BidAccessScope,
  mandataire: { organisationId: string; status: MemberStatus } | null,
): boolean {
  if (coordinates(principal, bid)) return true;
  return (
    mandataire !== null &&
    !hasLeft(mandataire.status) &&
    principal.editorOf.has(mandataire.organisationId)
  );
}
