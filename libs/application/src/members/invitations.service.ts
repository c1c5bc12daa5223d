import { Injectable } from '@nestjs/common';
import { type ConfigOf, InjectConfig, publicUrlConfig } from '@cordage/config';
import { type Actor, type Invitation, type Signatory, loginLinkUrl } from '@cordage/domain';
import {
  MembersRepository,
  type RepresentationRequestView,
  Transactional,
} from '@cordage/persistence';
import { MailOutbox } from '../mail';
import { REPRESENTATIONS_PAGE } from '../representations';
import { type InvitedMember, MembershipService, type TenderHeading } from './membership.service';

const DAY_MS = 24 * 3600_000;

/** The web page where a subcontractor answers and declares (phone-friendly). */
export const subcontractorPage = (bidId: string, memberId: string) =>
  `/sous-traitance/${bidId}/${memberId}`;

/** The web page where a member declares its capacities. */
export const capacityPage = (bidId: string, memberId: string) =>
  `/candidatures/${bidId}/membres/${memberId}/capacites`;

/** An invitation of a member already written, for the caller's mail. */
export interface WrittenInvitation {
  email: string;
  legalName: string;
  /** The organisation's people must confirm the person before it acts. */
  pending: boolean;
  /** The one-time sign-in link. */
  url: string;
}

/** Whether the person acts at once or waits for the organisation's representatives. */
function representationAnswer(pending: RepresentationRequestView | null) {
  return {
    representation: pending ? ('PENDING' as const) : ('GRANTED' as const),
    representationRequestId: pending?.id ?? null,
  };
}

function invitationResult(invited: InvitedMember) {
  return {
    memberId: invited.memberId,
    key: invited.key,
    organisationId: invited.organisation.id,
    ...representationAnswer(invited.representationRequest),
  };
}

/**
 * Invites an organisation and mails its contact the invitation link (valid for days, once), in
 * one transaction. When the organisation already has representatives, they are asked by mail to
 * confirm the person.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly membership: MembershipService,
    private readonly members: MembersRepository,
    private readonly mailOutbox: MailOutbox,
    @InjectConfig(publicUrlConfig) private readonly config: ConfigOf<typeof publicUrlConfig>,
  ) {}

  /** `link.ttlDays`: how long the mailed link is valid (the api's INVITATION_LINK_TTL_DAYS). */
  @Transactional()
  async invite(bidId: string, invitation: Invitation, actor: Actor, link: { ttlDays: number }) {
    // Invited with the role « sous-traitant », it is a subcontractor like those its principal
    // invites: it answers on its own page, not the bid's (an unknown principal is refused below).
    const subcontract = invitation.role === 'SOUS_TRAITANT' ? invitation.subcontract : undefined;
    const principal =
      subcontract &&
      (await this.members.findWithOrganisation(bidId, subcontract.principalMemberId));
    if (principal) {
      const { id: memberId, organisation } = principal;
      return this.inviteSubcontractor(
        bidId,
        { memberId, legalName: organisation.legalName },
        invitation,
        actor,
        link,
      );
    }
    const invited = await this.membership.invite(bidId, invitation, actor, {
      ttlMs: link.ttlDays * DAY_MS,
    });
    const pending = invited.representationRequest;
    await this.sendLink(bidId, invited, { actor, pending: pending !== null, days: link.ttlDays });
    if (pending) await this.askRepresentatives(pending, invited.representativeEmails, actor);
    return invitationResult(invited);
  }

  /**
   * Invites a subcontractor of `principal` (the same invitation and link as a member's, the member
   * row marked as a subcontractor): the mail says whom it works for and opens its own page.
   */
  @Transactional()
  async inviteSubcontractor(
    bidId: string,
    principal: { memberId: string; legalName: string; onBehalf?: boolean },
    invitation: Invitation,
    actor: Actor,
    link: { ttlDays: number },
  ) {
    const invited = await this.membership.invite(
      bidId,
      { ...invitation, role: 'SOUS_TRAITANT', signatory: false },
      actor,
      { ttlMs: link.ttlDays * DAY_MS },
      { principalId: principal.memberId, onBehalf: principal.onBehalf ?? false },
    );
    const pending = invited.representationRequest;
    const { legalName } = invited.organisation;
    const tender = invited.tender;
    const next = pending ? REPRESENTATIONS_PAGE : subcontractorPage(bidId, invited.memberId);
    await this.mailOutbox.send({
      to: invited.user.email,
      subject: `Sous-traitance pour ${principal.legalName} : ${tender?.reference ?? ''}`.trim(),
      text:
        `Bonjour,\n\n${actor.label} invite ${legalName} à travailler en sous-traitance pour ` +
        `${principal.legalName}, dans sa candidature groupée « ${tender?.title ?? ''} » ` +
        `(${tender?.reference ?? ''}).\n\n` +
        `Acceptez, puis dites combien d’heures vous pouvez apporter à ${principal.legalName} ` +
        `sur chacun de ses lots et territoires. Vous ne voyez que ses lots et vos propres ` +
        `déclarations.\n\n` +
        (pending
          ? `${legalName} a déjà des représentants sur Cordage : vous pourrez agir pour elle ` +
            `quand l’un d’eux aura confirmé que vous la représentez. Ils viennent d’en être avertis.\n\n`
          : '') +
        `Pour répondre, connectez-vous avec ce lien (valable ${link.ttlDays} jours, une seule fois) :\n` +
        `${loginLinkUrl(this.config.PUBLIC_URL, invited.linkToken, next)}\n`,
    });
    if (pending) await this.askRepresentatives(pending, invited.representativeEmails, actor);
    return invitationResult(invited);
  }

  /**
   * Names who signs for the member (see MembershipService.designateSignatory) and tells the
   * person; when the organisation's people must confirm first, they are asked by mail.
   */
  @Transactional()
  async designateSignatory(bidId: string, memberId: string, signatory: Signatory, actor: Actor) {
    const designated = await this.membership.designateSignatory(bidId, memberId, signatory, actor);
    const pending = designated.representationRequest;
    const { legalName } = designated.organisation;
    await this.mailOutbox.send({
      to: designated.user.email,
      subject: `Signataire de ${legalName}`,
      text:
        `Bonjour,\n\n${actor.label} vous a désigné(e) comme signataire de ${legalName} ` +
        `(${signatory.capacity}) : c’est vous qui signerez la convention de groupement pour elle.\n\n` +
        (pending
          ? `${legalName} a déjà des représentants sur Cordage : vous pourrez signer quand l’un ` +
            `d’eux l’aura confirmé. Ils viennent d’en être avertis.\n`
          : `Vous signerez depuis Cordage quand la convention sera prête.\n`),
    });
    if (pending) await this.askRepresentatives(pending, designated.representativeEmails, actor);
    return representationAnswer(pending);
  }

  /**
   * Invites the person a member was written with (a renewal's representative), as `invite` does
   * once the member exists: its roles, its link (valid `link.ttlDays` days, once). The link is
   * returned for the caller's own mail, which says why the person is invited; it opens `page`
   * after sign-in, or the representation request's page while the organisation's people must
   * confirm the person (they are asked here, as for any invitation).
   */
  @Transactional()
  async inviteWritten(
    bidId: string,
    memberId: string,
    page: string,
    actor: Actor,
    link: { ttlDays: number },
  ): Promise<WrittenInvitation> {
    const invited = await this.membership.inviteWritten(bidId, memberId, actor, {
      ttlMs: link.ttlDays * DAY_MS,
    });
    const pending = invited.representationRequest;
    if (pending) await this.askRepresentatives(pending, invited.representativeEmails, actor);
    return {
      email: invited.user.email,
      legalName: invited.organisation.legalName,
      pending: pending !== null,
      url: loginLinkUrl(
        this.config.PUBLIC_URL,
        invited.linkToken,
        pending ? REPRESENTATIONS_PAGE : page,
      ),
    };
  }

  /** A new invitation link for a member still invited: the links sent before stop working. */
  @Transactional()
  async resendLink(
    bidId: string,
    memberId: string,
    actor: Actor,
    link: { ttlDays: number },
  ): Promise<void> {
    const reissued = await this.membership.reissueInvitationLink(bidId, memberId, actor, {
      ttlMs: link.ttlDays * DAY_MS,
    });
    await this.sendLink(
      bidId,
      {
        user: reissued.user,
        organisation: { legalName: reissued.legalName },
        linkToken: reissued.linkToken,
        tender: reissued.tender,
      },
      { actor, pending: reissued.pending, days: link.ttlDays },
    );
  }

  private async sendLink(
    bidId: string,
    invited: Pick<InvitedMember, 'user' | 'linkToken'> & {
      organisation: { legalName: string };
      tender: TenderHeading | null;
    },
    context: { actor: Actor; pending: boolean; days: number },
  ): Promise<void> {
    const { legalName } = invited.organisation;
    const { days } = context;
    // Until its people confirm, the person has nothing to open but the request's page.
    const next = context.pending ? REPRESENTATIONS_PAGE : `/candidatures/${bidId}/membres`;
    await this.mailOutbox.send({
      to: invited.user.email,
      subject: `Invitation : candidature groupée ${invited.tender?.reference ?? ''}`.trim(),
      text:
        `Bonjour,\n\n${context.actor.label} invite ${legalName} à rejoindre la candidature ` +
        `groupée « ${invited.tender?.title ?? ''} » (${invited.tender?.reference ?? ''}).\n\n` +
        (context.pending
          ? `${legalName} a déjà des représentants sur Cordage : vous pourrez agir pour elle ` +
            `quand l’un d’eux aura confirmé que vous la représentez. Ils viennent d’en être avertis.\n\n`
          : '') +
        `Pour répondre, connectez-vous avec ce lien (valable ${days} jours, une seule fois) :\n` +
        `${loginLinkUrl(this.config.PUBLIC_URL, invited.linkToken, next)}\n\n` +
        `Passé ce délai, demandez un nouveau lien au coordinateur ou depuis la page de connexion.\n`,
    });
  }

  /** Tells the organisation's people who asks to act for it, and where they decide. */
  private async askRepresentatives(
    request: RepresentationRequestView,
    representatives: readonly string[],
    actor: Actor,
  ) {
    const roles = request.roles
      .map((role) => (role === 'EDITOR' ? 'éditer ses données' : 'signer pour elle'))
      .join(' et ');
    const where = request.bid
      ? ` dans la candidature « ${request.bid.title} » (${request.bid.reference}) du réseau ` +
        `${request.bid.network}`
      : '';
    for (const to of representatives) {
      await this.mailOutbox.send({
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
}
