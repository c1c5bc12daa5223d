import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AuthEnv } from '@cordage/config';
import { type Actor, loginLinkUrl } from '@cordage/domain';
import {
  AuditLogRepository,
  AuthRepository,
  BidReadRepository,
  type Invitation,
  MembersRepository,
  type RepresentationRequestView,
  RepresentationsRepository,
} from '@cordage/persistence';
import { Mailer } from '@cordage/mail';

const DAY_MS = 24 * 3600_000;

/** Where the organisation's people confirm or refuse the requests (apps/web's route). */
export const REPRESENTATIONS_PAGE = '/representations';

/**
 * Invites an organisation and mails its contact an invitation link (valid for days, once). When
 * the organisation already has representatives, they are asked by mail to confirm the person.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly members: MembersRepository,
    private readonly representations: RepresentationsRepository,
    private readonly bids: BidReadRepository,
    private readonly auth: AuthRepository,
    private readonly audit: AuditLogRepository,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AuthEnv,
  ) {}

  async invite(bidId: string, invitation: Invitation, actor: Actor) {
    const invited = await this.members.invite(bidId, invitation, actor);
    const pending = invited.representationRequestId
      ? await this.representations.view(invited.representationRequestId)
      : null;
    await this.sendLink(bidId, invited.memberId, invited.user, invited.organisation.legalName, {
      actor,
      pending: pending !== null,
    });
    if (pending) await this.askRepresentatives(pending, actor);
    return {
      memberId: invited.memberId,
      key: invited.key,
      organisationId: invited.organisation.id,
      representation: pending ? ('PENDING' as const) : ('GRANTED' as const),
      representationRequestId: pending?.id ?? null,
    };
  }

  /** A new invitation link for a member still invited: the links sent before stop working. */
  async resendLink(bidId: string, memberId: string, actor: Actor): Promise<void> {
    const person = await this.members.invitedPerson(bidId, memberId);
    const pending = await this.representations.isPending(person.organisationId, person.userId);
    await this.sendLink(
      bidId,
      memberId,
      { id: person.userId, email: person.email },
      person.legalName,
      {
        actor,
        pending,
      },
    );
    await this.audit.record(actor, {
      action: 'member.invitation_link_sent',
      entityType: 'member',
      entityId: memberId,
      bidId,
      after: { email: person.email },
    });
  }

  /** Revokes a member's invitation links not used yet. */
  async revokeLinks(bidId: string, memberId: string, actor: Actor): Promise<number> {
    await this.members.invitedPerson(bidId, memberId);
    const revoked = await this.auth.revokeInvitationLinks(memberId);
    await this.audit.record(actor, {
      action: 'member.invitation_link_revoked',
      entityType: 'member',
      entityId: memberId,
      bidId,
      after: { revoked },
    });
    return revoked;
  }

  private async sendLink(
    bidId: string,
    memberId: string,
    user: { id: string; email: string },
    legalName: string,
    context: { actor: Actor; pending: boolean },
  ): Promise<void> {
    const bid = await this.bids.findBid(bidId);
    const days = this.config.INVITATION_LINK_TTL_DAYS;
    const token = await this.auth.issueInvitationLink({
      memberId,
      userId: user.id,
      ttlMs: days * DAY_MS,
      createdBy: context.actor.userId,
    });
    // Until its people confirm, the person has nothing to open but the request's page.
    const next = context.pending ? REPRESENTATIONS_PAGE : `/candidatures/${bidId}/membres`;
    await this.mailer.send({
      to: user.email,
      subject: `Invitation : candidature groupée ${bid?.tender.reference ?? ''}`.trim(),
      text:
        `Bonjour,\n\n${context.actor.label} invite ${legalName} à rejoindre la candidature ` +
        `groupée « ${bid?.tender.title ?? ''} » (${bid?.tender.reference ?? ''}).\n\n` +
        (context.pending
          ? `${legalName} a déjà des représentants sur Cordage : vous pourrez agir pour elle ` +
            `quand l’un d’eux aura confirmé que vous la représentez. Ils viennent d’en être avertis.\n\n`
          : '') +
        `Pour répondre, connectez-vous avec ce lien (valable ${days} jours, une seule fois) :\n` +
        `${loginLinkUrl(this.config.PUBLIC_URL, token, next)}\n\n` +
        `Passé ce délai, demandez un nouveau lien au coordinateur ou depuis la page de connexion.\n`,
    });
  }

  /** Tells the organisation's people who asks to act for it, and where they decide. */
  private async askRepresentatives(request: RepresentationRequestView, actor: Actor) {
    const roles = request.roles
      .map((role) => (role === 'EDITOR' ? 'éditer ses données' : 'signer pour elle'))
      .join(' et ');
    const where = request.bid
      ? ` dans la candidature « ${request.bid.title} » (${request.bid.reference}) du réseau ` +
        `${request.bid.network}`
      : '';
    for (const to of await this.representatives(request)) {
      await this.mailer.send({
        to,
        subject: `À confirmer : ${request.requester.email} pour ${request.organisation.legalName}`,
        text:
          `Bonjour,\n\n${actor.label} a invité ${request.organisation.legalName}${where}, ` +
          `en demandant que ${request.requester.email} puisse ${roles}.\n\n` +
          `Rien n’est accordé tant qu’un représentant de ${request.organisation.legalName} ne l’a ` +
          `pas confirmé. Confirmez ou refusez ici :\n` +
          `${new URL(REPRESENTATIONS_PAGE, this.config.PUBLIC_URL).toString()}\n\n` +
          `Si vous ne connaissez pas cette personne, refusez.\n`,
      });
    }
  }

  private async representatives(request: RepresentationRequestView): Promise<string[]> {
    const emails = await this.representations.representativeEmails(request.organisation.id);
    return emails.filter((email) => email !== request.requester.email);
  }
}
