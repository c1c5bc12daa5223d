import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type PublicUrlEnv } from '@cordage/config';
import {
  BID_STATUS_LABELS,
  DomainErrorCode,
  type ReminderKind,
  bidPageUrl,
  formatDeadline,
  isDomainError,
} from '@cordage/domain';
import { Mailer } from '@cordage/mail';
import {
  type BidWorkflowFacts,
  BidWorkflowRepository,
  JobRecoveryRepository,
} from '@cordage/persistence';

const WORKER = { userId: null, label: 'worker', requestId: null };

/**
 * What happens when a deadline comes: the capacity call closes itself, reminders go to those
 * who have not acted. A job whose deadline has moved since it was scheduled does nothing. A job
 * that ran to its end is recorded in Postgres, so that Redis forgetting it never runs it again.
 */
@Injectable()
export class DeadlinesRunner {
  private readonly logger = new Logger(DeadlinesRunner.name);

  constructor(
    private readonly workflow: BidWorkflowRepository,
    private readonly mailer: Mailer,
    private readonly recovery: JobRecoveryRepository,
    @Inject(APP_CONFIG) private readonly config: PublicUrlEnv,
  ) {}

  async closeCapacityCall(jobId: string, bidId: string, deadline: Date) {
    const outcome = await this.tryClosing(jobId, bidId, deadline);
    await this.recovery.recordDeadlineJobRun(jobId);
    return outcome;
  }

  private async tryClosing(jobId: string, bidId: string, deadline: Date) {
    const facts = await this.workflow.facts(bidId);
    if (facts.status !== 'COLLECTING' || facts.capacityDeadline?.getTime() !== deadline.getTime()) {
      return { closed: false, reason: 'moot' };
    }
    try {
      await this.workflow.transition(bidId, 'CLOSE_CAPACITY_CALL', WORKER);
      return { closed: true };
    } catch (error) {
      if (!isDomainError(error) || error.code !== DomainErrorCode.INVALID_TRANSITION) throw error;
      // The rules are not met: the call stays open and the coordinators are told why.
      // Once per coordinator, whatever the retries or a job enqueued again.
      for (const email of await this.workflow.coordinatorEmails(facts.networkId)) {
        await this.workflow.deliverOnce(jobId, email, () =>
          this.mailer.send({
            to: email,
            subject: `Appel à capacités ${facts.reference} : clôture impossible`,
            text: `Bonjour,\n\nL’appel à capacités de la candidature ${facts.reference} devait se clore le ${formatDeadline(deadline)}, mais il reste ouvert :\n\n${error.message}\n\n${bidPageUrl(this.config.PUBLIC_URL, bidId, 'overview')}\n`,
          }),
        );
      }
      this.logger.warn({ bidId, problems: error.problems }, 'capacity call not closed');
      return { closed: false, reason: error.message };
    }
  }

  /** Mails each person to remind once, whatever the retries or the number of workers. */
  async remind(jobId: string, bidId: string, kind: ReminderKind, deadline: Date): Promise<number> {
    const facts = await this.workflow.facts(bidId);
    const current =
      kind === 'CAPACITY'
        ? facts.status === 'COLLECTING' && facts.capacityDeadline?.getTime() === deadline.getTime()
        : facts.status === 'SIGNING' && facts.applicationDeadline.getTime() === deadline.getTime();
    if (!current) return 0;
    const sent = await this.mailReminders(jobId, facts, kind, deadline);
    await this.recovery.recordDeadlineJobRun(jobId);
    return sent;
  }

  private async mailReminders(
    jobId: string,
    facts: BidWorkflowFacts,
    kind: ReminderKind,
    deadline: Date,
  ): Promise<number> {
    const bidId = facts.bidId;
    let sent = 0;
    for (const recipient of await this.workflow.reminderRecipients(facts, kind)) {
      const delivered = await this.workflow.deliverOnce(jobId, recipient.email, () =>
        this.mailer.send({
          to: recipient.email,
          subject:
            kind === 'CAPACITY'
              ? `Rappel : déclarez les capacités de ${recipient.organisation} (${facts.reference})`
              : `Rappel : signez la convention pour ${recipient.organisation} (${facts.reference})`,
          text:
            `Bonjour,\n\n` +
            (kind === 'CAPACITY'
              ? `L’appel à capacités de la candidature ${facts.reference} se clôt le ${formatDeadline(deadline)} ; ${recipient.organisation} n’a pas encore déclaré ce qu’elle peut faire.`
              : `La convention de groupement de la candidature ${facts.reference} (${BID_STATUS_LABELS[facts.status]}) attend la signature de ${recipient.organisation} avant le ${formatDeadline(deadline)}.`) +
            `\n\n${bidPageUrl(this.config.PUBLIC_URL, bidId, kind === 'CAPACITY' ? 'members' : 'convention')}\n`,
        }),
      );
      if (delivered) sent += 1;
    }
    return sent;
  }
}
