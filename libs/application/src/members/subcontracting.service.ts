import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type ChainedEntry,
  type DeclaredCapacity,
  type OrganisationKind,
  DomainError,
  DomainErrorCode,
  type Invitation,
  type MemberStatus,
  type SubcontractTerms,
  assertBidAllows,
  assertMayDeclare,
  assertSubcontractTerms,
  directPaymentRequired,
  formatIdentifier,
  matchDeclaredCapacities,
  statusAfterDeclaring,
  hasLeft,
} from '@cordage/domain';
import {
  AllocationsRepository,
  AuditLogRepository,
  BidReadRepository,
  DirectoryRepository,
  type MemberEntity,
  MembersRepository,
  type SubcontractRow,
  SubcontractingRepository,
  TerritoryRepository,
  Transactional,
} from '@cordage/persistence';
import { AuditTrail } from '../audit';
import { InvitationsService } from './invitations.service';
import { MembershipService } from './membership.service';

/** A subcontract as entered: its subcontractor, then its terms on one lot. */
export interface SubcontractInput extends SubcontractTerms {
  lot: number;
}

const GONE: readonly MemberStatus[] = ['WITHDRAWN', 'DECLINED'];
/** How many acts on a member's behalf its page lists (the history keeps them all). */
const ON_BEHALF_SHOWN = 50;
/** How many organisations of the directory one search answers. */
const DIRECTORY_PAGE = 20;

const textOf = (value: unknown, key: string): string => {
  const found =
    typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)[key]
      : undefined;
  return typeof found === 'string' || typeof found === 'number' ? String(found) : '';
};

/** An act done for a member by a coordinator, in the member's words. */
function onBehalfSummary(entry: ChainedEntry): string {
  const after = entry.after;
  switch (entry.action) {
    case 'member.invited':
      return `Invitation de ${textOf(after, 'organisation')} comme sous-traitant`;
    case 'member.withdrawn':
      return `Retrait du sous-traitant ${textOf(after, 'subcontractorName')}`;
    case 'subcontract.created':
      return `Sous-traitance du lot ${textOf(after, 'lot')} confiée à ${textOf(after, 'subcontractorName')}`;
    case 'subcontract.updated':
      return `Sous-traitance du lot ${textOf(after, 'lot')} de ${textOf(after, 'subcontractorName')} modifiée`;
    default:
      return entry.action;
  }
}
const notFound = (what: string) =>
  new DomainError(DomainErrorCode.NOT_FOUND, `${what} introuvable.`);
const invalid = (message: string, path: string, code: string) =>
  new DomainError(DomainErrorCode.INVALID_INPUT, message, [{ path, code, message }]);

/** A subcontract as the api answers it: what the domain computes from it included. */
function subcontractView(row: SubcontractRow) {
  return {
    id: row.id,
    lot: row.lot,
    subcontractorId: row.subcontractorId,
    subcontractorName: row.subcontractorName,
    kind: row.kind,
    nature: row.nature,
    durationMonths: row.durationMonths,
    amountExclVatCents: row.amountExclVatCents,
    amountInclVatCents: row.amountInclVatCents,
    reverseCharge: row.reverseCharge,
    // Unknown until the amount incl. VAT is entered (a subcontract imported from a file).
    directPayment:
      row.amountInclVatCents === null
        ? null
        : directPaymentRequired(row.kind, row.amountInclVatCents),
  };
}

/**
 * The subcontracting tier: a member invites its subcontractors (through the members' invitation
 * and link), they accept and declare what they can lend per lot and territory, and the member
 * (or a coordinator) enters its subcontracts, checked by the domain. Each method is one unit of
 * work, audited.
 */
@Injectable()
export class SubcontractingService {
  constructor(
    private readonly members: MembersRepository,
    private readonly subcontracting: SubcontractingRepository,
    private readonly allocations: AllocationsRepository,
    private readonly bids: BidReadRepository,
    private readonly auditLog: AuditLogRepository,
    private readonly directory: DirectoryRepository,
    private readonly territories: TerritoryRepository,
    private readonly invitations: InvitationsService,
    private readonly membership: MembershipService,
    private readonly audit: AuditTrail,
  ) {}

  /** Invites an organisation as `principalId`'s subcontractor; the link leaves by mail. */
  @Transactional()
  async invite(
    bidId: string,
    principalId: string,
    invitation: Invitation,
    actor: Actor,
    link: { ttlDays: number },
    onBehalf = false,
  ) {
    const principal = await this.principal(bidId, principalId);
    await this.assertOpen(bidId);
    return this.invitations.inviteSubcontractor(
      bidId,
      { memberId: principal.id, legalName: principal.organisation.legalName, onBehalf },
      invitation,
      actor,
      link,
    );
  }

  /**
   * Withdraws one of the principal's subcontractors (its editors, or a coordinator on its behalf):
   * the subcontracts it was given go with it, each listed in the history.
   */
  @Transactional()
  async withdraw(
    bidId: string,
    principalId: string,
    subcontractorId: string,
    reason: string,
    actor: Actor,
    onBehalf = false,
  ): Promise<{ removedSubcontracts: number }> {
    await this.principal(bidId, principalId);
    await this.assertOpen(bidId);
    const subcontractor = await this.members.findWithOrganisation(bidId, subcontractorId);
    if (!subcontractor || subcontractor.principalId !== principalId)
      throw notFound('Sous-traitant');
    const subcontractorName = subcontractor.organisation.legalName;
    // Locks the member and checks the move first: nothing is removed if it is refused.
    const removed = await this.subcontracting.subcontractsOf(bidId, principalId);
    await this.membership.changeStatus(bidId, subcontractorId, 'WITHDRAWN', actor, reason, {
      principalId,
      subcontractorName,
      removedSubcontracts: removed
        .filter((row) => row.subcontractorId === subcontractorId)
        .map(subcontractView),
      ...(onBehalf && { onBehalf: true }),
    });
    const gone = await this.subcontracting.removeSubcontracts(bidId, principalId, subcontractorId);
    return { removedSubcontracts: gone.length };
  }

  /**
   * The organisations of the bid's network directory a member may pick as a subcontractor: their
   * identifier, legal name, kind and territories, nothing of their figures or other bids; the
   * contact's address only for whoever reads the directory itself (the coordinators).
   */
  @Transactional()
  async directoryCandidates(
    bidId: string,
    principalId: string,
    filters: { search?: string; kind?: OrganisationKind },
    withContact: boolean,
  ) {
    const principal = await this.principal(bidId, principalId);
    const bid = await this.members.bidState(bidId);
    if (!bid) throw notFound('Candidature');
    const { rows, total } = await this.directory.list(bid.networkId, {
      ...filters,
      limit: DIRECTORY_PAGE,
      offset: 0,
    });
    const names = await this.territories.namesOf([
      ...new Set(rows.flatMap((row) => row.details.territories)),
    ]);
    return {
      total,
      organisations: rows
        .filter((row) => row.organisationId !== principal.organisationId)
        .map((row) => ({
          organisationId: row.organisationId,
          idScheme: row.idScheme,
          idValue: row.idValue,
          identifier: formatIdentifier(row.idScheme, row.idValue),
          legalName: row.legalName,
          kind: row.kind,
          territories: row.details.territories.map((code) => ({
            code,
            name: names.get(code) ?? code,
          })),
          contactEmail: withContact ? row.details.contactEmail : null,
        })),
    };
  }

  /**
   * The coordinators' view of the whole tier: every co-contractor with its subcontractors (their
   * answers and declared hours) and subcontracts, and per lot the subcontracted amounts.
   */
  @Transactional()
  async bidOverview(bidId: string) {
    if (!(await this.members.bidState(bidId))) throw notFound('Candidature');
    const [principals, subcontractors, subcontracts, lots] = [
      await this.subcontracting.principalsOf(bidId),
      await this.subcontracting.subcontractorsOfBid(bidId),
      (await this.subcontracting.subcontractsOfBid(bidId)).map((row) => ({
        ...subcontractView(row),
        principalId: row.principalId,
      })),
      await this.subcontracting.lotsOf(bidId),
    ];
    const capacities = await this.subcontracting.capacities(subcontractors.map((s) => s.memberId));
    const hoursOf = (memberId: string, lot?: number) =>
      capacities
        .filter((c) => c.memberId === memberId && (lot === undefined || c.lot === lot))
        .reduce((sum, c) => sum + c.hours, 0);
    const members = principals
      .map((principal) => ({
        ...principal,
        subcontractors: subcontractors
          .filter((s) => s.principalId === principal.memberId)
          .map((s) => ({
            memberId: s.memberId,
            legalName: s.organisation.legalName,
            kind: s.organisation.kind,
            identifier: formatIdentifier(s.organisation.idScheme, s.organisation.idValue),
            status: s.status,
            declaredHours: hoursOf(s.memberId),
          })),
        subcontracts: subcontracts
          .filter((s) => s.principalId === principal.memberId)
          .map(({ principalId: _principalId, ...view }) => view),
      }))
      .filter(
        (member) =>
          !GONE.includes(member.status) ||
          member.subcontractors.length > 0 ||
          member.subcontracts.length > 0,
      );
    const active = subcontractors.filter((s) => !GONE.includes(s.status));
    return {
      members,
      lots: lots.map((lot) => {
        const onLot = subcontracts.filter((s) => s.lot === lot.number);
        return {
          number: lot.number,
          title: lot.title,
          subcontracts: onLot.length,
          amountExclVatCents: onLot.reduce((sum, s) => sum + s.amountExclVatCents, 0),
          directPaymentInclVatCents: onLot
            .filter((s) => s.directPayment === true)
            .reduce((sum, s) => sum + (s.amountInclVatCents ?? 0), 0),
          declaredHours: active.reduce((sum, s) => sum + hoursOf(s.memberId, lot.number), 0),
        };
      }),
      totals: {
        subcontractors: active.length,
        subcontracts: subcontracts.length,
        amountExclVatCents: subcontracts.reduce((sum, s) => sum + s.amountExclVatCents, 0),
        directPaymentInclVatCents: subcontracts
          .filter((s) => s.directPayment === true)
          .reduce((sum, s) => sum + (s.amountInclVatCents ?? 0), 0),
      },
    };
  }

  /**
   * Where the user's organisations work as subcontractors: each bid, its principal, the lots it
   * may help on and its answer, with the way back to its own page (for one who lost the mail).
   */
  @Transactional()
  async engagements(organisationIds: readonly string[]) {
    const rows = await this.subcontracting.engagementsOf(organisationIds);
    return rows.map((row) => ({
      bidId: row.bidId,
      memberId: row.memberId,
      legalName: row.legalName,
      status: row.status,
      principal: { legalName: row.principalName },
      tender: {
        reference: row.reference,
        title: row.title,
        deadline: row.deadline.toISOString(),
      },
      lots: row.lots,
    }));
  }

  /** The principal's subcontractors with their status and declarations, and its subcontracts. */
  @Transactional()
  async overview(bidId: string, principalId: string) {
    await this.principal(bidId, principalId);
    const subcontractors = await this.subcontracting.subcontractorsOf(bidId, principalId);
    const capacities = await this.subcontracting.capacities(subcontractors.map((s) => s.memberId));
    const cells = await this.subcontracting.principalCells(principalId);
    const lots = [...new Map(cells.map((cell) => [cell.lot, cell.lotTitle]))].map(
      ([number, title]) => ({ number, title }),
    );
    return {
      lots,
      subcontractors: subcontractors.map((subcontractor) => {
        const own = capacities.filter((capacity) => capacity.memberId === subcontractor.memberId);
        return {
          memberId: subcontractor.memberId,
          legalName: subcontractor.organisation.legalName,
          kind: subcontractor.organisation.kind,
          identifier: formatIdentifier(
            subcontractor.organisation.idScheme,
            subcontractor.organisation.idValue,
          ),
          email: subcontractor.invitedEmail,
          status: subcontractor.status,
          capacities: own.map(({ lot, territory, hours }) => ({ lot, territory, hours })),
          declaredHours: own.reduce((sum, capacity) => sum + capacity.hours, 0),
        };
      }),
      subcontracts: (await this.subcontracting.subcontractsOf(bidId, principalId)).map(
        subcontractView,
      ),
      onBehalf: (await this.auditLog.onBehalfOfPrincipal(bidId, principalId, ON_BEHALF_SHOWN)).map(
        (entry) => ({
          at: entry.occurredAt,
          by: entry.actorName ?? entry.actor,
          action: entry.action,
          summary: onBehalfSummary(entry),
        }),
      ),
    };
  }

  /** What a subcontractor sees: its principal's lots and its own declaration, nothing else. */
  @Transactional()
  async ownView(bidId: string, memberId: string) {
    const { member, principal } = await this.subcontractor(bidId, memberId);
    const [summary] = await this.bids.summaries([bidId]);
    const cells = await this.subcontracting.principalCells(principal.id);
    const declared = new Map(
      (await this.subcontracting.capacities([memberId])).map((capacity) => [
        `${capacity.lot}|${capacity.territory}`,
        capacity.hours,
      ]),
    );
    const lots = new Map<
      number,
      {
        number: number;
        title: string;
        cells: { territory: string; name: string; hours: number | null }[];
      }
    >();
    for (const cell of cells) {
      const lot = lots.get(cell.lot) ?? { number: cell.lot, title: cell.lotTitle, cells: [] };
      lot.cells.push({
        territory: cell.territory,
        name: cell.territoryName,
        hours: declared.get(`${cell.lot}|${cell.territory}`) ?? null,
      });
      lots.set(cell.lot, lot);
    }
    return {
      memberId,
      legalName: member.organisation.legalName,
      status: member.status,
      principal: { legalName: principal.organisation.legalName },
      tender: { reference: summary?.tender.reference ?? '', title: summary?.tender.title ?? '' },
      lots: [...lots.values()],
    };
  }

  /** The subcontractor accepts (or declines) its principal's invitation. */
  @Transactional()
  async answer(
    bidId: string,
    memberId: string,
    to: 'ACCEPTED' | 'DECLINED',
    actor: Actor,
    reason: string | null = null,
  ): Promise<void> {
    // Declining stays possible: it takes nothing on.
    if (to === 'ACCEPTED') await this.activeSubcontractor(bidId, memberId);
    else await this.subcontractor(bidId, memberId);
    await this.membership.changeStatus(bidId, memberId, to, actor, reason);
  }

  /** Replaces what the subcontractor can lend its principal, cell by cell (a whole form). */
  @Transactional()
  async declare(
    bidId: string,
    memberId: string,
    capacities: readonly DeclaredCapacity[],
    actor: Actor,
  ): Promise<{ capacities: number; hours: number; status: MemberStatus }> {
    const { member, principal } = await this.activeSubcontractor(bidId, memberId);
    await this.assertOpen(bidId);
    const locked = await this.members.lock(bidId, memberId);
    if (!locked) throw notFound('Sous-traitant');
    assertMayDeclare(locked.status);
    const matched = matchDeclaredCapacities(
      capacities,
      await this.subcontracting.principalCells(principal.id),
    );
    const before = await this.subcontracting.capacities([memberId]);
    await this.subcontracting.replaceCapacities(memberId, matched);
    const status = statusAfterDeclaring(locked.status, matched.length);
    if (status !== locked.status) await this.members.setStatus(memberId, status);
    const hours = capacities.reduce((sum, capacity) => sum + capacity.hours, 0);
    await this.audit.append(actor, {
      action: 'subcontractor.capacities_declared',
      entityType: 'member',
      entityId: memberId,
      bidId,
      before: {
        capacities: before.length,
        hours: before.reduce((sum, capacity) => sum + capacity.hours, 0),
        status: member.status,
      },
      after: { capacities: capacities.length, hours, status, principalId: principal.id },
    });
    return { capacities: capacities.length, hours, status };
  }

  /** A new subcontract of `principalId` to one of its subcontractors that accepted. */
  @Transactional()
  async create(
    bidId: string,
    principalId: string,
    subcontractorId: string,
    input: SubcontractInput,
    actor: Actor,
    onBehalf = false,
  ) {
    const checked = await this.check(bidId, principalId, subcontractorId, input);
    if (await this.subcontracting.sameLot(principalId, subcontractorId, checked.lotId)) {
      throw invalid(
        `${checked.subcontractorName} a déjà une sous-traitance sur le lot ${input.lot} : modifiez-la.`,
        'lot',
        'DUPLICATE_SUBCONTRACT',
      );
    }
    const id = await this.subcontracting.insertSubcontract(bidId, principalId, subcontractorId, {
      ...input,
      lotId: checked.lotId,
    });
    await this.audit.append(actor, {
      action: 'subcontract.created',
      entityType: 'subcontract',
      entityId: id,
      bidId,
      after: {
        principalId,
        subcontractorId,
        subcontractorName: checked.subcontractorName,
        ...input,
        directPayment: checked.directPayment,
        ...(onBehalf && { onBehalf: true }),
      },
    });
    return this.view(bidId, principalId, id);
  }

  /** Changes a subcontract's terms (its subcontractor stays). */
  @Transactional()
  async update(
    bidId: string,
    principalId: string,
    subcontractId: string,
    input: SubcontractInput,
    actor: Actor,
    onBehalf = false,
  ) {
    const before = await this.subcontracting.lockSubcontract(bidId, principalId, subcontractId);
    if (!before) throw notFound('Sous-traitance');
    const checked = await this.check(bidId, principalId, before.subcontractorId, input);
    const other = await this.subcontracting.sameLot(
      principalId,
      before.subcontractorId,
      checked.lotId,
    );
    if (other !== null && other !== subcontractId) {
      throw invalid(
        `${checked.subcontractorName} a déjà une sous-traitance sur le lot ${input.lot}.`,
        'lot',
        'DUPLICATE_SUBCONTRACT',
      );
    }
    await this.subcontracting.updateSubcontract(subcontractId, { ...input, lotId: checked.lotId });
    await this.audit.append(actor, {
      action: 'subcontract.updated',
      entityType: 'subcontract',
      entityId: subcontractId,
      bidId,
      before: subcontractView(before),
      after: {
        principalId,
        subcontractorName: checked.subcontractorName,
        ...input,
        directPayment: checked.directPayment,
        ...(onBehalf && { onBehalf: true }),
      },
    });
    return this.view(bidId, principalId, subcontractId);
  }

  private async view(bidId: string, principalId: string, subcontractId: string) {
    const row = await this.subcontracting.lockSubcontract(bidId, principalId, subcontractId);
    if (!row) throw notFound('Sous-traitance');
    return subcontractView(row);
  }

  /** Whom the subcontract goes to, on which lot, and whether the domain accepts its terms. */
  private async check(
    bidId: string,
    principalId: string,
    subcontractorId: string,
    input: SubcontractInput,
  ) {
    const principal = await this.principal(bidId, principalId);
    await this.assertOpen(bidId);
    // The principal's row is held until commit: its subcontracts change one at a time, so that
    // two clicks at once cannot both find the lot free.
    await this.members.lock(bidId, principalId);
    const subcontractor = await this.members.findWithOrganisation(bidId, subcontractorId);
    if (!subcontractor || subcontractor.principalId !== principalId) {
      throw invalid(
        `Ce sous-traitant n’a pas été invité par ${principal.organisation.legalName}.`,
        'subcontractorId',
        'NOT_A_SUBCONTRACTOR',
      );
    }
    const { legalName } = subcontractor.organisation;
    if (subcontractor.status !== 'ACCEPTED' && subcontractor.status !== 'DATA_COMPLETE') {
      throw invalid(
        `${legalName} n’a pas accepté l’invitation : pas de sous-traitance avant sa réponse.`,
        'subcontractorId',
        'NOT_ACCEPTED',
      );
    }
    const lotId = await this.subcontracting.lotId(bidId, input.lot);
    if (!lotId) throw invalid(`Le lot ${input.lot} n’existe pas.`, 'lot', 'UNKNOWN_LOT');
    // Annex B's ceiling, on the latest split; before any split, the allocation warns instead.
    const latest = await this.allocations.latest(bidId);
    const principalAmountCents = latest
      ? (latest.result.members.find(
          (share) => share.org === principal.key && share.lot === input.lot,
        )?.amountCents ?? 0)
      : null;
    assertSubcontractTerms(input, {
      subcontractorKind: subcontractor.organisation.kind,
      principalAmountCents,
    });
    return {
      lotId,
      subcontractorName: legalName,
      directPayment: directPaymentRequired(input.kind, input.amountInclVatCents),
    };
  }

  /** The route's principal: a co-contractor still in the bid. */
  private async principal(bidId: string, principalId: string): Promise<MemberEntity> {
    const principal = await this.members.findWithOrganisation(bidId, principalId);
    if (!principal || principal.role !== 'COTRAITANT') throw notFound('Membre');
    if (GONE.includes(principal.status)) {
      throw invalid(
        `${principal.organisation.legalName} a quitté la candidature : plus de sous-traitance.`,
        'memberId',
        'MEMBER_GONE',
      );
    }
    return principal;
  }

  /** The route's subcontractor, invited in the app, and the member it works for. */
  private async subcontractor(bidId: string, memberId: string) {
    const member = await this.members.findWithOrganisation(bidId, memberId);
    if (!member || member.principalId === null) throw notFound('Sous-traitant');
    const principal = await this.members.findWithOrganisation(bidId, member.principalId);
    if (!principal) throw notFound('Sous-traitant');
    return { member, principal };
  }

  /** The same, refused when the principal left the bid: nobody works for it any more. */
  private async activeSubcontractor(bidId: string, memberId: string) {
    const found = await this.subcontractor(bidId, memberId);
    if (hasLeft(found.principal.status)) {
      const message = `${found.principal.organisation.legalName} a quitté le groupement : plus personne ne travaille pour elle dans cette candidature`;
      throw new DomainError(DomainErrorCode.WORKFLOW_RULE_VIOLATED, `${message}.`, [
        { path: 'principalId', code: 'PRINCIPAL_LEFT', message },
      ]);
    }
    return found;
  }

  private async assertOpen(bidId: string): Promise<void> {
    const bid = await this.members.bidState(bidId);
    if (!bid) throw notFound('Candidature');
    assertBidAllows('SUBCONTRACT', bid.status);
  }
}
