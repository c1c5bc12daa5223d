import { Injectable } from '@nestjs/common';
import { type ConfigOf, InjectConfig, publicUrlConfig } from '@cordage/config';
import type { Actor, Principal } from '@cordage/domain';
import { type RepresentationRequestView, Transactional } from '@cordage/persistence';
import { MailOutbox } from '../mail';
import { RepresentationRequestsService } from '../members/representation-requests.service';

/** Where the organisation's people confirm or refuse the requests (apps/web's route). */
export const REPRESENTATIONS_PAGE = '/representations';

/** Decides a request to represent an organisation and tells the person who asked, in one transaction. */
@Injectable()
export class RepresentationDecisionsService {
  constructor(
    private readonly requests: RepresentationRequestsService,
    private readonly mailOutbox: MailOutbox,
    @InjectConfig(publicUrlConfig) private readonly config: ConfigOf<typeof publicUrlConfig>,
  ) {}

  @Transactional()
  async decide(
    requestId: string,
    decision: 'CONFIRMED' | 'REFUSED',
    principal: Principal,
    actor: Actor,
  ): Promise<RepresentationRequestView> {
    const request = await this.requests.decide(requestId, decision, principal, actor);
    const { legalName } = request.organisation;
    const page = new URL(REPRESENTATIONS_PAGE, this.config.PUBLIC_URL).toString();
    await this.mailOutbox.send({
      to: request.requester.email,
      subject:
        decision === 'CONFIRMED'
          ? `Confirmé : vous représentez ${legalName}`
          : `Refusé : demande pour représenter ${legalName}`,
      text:
        decision === 'CONFIRMED'
          ? `Bonjour,\n\nUn représentant de ${legalName} a confirmé que vous la représentez sur ` +
            `Cordage : vous pouvez désormais agir pour elle.\n\n${page}\n`
          : `Bonjour,\n\nUn représentant de ${legalName} a refusé que vous la représentiez sur ` +
            `Cordage : aucun rôle ne vous a été accordé pour elle. Si c’est une erreur, ` +
            `adressez-vous à ses représentants ou au coordinateur qui vous a invité.\n\n${page}\n`,
    });
    return request;
  }
}
