import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AuthEnv } from '@cordage/config';
import { type Actor, loginLinkUrl } from '@cordage/domain';
import {
  AuthRepository,
  BidReadRepository,
  type Invitation,
  MembersRepository,
} from '@cordage/persistence';
import { Mailer } from '@cordage/mail';

/** Invites an organisation and mails its contact a link to sign in and answer. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly members: MembersRepository,
    private readonly bids: BidReadRepository,
    private readonly auth: AuthRepository,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AuthEnv,
  ) {}

  async invite(bidId: string, invitation: Invitation, actor: Actor) {
    const invited = await this.members.invite(bidId, invitation, actor);
    const bid = await this.bids.findBid(bidId);
    const token = await this.auth.issueLoginToken({
      email: invited.user.email,
      userId: invited.user.id,
      ip: null,
    });
    await this.mailer.send({
      to: invited.user.email,
      subject: `Invitation : candidature groupée ${bid?.tender.reference ?? ''}`.trim(),
      text:
        `Bonjour,\n\n${actor.label} invite ${invited.organisation.legalName} à rejoindre la candidature ` +
        `groupée « ${bid?.tender.title ?? ''} » (${bid?.tender.reference ?? ''}).\n\n` +
        `Pour répondre, connectez-vous avec ce lien (valable 15 minutes, une seule fois) :\n` +
        `${loginLinkUrl(this.config.PUBLIC_URL, token!, `/candidatures/${bidId}/membres`)}\n\n` +
        `Passé ce délai, demandez un nouveau lien depuis la page de connexion.\n`,
    });
    return {
      memberId: invited.memberId,
      key: invited.key,
      organisationId: invited.organisation.id,
    };
  }
}
