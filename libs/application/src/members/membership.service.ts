import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type DeclaredOffer,
  DomainError,
  DomainErrorCode,
  type Invitation,
  type MemberData,
  type MemberStatus,
  type RepresentationRole,
  assertBidAllows,
  assertCharterAccepted,
  assertMayDeclare,
  assertMemberTransition,
  hasLeft,
  assertMembershipOpen,
  assertSignatoryMayChange,
  assertSubcontractPrincipal,
  freeMemberKey,
  joiningConsortiumRefusal,
  hashSecret,
  matchDeclaredOffers,
  memberKeyBase,
  newSecret,
  normalizeIdentifier,
  representationOnInvitation,
  representationStanding,
  type Signatory,
  statusAfterDeclaring,
  withAskedRoles,
  type CommitmentWarning,
} from '@cordage/domain';
import {
  AccessRepository,
  AuthRepository,
  BidLockRepository,
  BidReadRepository,
  ChartersRepository,
  type MemberEntity,
  type InvitedDetails,
  MembersRepository,
  type OrganisationEntity,
  type RepresentationRequestView,
  RepresentationsRepository,
  TerritoryRepository,
  Transactional,
  TypeOrmScenarioStore,
} from '@cordage/persistence';
import { CommitmentsService } from '../directory/commitments.service';
import { AuditTrail } from '../audit';

/** What a mail about the bid names: its tender. */
export interface TenderHeading {
  reference: string;
  title: string;
}

/** An invitation as recorded, with what its mails need once it is committed. */
export interface InvitedMember {
  memberId: string;
  key: string;
  organisation: { id: string; legalName: string };
  user: { id: string; email: string };
  /** The invitation link's token: the only time it exists in clear. */
  linkToken: string;
  tender: TenderHeading | null;
  /** Set when the organisation's people must confirm the person first. */
  representationRequest: RepresentationRequestView | null;
  /** Those people (the invited person aside): they are asked to decide. */
  representativeEmails: string[];
}

/** The signatory named for a member, and whether its organisation's people must confirm. */
export type DesignatedSignatory = Pick<
  InvitedMember,
  'organisation' | 'user' | 'representationRequest' | 'representativeEmails'
>;

/** A new invitation link for a member still invited. */
export interface ReissuedLink {
  user: { id: string; email: string };
  legalName: string;
  linkToken: string;
  tender: TenderHeading | null;
  /** The person still waits for the organisation's confirmation. */
  pending: boolean;
}

const invalid = (message: string, problems: DomainError['problems'] = []) =>
  new DomainError(DomainErrorCode.INVALID_INPUT, message, problems);

const memberNotFound = () => new DomainError(DomainErrorCode.NOT_FOUND, 'Membre introuvable.');

/**
 * A bid's members: invitations and their links, answers, the members' own figures and offers.
 * Each method is one unit of work, audited; mails leave after the commit, from the caller.
 */
@Injectable()
export class MembershipService {
  constructor(
    private readonly members: MembersRepository,
    private readonly access: AccessRepository,
    private readonly representations: RepresentationsRepository,
    private readonly charters: ChartersRepository,
    private readonly territories: TerritoryRepository,
    private readonly auth: AuthRepository,
    private readonly bids: BidReadRepository,
    private readonly audit: AuditTrail,
    private readonly commitments: CommitmentsService,
    private readonly tenders: TypeOrmScenarioStore,
    private readonly bidLock: BidLockRepository,
  ) {}

  /**
   * Invites an organisation (known by its identifier, or created from the invitation) and issues
   * the invitation's link. The invited address gets the editor (and signatory) role at once only
   * if nobody represents the organisation yet; otherwise the roles wait, in a representation
   * request, for its people to confirm.
   */
  @Transactional()
  async invite(
    bidId: string,
    invitation: Invitation,
    actor: Actor,
    link: { ttlMs: number },
    subcontracting: { principalId: string; onBehalf?: boolean } | null = null,
  ): Promise<InvitedMember> {
    // One invitation at a time per bid: the same one sent twice at once finds the first one's
    // member (409), never a duplicate key; two organisations never get the same member key.
    await this.bidLock.lock(bidId);
    const bid = await this.assertMembershipOpen(bidId);
    const { organisation, details } = await this.findOrCreateOrganisation(invitation);
    const already = await this.members.findInBid(bidId, organisation.id);
    if (already) {
      throw new DomainError(
        DomainErrorCode.ALREADY_MEMBER,
        `${organisation.legalName} fait déjà partie de cette candidature.`,
        [{ path: 'id', code: 'ALREADY_MEMBER', message: 'organisation déjà membre' }],
        { memberId: already.id },
      );
    }
    const role = invitation.role ?? 'COTRAITANT';
    const subcontract = role === 'SOUS_TRAITANT' ? invitation.subcontract : undefined;
    // The member a subcontractor works for: named by the subcontractors' own invitation, or by
    // the subcontract an invitation with the role « sous-traitant » carries.
    const principalId = subcontracting?.principalId ?? subcontract?.principalMemberId;
    // A subcontractor is no candidate: it may work for several consortia of the same tender.
    const rivals = principalId ? null : await this.tenders.rivalsOfBid(bidId);
    const refusal =
      rivals &&
      joiningConsortiumRefusal(
        { ...organisation, identifier: organisation.idValue },
        rivals.tender,
        rivals.others,
      );
    if (refusal) throw refusal;
    let subcontractLotId: string | null = null;
    if (subcontract) {
      const principal = await this.members.findWithOrganisation(
        bidId,
        subcontract.principalMemberId,
      );
      subcontractLotId = await this.members.lotIdOf(bidId, subcontract.lot);
      assertSubcontractPrincipal(
        principal && {
          legalName: principal.organisation.legalName,
          role: principal.role,
          status: principal.status,
        },
        subcontractLotId !== null,
      );
    }
    const email = invitation.email.toLowerCase();
    const base = memberKeyBase(organisation.legalName);
    const key = freeMemberKey(base, await this.members.keysStartingWith(bidId, base));
    const memberId = await this.members.insert({
      bidId,
      organisationId: organisation.id,
      key,
      invitedEmail: email,
      ...(principalId && { principalId }),
    });
    if (subcontract && subcontractLotId) {
      await this.members.insertSubcontract({
        bidId,
        lotId: subcontractLotId,
        principalId: subcontract.principalMemberId,
        subcontractorId: memberId,
        nature: subcontract.nature,
        maxAmountCents: subcontract.maxAmountCents,
      });
    }
    const formerMandataire = role === 'MANDATAIRE' ? await this.members.mandataireOf(bidId) : null;
    if (role === 'MANDATAIRE') await this.members.setMandataire(bidId, organisation.id);
    const user = await this.access.ensureUser(invitation.email, invitation.email);
    // Serialises invitations of one organisation: two cannot both find it unrepresented.
    await this.members.lockOrganisation(organisation.id);
    const asked: RepresentationRole[] = invitation.signatory ? ['EDITOR', 'SIGNATORY'] : ['EDITOR'];
    const { outcome, requestId } = await this.seat(
      user.id,
      organisation.id,
      asked,
      { id: bidId, networkId: bid.networkId },
      actor,
    );
    await this.members.joinNetwork(bid.networkId, organisation.id);
    // What the invitation tells of the organisation is the inviting network's own (issue 17).
    if (details) await this.members.fillInvitedDetails(bid.networkId, organisation.id, details);
    await this.audit.append(actor, {
      action: 'member.invited',
      entityType: 'member',
      entityId: memberId,
      bidId,
      after: {
        key,
        organisation: organisation.legalName,
        email,
        ...(principalId && { subcontractorOf: principalId }),
        ...(subcontracting?.onBehalf && { onBehalf: true }),
        granted: outcome.grant,
        asked: outcome.ask,
        role,
        ...(subcontract && { subcontract }),
        ...(role === 'MANDATAIRE' && { formerMandataire }),
      },
    });
    const linkToken = await this.issueLink(memberId, user.id, link.ttlMs, actor);
    return {
      memberId,
      key,
      organisation: { id: organisation.id, legalName: organisation.legalName },
      user: { id: user.id, email: user.email },
      linkToken,
      tender: await this.tenderOf(bidId),
      ...(await this.pendingRepresentation(requestId, organisation.id, user.email)),
    };
  }

  /** The request the organisation's people must decide, and who they are (the person aside). */
  private async pendingRepresentation(
    requestId: string | null,
    organisationId: string,
    email: string,
  ): Promise<Pick<InvitedMember, 'representationRequest' | 'representativeEmails'>> {
    const representationRequest = requestId ? await this.representations.view(requestId) : null;
    return {
      representationRequest,
      representativeEmails: representationRequest
        ? (await this.representations.representativeEmails(organisationId)).filter(
            (address) => address !== email,
          )
        : [],
    };
  }

  /**
   * Names the person who signs the convention for the member's organisation (name, capacity,
   * e-mail), as every convention of its bids prints it; refused while one is being signed. The
   * person gets the signatory role at once only if nobody represents the organisation yet;
   * otherwise its people confirm first, as for an invitation.
   */
  @Transactional()
  async designateSignatory(
    bidId: string,
    memberId: string,
    signatory: Signatory,
    actor: Actor,
  ): Promise<DesignatedSignatory> {
    const member = await this.members.findWithOrganisation(bidId, memberId);
    if (!member) throw memberNotFound();
    const { organisation } = member;
    await this.members.lockOrganisation(organisation.id);
    assertSignatoryMayChange(
      organisation.legalName,
      await this.members.signingBidsOf(organisation.id),
    );
    const email = signatory.email.toLowerCase();
    const user = await this.access.ensureUser(email, signatory.name);
    const { networkId } = await this.bidState(bidId);
    const { outcome, requestId } = await this.seat(
      user.id,
      organisation.id,
      ['SIGNATORY'],
      { id: bidId, networkId },
      actor,
    );
    const before = (await this.members.networkSignatory(networkId, organisation.id)) ?? {
      name: '',
      capacity: '',
      email: '',
    };
    const after = { name: signatory.name, capacity: signatory.capacity, email };
    await this.members.setSignatory(networkId, organisation.id, after);
    await this.audit.append(actor, {
      action: 'member.signatory_designated',
      entityType: 'member',
      entityId: memberId,
      bidId,
      before,
      after: { ...after, member: member.key, granted: outcome.grant, asked: outcome.ask },
    });
    const representationRequest = requestId ? await this.representations.view(requestId) : null;
    return {
      organisation: { id: organisation.id, legalName: organisation.legalName },
      user: { id: user.id, email: user.email },
      representationRequest,
      representativeEmails: representationRequest
        ? (await this.representations.representativeEmails(organisation.id)).filter(
            (address) => address !== user.email,
          )
        : [],
    };
  }

  /** A new invitation link for a member still invited: the links sent before stop working. */
  @Transactional()
  async reissueInvitationLink(
    bidId: string,
    memberId: string,
    actor: Actor,
    link: { ttlMs: number },
  ): Promise<ReissuedLink> {
    const person = await this.invitedPerson(bidId, memberId);
    const pending = await this.representations.isPending(person.organisationId, person.user.id);
    const linkToken = await this.issueLink(memberId, person.user.id, link.ttlMs, actor);
    await this.audit.append(actor, {
      action: 'member.invitation_link_sent',
      entityType: 'member',
      entityId: memberId,
      bidId,
      after: { email: person.user.email },
    });
    return {
      user: person.user,
      legalName: person.legalName,
      linkToken,
      tender: await this.tenderOf(bidId),
      pending,
    };
  }

  /**
   * A member already written invited with the address of its representative (a renewal's): the
   * person gets an account if need be, the editor role as an invitation gives it (at once where
   * nobody represents the organisation yet, otherwise asked of its people), and an invitation
   * link, the same as `invite` issues (valid `ttlMs`, once; the member's earlier links revoked).
   */
  @Transactional()
  async inviteWritten(
    bidId: string,
    memberId: string,
    actor: Actor,
    link: { ttlMs: number },
  ): Promise<InvitedMember> {
    const { networkId } = await this.assertMembershipOpen(bidId);
    const member = await this.members.findWithOrganisation(bidId, memberId);
    if (!member) throw memberNotFound();
    const { organisation } = member;
    if (member.status !== 'INVITED' || !member.invitedEmail) {
      throw new DomainError(
        DomainErrorCode.INVALID_TRANSITION,
        `${organisation.legalName} n’attend pas d’invitation.`,
        [{ path: 'memberId', code: 'NOT_INVITED', message: `membre au statut ${member.status}` }],
      );
    }
    const user = await this.access.ensureUser(member.invitedEmail, member.invitedEmail);
    await this.members.lockOrganisation(organisation.id);
    const { outcome, requestId } = await this.seat(
      user.id,
      organisation.id,
      ['EDITOR'],
      { id: bidId, networkId },
      actor,
    );
    const linkToken = await this.issueLink(memberId, user.id, link.ttlMs, actor);
    await this.audit.append(actor, {
      action: 'member.invitation_link_sent',
      entityType: 'member',
      entityId: memberId,
      bidId,
      after: { email: user.email, granted: outcome.grant, asked: outcome.ask },
    });
    return {
      memberId,
      key: member.key,
      organisation: { id: organisation.id, legalName: organisation.legalName },
      user: { id: user.id, email: user.email },
      linkToken,
      tender: await this.tenderOf(bidId),
      ...(await this.pendingRepresentation(requestId, organisation.id, user.email)),
    };
  }

  /** Revokes a member's invitation links not used yet; returns how many were still open. */
  @Transactional()
  async revokeInvitationLinks(bidId: string, memberId: string, actor: Actor): Promise<number> {
    await this.invitedPerson(bidId, memberId);
    const revoked = await this.auth.revokeInvitationLinks(memberId);
    await this.audit.append(actor, {
      action: 'member.invitation_link_revoked',
      entityType: 'member',
      entityId: memberId,
      bidId,
      after: { revoked },
    });
    return revoked;
  }

  /** Moves a member to `to` (accepted, declined, withdrawn), if the rules allow it from where it is. */
  @Transactional()
  async changeStatus(
    bidId: string,
    memberId: string,
    to: MemberStatus,
    actor: Actor,
    reason: string | null = null,
    /** What the history adds: whom a subcontractor worked for, who acted for whom. */
    context: Record<string, unknown> = {},
  ): Promise<void> {
    const member = await this.lockMember(bidId, memberId);
    assertMemberTransition(member.status, to);
    await this.assertMembershipOpen(bidId);
    await this.members.setStatus(memberId, to, to === 'DECLINED' ? reason : null);
    // A link mailed to a member that left would still open a session as its person.
    if (hasLeft(to)) await this.auth.revokeInvitationLinks(memberId);
    await this.audit.append(actor, {
      action: `member.${to.toLowerCase()}`,
      entityType: 'member',
      entityId: memberId,
      bidId,
      before: { status: member.status },
      after: { status: to, ...(reason && { reason }), ...context },
    });
  }

  /** A member's own figures; only the fields given change. */
  @Transactional()
  async updateData(bidId: string, memberId: string, data: MemberData, actor: Actor) {
    const member = await this.lockMember(bidId, memberId);
    assertMayDeclare(member.status);
    await this.assertDeclarationOpen(bidId, member.organisationId);
    await this.writeData(bidId, member, data, actor);
  }

  /**
   * Replaces a member's offers with the ones declared (a declaration is a whole form), with its
   * insertion hours and limits when given. Each offer names a lot and one of its cells; problems
   * are listed by path and nothing is written.
   */
  @Transactional()
  async declareOffers(
    bidId: string,
    memberId: string,
    offers: readonly DeclaredOffer[],
    actor: Actor,
    data: MemberData = {},
    onBehalf = false,
  ): Promise<{ offers: number; status: MemberStatus; warnings: CommitmentWarning[] }> {
    const member = await this.lockMember(bidId, memberId);
    const status = statusAfterDeclaring(member.status, offers.length);
    await this.assertDeclarationOpen(bidId, member.organisationId);
    const matched = matchDeclaredOffers(offers, await this.members.cellIds(bidId));

    await this.writeData(bidId, member, data, actor);
    const before = await this.members.offerTotals(memberId);
    await this.members.replaceOffers(
      memberId,
      matched.map((offer) => ({
        lotCellId: offer.cellId,
        hours: offer.hours,
        preference: offer.preference,
      })),
      { byId: actor.userId, onBehalf },
    );
    if (status !== member.status) await this.members.setStatus(memberId, status);
    await this.audit.append(actor, {
      action: 'member.offers_declared',
      entityType: 'member',
      entityId: memberId,
      bidId,
      before: { offers: before.offers, hours: before.hours, status: member.status },
      after: {
        offers: offers.length,
        hours: offers.reduce((sum, offer) => sum + offer.hours, 0),
        status,
        // A coordinator entering it for the member (by phone): recorded as such, and shown to it.
        ...(onBehalf && { onBehalf: true, member: member.key }),
      },
    });
    // Beyond the limits declared in the network's directory: said, not refused.
    const { networkId } = await this.bidState(bidId);
    const warnings = await this.commitments.declarationWarnings(
      networkId,
      member.organisationId,
      bidId,
    );
    return { offers: offers.length, status, warnings };
  }

  /** Insertion hours and limits, as given (undefined: unchanged; null: removed); audited. */
  private async writeData(
    bidId: string,
    member: MemberEntity,
    data: MemberData,
    actor: Actor,
  ): Promise<void> {
    if (data.insertionHoursMax === undefined && data.limits === undefined) return;
    const before = {
      insertionHoursMax: member.insertionHoursMax,
      limits: await this.members.limits(member.id),
    };
    if (data.insertionHoursMax !== undefined)
      await this.members.setInsertionHoursMax(member.id, data.insertionHoursMax);
    if (data.limits !== undefined) await this.members.replaceLimits(member.id, data.limits);
    await this.audit.append(actor, {
      action: 'member.data_updated',
      entityType: 'member',
      entityId: member.id,
      bidId,
      before,
      after: { ...before, ...data },
    });
  }

  /**
   * Records the request, or adds the roles to the one already pending for this person and
   * organisation. Returns its id.
   */
  /**
   * Gives a person the roles `asked` for the organisation: at once where nobody represents it
   * yet, otherwise as a request its representatives confirm (representationOnInvitation).
   */
  private async seat(
    userId: string,
    organisationId: string,
    asked: RepresentationRole[],
    bid: { id: string; networkId: string },
    actor: Actor,
  ) {
    const bidId = bid.id;
    const outcome = representationOnInvitation({
      asked,
      ...representationStanding(await this.representations.representatives(organisationId), userId),
      otherNetworks: await this.representations.inOtherNetworks(organisationId, bid.networkId),
    });
    for (const role of outcome.grant) await this.access.grant(userId, role, { organisationId });
    const requestId =
      outcome.ask.length === 0
        ? null
        : await this.askRepresentation(
            { organisationId, userId, roles: outcome.ask, bidId },
            actor,
          );
    return { outcome, requestId };
  }

  private async askRepresentation(
    request: { organisationId: string; userId: string; roles: RepresentationRole[]; bidId: string },
    actor: Actor,
  ): Promise<string> {
    const pending = await this.representations.lockPending(request.organisationId, request.userId);
    let id: string;
    let roles: RepresentationRole[];
    if (pending) {
      id = pending.id;
      roles = withAskedRoles(pending.roles, request.roles);
      await this.representations.setRoles(id, roles);
    } else {
      roles = [...request.roles];
      id = await this.representations.insert({ ...request, roles, requestedBy: actor.userId });
    }
    await this.audit.append(actor, {
      action: 'representation.requested',
      entityType: 'representation_request',
      entityId: id,
      bidId: request.bidId,
      after: { organisationId: request.organisationId, userId: request.userId, roles },
    });
    return id;
  }

  /** A new link for the member's invited person: the links sent before end with it. */
  private async issueLink(memberId: string, userId: string, ttlMs: number, actor: Actor) {
    await this.auth.revokeInvitationLinks(memberId);
    // Returned in clear this once (for the mail); only its hash is stored.
    const token = newSecret();
    await this.auth.insertInvitationLink({
      memberId,
      userId,
      tokenHash: hashSecret(token),
      expiresAt: new Date(Date.now() + ttlMs),
      createdBy: actor.userId,
    });
    return token;
  }

  /** The person a member's invitation was sent to, while it waits for an answer. */
  private async invitedPerson(bidId: string, memberId: string) {
    const member = await this.members.findWithOrganisation(bidId, memberId);
    if (!member) throw memberNotFound();
    const { legalName } = member.organisation;
    if (member.status !== 'INVITED') {
      throw new DomainError(
        DomainErrorCode.INVALID_TRANSITION,
        `${legalName} a déjà répondu à l’invitation : plus de lien d’invitation à envoyer.`,
        [{ path: 'memberId', code: 'NOT_INVITED', message: `membre au statut ${member.status}` }],
      );
    }
    const user = member.invitedEmail
      ? await this.access.findUserByEmail(member.invitedEmail)
      : null;
    if (!user) {
      throw invalid(`Aucune adresse invitée pour ${legalName}.`, [
        { path: 'memberId', code: 'NO_INVITED_EMAIL', message: 'membre sans adresse invitée' },
      ]);
    }
    return {
      user: { id: user.id, email: user.email },
      legalName,
      organisationId: member.organisationId,
    };
  }

  private async lockMember(bidId: string, memberId: string): Promise<MemberEntity> {
    const member = await this.members.lock(bidId, memberId);
    if (!member) throw memberNotFound();
    return member;
  }

  private async bidState(bidId: string) {
    const bid = await this.members.bidState(bidId);
    if (!bid) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Candidature introuvable.');
    return bid;
  }

  /**
   * Members neither join nor leave once the convention goes to signature, nor from the application
   * deadline to the award (R2142-26): a change request is the way then.
   */
  private async assertMembershipOpen(bidId: string) {
    const bid = await this.bidState(bidId);
    assertBidAllows('CHANGE_MEMBERSHIP', bid.status);
    assertMembershipOpen(new Date(), bid.deadline, bid.status);
    return bid;
  }

  /** Capacities are declared while the call is open, once the network's charter is accepted. */
  private async assertDeclarationOpen(bidId: string, organisationId: string): Promise<void> {
    const bid = await this.bidState(bidId);
    assertBidAllows('DECLARE_CAPACITY', bid.status);
    const charter = await this.charters.current(bid.networkId);
    const accepted = await this.charters.acceptedVersions(bid.networkId, [organisationId]);
    assertCharterAccepted(charter, accepted.get(organisationId) ?? null);
  }

  /**
   * The organisation invited, created with its identifier, legal name and kind if unknown, and
   * what the invitation tells of it (staff, seat, representative) for the inviting network's
   * entry: an organisation another network brought in first gets none of that network's details.
   */
  private async findOrCreateOrganisation(
    invitation: Invitation,
  ): Promise<{ organisation: OrganisationEntity; details: InvitedDetails | null }> {
    const idValue = normalizeIdentifier(invitation.id);
    const existing = await this.members.findOrganisation(invitation.idScheme, idValue);
    const given = invitation.organisation;
    let details: InvitedDetails | null = null;
    if (given) {
      const homeTerritoryId = await this.territories.officialId(given.home);
      if (!homeTerritoryId) {
        throw invalid(`Territoire inconnu ${given.home}.`, [
          {
            path: 'organisation.home',
            code: 'UNKNOWN_TERRITORY',
            message: `territoire inconnu ${given.home}`,
          },
        ]);
      }
      details = {
        staff: given.employees,
        homeTerritoryId,
        representative: {
          name: given.representative.name,
          title: given.representative.title,
          email: invitation.email.toLowerCase(),
        },
      };
    }
    if (existing) return { organisation: existing, details };
    if (!given) {
      throw invalid(
        'Organisation inconnue : précisez sa raison sociale, son type, ses effectifs et son siège.',
        [
          {
            path: 'organisation',
            code: 'REQUIRED',
            message: `aucune organisation ${invitation.idScheme} ${idValue}`,
          },
        ],
      );
    }
    const organisation = await this.members.insertOrganisation({
      legalName: given.legalName,
      kind: given.kind,
      idScheme: invitation.idScheme,
      idValue,
    });
    return { organisation, details };
  }

  private async tenderOf(bidId: string): Promise<TenderHeading | null> {
    const [summary] = await this.bids.summaries([bidId]);
    return summary ? { reference: summary.tender.reference, title: summary.tender.title } : null;
  }
}
