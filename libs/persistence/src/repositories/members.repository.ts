import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type Actor,
  DomainError,
  DomainErrorCode,
  type IdentifierScheme,
  type MemberStatus,
  type OrganisationKind,
  type Preference,
  type Problem,
  assertMayDeclare,
  assertMemberTransition,
  normalizeIdentifier,
  statusAfterDeclaring,
  type BidStatus,
  assertBidAllows,
  assertCharterAccepted,
  assertMembershipOpen,
  type RepresentationRole,
  representationOnInvitation,
} from '@cordage/domain';
import { MemberEntity, MemberLimitEntity, OrganisationEntity } from '../entities';
import { bulkInsert } from '../bulk-insert';
import { AccessRepository } from './access.repository';
import { AuditLogRepository } from './audit-log.repository';
import { RepresentationsRepository } from './representations.repository';

export interface Invitation {
  email: string;
  idScheme: IdentifierScheme;
  id: string;
  /** The person also signs for the organisation (its legal representative or delegate). */
  signatory?: boolean;
  /** Needed when the organisation is not known yet. */
  organisation?: {
    legalName: string;
    kind: OrganisationKind;
    employees: number;
    home: string;
    representative: { name: string; title: string };
  };
}

export interface MemberData {
  insertionHoursMax?: number | null;
  limits?: { maxHours: number | null; maxRevenueCents: number | null } | null;
}

export interface DeclaredOffer {
  lot: number;
  territory: string;
  hours: number;
  preference: Preference;
}

const invalid = (message: string, problems: Problem[] = []) =>
  new DomainError(DomainErrorCode.INVALID_INPUT, message, problems);

/** Members of a bid: invitations, answers, their data and offers. Every change is audited. */
@Injectable()
export class MembersRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessRepository,
    private readonly audit: AuditLogRepository,
    private readonly representations: RepresentationsRepository,
  ) {}

  /**
   * Invites an organisation (known by its identifier, or created from the invitation). The
   * invited address gets the editor (and signatory) role at once only if nobody represents the
   * organisation yet; otherwise the roles wait, in a representation request, for its people to
   * confirm. Returns the member, the invited user and the pending request if any.
   */
  async invite(bidId: string, invitation: Invitation, actor: Actor) {
    return this.dataSource.transaction(async (manager) => {
      await this.assertMembershipOpen(manager, bidId);
      const organisation = await this.findOrCreateOrganisation(manager, invitation);
      const already = await manager.findOneBy(MemberEntity, {
        bidId,
        organisationId: organisation.id,
      });
      if (already) {
        throw new DomainError(
          DomainErrorCode.ALREADY_MEMBER,
          `${organisation.legalName} fait déjà partie de cette candidature.`,
          [{ path: 'id', code: 'ALREADY_MEMBER', message: 'organisation déjà membre' }],
          { memberId: already.id },
        );
      }
      const key = await this.freeKey(manager, bidId, organisation.legalName);
      const { identifiers } = await manager.insert(MemberEntity, {
        bidId,
        organisationId: organisation.id,
        key,
        role: 'COTRAITANT',
        status: 'INVITED',
        invitedEmail: invitation.email.toLowerCase(),
      });
      const memberId = identifiers[0].id as string;
      const user = await this.access.ensureUser(manager, invitation.email, invitation.email);
      // Serialises invitations of one organisation: two cannot both find it unrepresented.
      await manager.query('SELECT id FROM organisations WHERE id = $1 FOR UPDATE', [
        organisation.id,
      ]);
      const asked: RepresentationRole[] = invitation.signatory
        ? ['EDITOR', 'SIGNATORY']
        : ['EDITOR'];
      const outcome = representationOnInvitation({
        asked,
        ...(await this.representations.standing(manager, organisation.id, user.id)),
      });
      for (const role of outcome.grant)
        await this.access.grant(manager, user.id, role, { organisationId: organisation.id });
      const requestId =
        outcome.ask.length === 0
          ? null
          : await this.representations.ask(manager, {
              organisationId: organisation.id,
              userId: user.id,
              roles: outcome.ask,
              bidId,
              actor,
            });
      const [network] = await manager.query<{ network_id: string }[]>(
        'SELECT network_id FROM bids WHERE id = $1',
        [bidId],
      );
      await manager.query(
        `INSERT INTO network_organisations (network_id, organisation_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING`,
        [network.network_id, organisation.id],
      );
      await this.audit.appendWith(manager, actor, {
        action: 'member.invited',
        entityType: 'member',
        entityId: memberId,
        bidId,
        after: {
          key,
          organisation: organisation.legalName,
          email: invitation.email.toLowerCase(),
          granted: outcome.grant,
          asked: outcome.ask,
        },
      });
      return { memberId, key, organisation, user, representationRequestId: requestId };
    });
  }

  /** The person a member's invitation was sent to, while it waits for an answer. */
  async invitedPerson(bidId: string, memberId: string) {
    const [row] = await this.dataSource.query<
      {
        status: MemberStatus;
        email: string | null;
        user_id: string | null;
        legal_name: string;
        organisation_id: string;
      }[]
    >(
      `SELECT m.status, m.invited_email AS email, u.id AS user_id, o.legal_name, m.organisation_id
       FROM members m JOIN organisations o ON o.id = m.organisation_id
       LEFT JOIN users u ON u.email = m.invited_email
       WHERE m.id = $1 AND m.bid_id = $2`,
      [memberId, bidId],
    );
    if (!row) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Membre introuvable.');
    if (row.status !== 'INVITED') {
      throw new DomainError(
        DomainErrorCode.INVALID_TRANSITION,
        `${row.legal_name} a déjà répondu à l’invitation : plus de lien d’invitation à envoyer.`,
        [{ path: 'memberId', code: 'NOT_INVITED', message: `membre au statut ${row.status}` }],
      );
    }
    if (!row.email || !row.user_id) {
      throw invalid(`Aucune adresse invitée pour ${row.legal_name}.`, [
        { path: 'memberId', code: 'NO_INVITED_EMAIL', message: 'membre sans adresse invitée' },
      ]);
    }
    return {
      email: row.email,
      userId: row.user_id,
      legalName: row.legal_name,
      organisationId: row.organisation_id,
    };
  }

  /** Moves a member to `to`, if the rules allow it from where it is. */
  async changeStatus(
    bidId: string,
    memberId: string,
    to: MemberStatus,
    actor: Actor,
    reason: string | null = null,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.lockMember(manager, bidId, memberId);
      assertMemberTransition(member.status, to);
      await this.assertMembershipOpen(manager, bidId);
      await manager.update(
        MemberEntity,
        { id: memberId },
        {
          status: to,
          declineReason: to === 'DECLINED' ? reason : null,
          statusChangedAt: () => 'now()',
        },
      );
      await this.audit.appendWith(manager, actor, {
        action: `member.${to.toLowerCase()}`,
        entityType: 'member',
        entityId: memberId,
        bidId,
        before: { status: member.status },
        after: { status: to, ...(reason && { reason }) },
      });
    });
  }

  /** A member's own figures; only the fields given change. */
  async updateData(bidId: string, memberId: string, data: MemberData, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.lockMember(manager, bidId, memberId);
      assertMayDeclare(member.status);
      await this.assertDeclarationOpen(manager, bidId, member.organisationId);
      await this.writeData(manager, bidId, member, data, actor);
    });
  }

  /** Insertion hours and limits, as given (undefined: unchanged; null: removed); audited. */
  private async writeData(
    manager: EntityManager,
    bidId: string,
    member: MemberEntity,
    data: MemberData,
    actor: Actor,
  ): Promise<void> {
    if (data.insertionHoursMax === undefined && data.limits === undefined) return;
    const memberId = member.id;
    const limit = await manager.findOneBy(MemberLimitEntity, { memberId });
    const before = {
      insertionHoursMax: member.insertionHoursMax,
      limits: limit ? { maxHours: limit.maxHours, maxRevenueCents: limit.maxRevenueCents } : null,
    };
    if (data.insertionHoursMax !== undefined) {
      await manager.update(
        MemberEntity,
        { id: memberId },
        { insertionHoursMax: data.insertionHoursMax },
      );
    }
    if (data.limits !== undefined) {
      await manager.delete(MemberLimitEntity, { memberId });
      const { maxHours = null, maxRevenueCents = null } = data.limits ?? {};
      if (maxHours !== null || maxRevenueCents !== null) {
        await manager.insert(MemberLimitEntity, { memberId, maxHours, maxRevenueCents });
      }
    }
    await this.audit.appendWith(manager, actor, {
      action: 'member.data_updated',
      entityType: 'member',
      entityId: memberId,
      bidId,
      before,
      after: { ...before, ...data },
    });
  }

  /**
   * Replaces a member's offers with the ones declared (a declaration is a whole form), with its
   * insertion hours and limits when given, in one transaction. Each offer names a lot and one of
   * its cells; problems are listed by path and nothing is written.
   */
  async replaceOffers(
    bidId: string,
    memberId: string,
    offers: readonly DeclaredOffer[],
    actor: Actor,
    data: MemberData = {},
  ): Promise<{ offers: number; status: MemberStatus }> {
    return this.dataSource.transaction(async (manager) => {
      const member = await this.lockMember(manager, bidId, memberId);
      const status = statusAfterDeclaring(member.status, offers.length);
      await this.assertDeclarationOpen(manager, bidId, member.organisationId);
      const cells = await manager.query<{ id: string; lot: number; territory: string }[]>(
        `SELECT c.id, l.number AS lot, t.code AS territory FROM lot_cells c
         JOIN lots l ON l.id = c.lot_id JOIN bids b ON b.tender_id = l.tender_id
         JOIN territories t ON t.id = c.territory_id WHERE b.id = $1`,
        [bidId],
      );
      const cellIds = new Map(cells.map((cell) => [`${cell.lot}|${cell.territory}`, cell.id]));
      const problems: Problem[] = [];
      const seen = new Set<string>();
      offers.forEach((offer, index) => {
        const key = `${offer.lot}|${offer.territory}`;
        if (!cellIds.has(key)) {
          problems.push({
            path: `offers[${index}].territory`,
            code: 'TERRITORY_OUTSIDE_LOT',
            message: `le lot ${offer.lot} n’a pas de cellule ${offer.territory}`,
          });
        } else if (seen.has(key)) {
          problems.push({
            path: `offers[${index}]`,
            code: 'DUPLICATE_KEY',
            message: `une seule offre par cellule (lot ${offer.lot}, ${offer.territory})`,
          });
        }
        seen.add(key);
      });
      if (problems.length > 0)
        throw invalid('Les offres contiennent des erreurs ; rien n’a été enregistré.', problems);

      await this.writeData(manager, bidId, member, data, actor);
      const before = await manager.query<{ count: number; hours: string | null }[]>(
        'SELECT count(*)::int AS count, sum(hours) AS hours FROM offers WHERE member_id = $1',
        [memberId],
      );
      await manager.query('DELETE FROM offers WHERE member_id = $1', [memberId]);
      await bulkInsert(
        manager,
        'offers',
        [
          { name: 'member_id', type: 'uuid', value: () => memberId },
          {
            name: 'lot_cell_id',
            type: 'uuid',
            value: (o: DeclaredOffer) => cellIds.get(`${o.lot}|${o.territory}`),
          },
          { name: 'hours', type: 'numeric', value: (o) => o.hours },
          { name: 'preference', type: 'text', value: (o) => o.preference },
        ],
        offers,
      );
      if (status !== member.status) {
        await manager.update(
          MemberEntity,
          { id: memberId },
          { status, statusChangedAt: () => 'now()' },
        );
      }
      await this.audit.appendWith(manager, actor, {
        action: 'member.offers_declared',
        entityType: 'member',
        entityId: memberId,
        bidId,
        before: {
          offers: before[0].count,
          hours: Number(before[0].hours ?? 0),
          status: member.status,
        },
        after: {
          offers: offers.length,
          hours: offers.reduce((sum, o) => sum + o.hours, 0),
          status,
        },
      });
      return { offers: offers.length, status };
    });
  }

  private async bidState(manager: EntityManager, bidId: string) {
    const [bid] = await manager.query<{ status: BidStatus; deadline: Date; network_id: string }[]>(
      `SELECT b.status, t.deadline, b.network_id FROM bids b JOIN tenders t ON t.id = b.tender_id
       WHERE b.id = $1`,
      [bidId],
    );
    return bid;
  }

  /**
   * Members neither join nor leave once the convention goes to signature, nor from the application
   * deadline to the award (R2142-26): a change request is the way then.
   */
  private async assertMembershipOpen(manager: EntityManager, bidId: string): Promise<void> {
    const bid = await this.bidState(manager, bidId);
    assertBidAllows('CHANGE_MEMBERSHIP', bid.status);
    assertMembershipOpen(new Date(), bid.deadline, bid.status);
  }

  /** Capacities are declared while the call is open, once the network's charter is accepted. */
  private async assertDeclarationOpen(
    manager: EntityManager,
    bidId: string,
    organisationId: string,
  ): Promise<void> {
    const bid = await this.bidState(manager, bidId);
    assertBidAllows('DECLARE_CAPACITY', bid.status);
    const [charter] = await manager.query<{ version: number; title: string; text: string }[]>(
      'SELECT version, title, text FROM charters WHERE network_id = $1 ORDER BY version DESC LIMIT 1',
      [bid.network_id],
    );
    const [accepted] = await manager.query<{ version: number | null }[]>(
      `SELECT max(c.version) AS version FROM charter_acceptances a
       JOIN charters c ON c.id = a.charter_id WHERE a.organisation_id = $1 AND c.network_id = $2`,
      [organisationId, bid.network_id],
    );
    assertCharterAccepted(charter ?? null, accepted?.version ?? null);
  }

  private async lockMember(manager: EntityManager, bidId: string, memberId: string) {
    const member = await manager
      .createQueryBuilder(MemberEntity, 'member')
      .setLock('pessimistic_write')
      .where('member.id = :memberId AND member.bid_id = :bidId', { memberId, bidId })
      .getOne();
    if (!member) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Membre introuvable.');
    return member;
  }

  private async findOrCreateOrganisation(manager: EntityManager, invitation: Invitation) {
    const idValue = normalizeIdentifier(invitation.id);
    const existing = await manager.findOneBy(OrganisationEntity, {
      idScheme: invitation.idScheme,
      idValue,
    });
    if (existing) return existing;
    const details = invitation.organisation;
    if (!details) {
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
    const [home] = await manager.query<{ id: string }[]>(
      `SELECT id FROM territories WHERE code = $1 AND bid_id IS NULL`,
      [details.home],
    );
    if (!home) {
      throw invalid(`Territoire inconnu ${details.home}.`, [
        {
          path: 'organisation.home',
          code: 'UNKNOWN_TERRITORY',
          message: `territoire inconnu ${details.home}`,
        },
      ]);
    }
    const { identifiers } = await manager.insert(OrganisationEntity, {
      legalName: details.legalName,
      kind: details.kind,
      idScheme: invitation.idScheme,
      idValue,
      employees: details.employees,
      homeTerritoryId: home.id,
      representativeName: details.representative.name,
      representativeTitle: details.representative.title,
      representativeEmail: invitation.email.toLowerCase(),
    });
    return manager.findOneByOrFail(OrganisationEntity, { id: identifiers[0].id as string });
  }

  /** A readable key unique in the bid, from the organisation's name. */
  private async freeKey(manager: EntityManager, bidId: string, legalName: string): Promise<string> {
    const base =
      legalName
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 48) || 'membre';
    const taken = new Set(
      (
        await manager.query<{ key: string }[]>(
          `SELECT key FROM members WHERE bid_id = $1 AND key LIKE $2`,
          [bidId, `${base}%`],
        )
      ).map((row) => row.key),
    );
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
    return key;
  }
}
