import { Injectable } from '@nestjs/common';
import { type ConfigOf, InjectConfig, publicUrlConfig } from '@cordage/config';
import {
  type BidTransition,
  type ChangeRequestTransition,
  type BidPage,
  type VoteOutcome,
  bidPageUrl,
  formatDeadline,
  formatHours,
  type OutdatedOffer,
  required,
} from '@cordage/domain';
import { BidWorkflowRepository } from '@cordage/persistence';
import { MailOutbox } from '../mail';
import { bidFacts } from './bid-facts';

interface Message {
  subject: string;
  text: string;
}

/**
 * Mails the people who must act once a step is taken: editors when the call opens or a split is
 * put to the vote, signatories when signing opens, coordinators when the members have decided.
 * Queued in the step's transaction: the mails exist if and only if the step does; the worker
 * sends them, retried.
 */
@Injectable()
export class WorkflowNotifier {
  constructor(
    private readonly workflow: BidWorkflowRepository,
    private readonly mailOutbox: MailOutbox,
    @InjectConfig(publicUrlConfig) private readonly config: ConfigOf<typeof publicUrlConfig>,
  ) {}

  async afterTransition(bidId: string, transition: BidTransition): Promise<void> {
    const facts = await bidFacts(this.workflow, bidId);
    const ref = facts.reference;
    switch (transition.event) {
      case 'OPEN_CAPACITY_CALL':
      case 'REOPEN_CAPACITY_CALL': {
        // Both steps set the deadline: the call is open until it.
        const deadline = required(facts.capacityDeadline, 'the deadline of an open capacity call');
        return this.toMembers(bidId, 'EDITOR', 'members', {
          subject: `Appel à capacités ouvert : ${ref}`,
          text: `L’appel à capacités de la candidature ${ref} est ouvert jusqu’au ${formatDeadline(deadline)}. Déclarez ce que votre structure peut faire, par lot et territoire.`,
        });
      }
      case 'PROPOSE':
        return this.toMembers(bidId, 'EDITOR', 'decision', {
          subject: `Répartition soumise au vote : ${ref}`,
          text: `Une répartition de la candidature ${ref} est soumise au vote des membres. Approuvez-la, ou dites ce qui ne va pas.`,
        });
      case 'OPEN_SIGNING':
        return this.toMembers(bidId, 'SIGNATORY', 'convention', {
          subject: `Convention à signer : ${ref}`,
          text: `La convention de groupement de la candidature ${ref} est prête : signez-la pour votre structure (un code vous sera envoyé).`,
        });
      default:
        return;
    }
  }

  /** The coordinators hear when the members have decided, one way or the other. */
  async afterVote(bidId: string, before: VoteOutcome, after: VoteOutcome): Promise<void> {
    if (before === after || after === 'PENDING') return;
    const facts = await bidFacts(this.workflow, bidId);
    const message =
      after === 'APPROVED'
        ? {
            subject: `Répartition approuvée : ${facts.reference}`,
            text: `Les membres ont approuvé la répartition de la candidature ${facts.reference}. Générez et figez la convention, puis ouvrez sa signature.`,
          }
        : {
            subject: `Objection à la répartition : ${facts.reference}`,
            text: `Un membre s’oppose à la répartition de la candidature ${facts.reference} : lisez son commentaire et révisez la répartition.`,
          };
    await this.send(
      await this.workflow.coordinatorEmails(facts.networkId),
      bidPageUrl(this.config.PUBLIC_URL, bidId, after === 'APPROVED' ? 'convention' : 'allocation'),
      message,
    );
  }

  async afterChangeStep(bidId: string, transition: ChangeRequestTransition): Promise<void> {
    const facts = await bidFacts(this.workflow, bidId);
    if (transition.event === 'REALLOCATE') {
      await this.toMembers(bidId, 'EDITOR', 'decision', {
        subject: `Nouvelle répartition à approuver : ${facts.reference}`,
        text: `Un membre quitte le groupement de la candidature ${facts.reference} : approuvez la nouvelle répartition entre les membres restants.`,
      });
    } else if (transition.event === 'OPEN_AMENDMENT_SIGNING') {
      await this.toMembers(bidId, 'SIGNATORY', 'convention', {
        subject: `Avenant à signer : ${facts.reference}`,
        text: `L’avenant à la convention de groupement de la candidature ${facts.reference} est prêt : signez-le pour votre structure.`,
      });
    }
  }

  /** A re-plan is put to the vote: the members' editors approve it or object. */
  async afterReplanPutToVote(bidId: string, replan: number, fromPeriod: number): Promise<void> {
    const facts = await bidFacts(this.workflow, bidId);
    await this.toMembers(bidId, 'EDITOR', 'decision', {
      subject: `Replanification à approuver : ${facts.reference}`,
      text: `La replanification n° ${replan} du marché de la candidature ${facts.reference} change la répartition des périodes restantes à partir de la période ${fromPeriod} : approuvez-la ou dites ce qui doit changer.`,
    });
  }

  /**
   * Every member hears of a corrigendum: what changed, and for its own offers that no longer hold,
   * which ones to declare again.
   */
  async afterCorrigendum(
    bidId: string,
    corrigendum: { number: number; reason: string; summary: readonly string[] },
    outdatedOffers: readonly OutdatedOffer[],
  ): Promise<void> {
    const facts = await bidFacts(this.workflow, bidId);
    const link = bidPageUrl(this.config.PUBLIC_URL, bidId, 'overview');
    for (const recipient of await this.workflow.recipients(bidId, null, 'EDITOR')) {
      const own = outdatedOffers.filter((offer) => offer.memberId === recipient.memberId);
      const changes = corrigendum.summary.map((line) => `- ${line}`).join('\n');
      const yours =
        own.length === 0
          ? 'Aucune des déclarations de votre structure n’est périmée.'
          : `Déclarations de votre structure périmées (elles restent enregistrées ; déclarez de nouveau ce que vous pouvez faire) :\n${own
              .map(
                (offer) =>
                  `- lot ${offer.lot}, ${offer.territory}, ${formatHours(offer.hours)} : ${offer.reason}`,
              )
              .join('\n')}`;
      await this.send([recipient.email], link, {
        subject: `Avis rectificatif n° ${corrigendum.number} : ${facts.reference}`,
        text: `L’acheteur a publié un avis rectificatif pour la consultation ${facts.reference}, reporté dans la candidature.\n\nMotif : ${corrigendum.reason}\n\nCe qui change :\n${changes}\n\n${yours}`,
      });
    }
  }

  /** The approved re-plan's amendment is frozen: each member's signatory signs it. */
  async afterReplanAmendmentReady(bidId: string, amendmentNumber: number): Promise<void> {
    const facts = await bidFacts(this.workflow, bidId);
    await this.toMembers(bidId, 'SIGNATORY', 'convention', {
      subject: `Avenant n° ${amendmentNumber} à signer : ${facts.reference}`,
      text: `La replanification du marché de la candidature ${facts.reference} est approuvée : son avenant n° ${amendmentNumber} est prêt, signez-le pour votre structure. La nouvelle répartition s’applique à la dernière signature.`,
    });
  }

  /** Every member signed the re-plan's amendment: its split is the plan in force. */
  async afterReplanApplied(bidId: string, amendmentNumber: number, fromPeriod: number) {
    const facts = await bidFacts(this.workflow, bidId);
    await this.toMembers(bidId, 'EDITOR', 'overview', {
      subject: `Nouvelle répartition en vigueur : ${facts.reference}`,
      text: `Tous les membres ont signé l’avenant n° ${amendmentNumber} du marché de la candidature ${facts.reference} : sa répartition s’applique à partir de la période ${fromPeriod} ; les périodes précédentes ne changent pas.`,
    });
  }

  private async toMembers(
    bidId: string,
    role: 'EDITOR' | 'SIGNATORY',
    page: BidPage,
    message: Message,
  ) {
    const recipients = await this.workflow.recipients(bidId, null, role);
    await this.send(
      recipients.map((recipient) => recipient.email),
      bidPageUrl(this.config.PUBLIC_URL, bidId, page),
      message,
    );
  }

  /** Each mail ends with the page of the web app where the person acts. */
  private async send(to: readonly string[], link: string, message: Message): Promise<void> {
    for (const address of new Set(to)) {
      await this.mailOutbox.send({
        to: address,
        subject: message.subject,
        text: `Bonjour,\n\n${message.text}\n\n${link}\n`,
      });
    }
  }
}
