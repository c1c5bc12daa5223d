import { Injectable, Logger } from '@nestjs/common';
import { DeadlinesService, MailOutbox, RemindersService } from '@cordage/application';
import { type ConfigOf, InjectConfig, publicUrlConfig } from '@cordage/config';
import { BID_STATUS_LABELS, type ReminderKind, bidPageUrl, formatDeadline } from '@cordage/domain';
import { JobRecoveryRepository, Transactional } from '@cordage/persistence';

/**
 * What happens when a deadline comes: the capacity call closes itself, reminders go to those
 * who have not acted. The use cases decide (a job whose deadline has moved since it was scheduled
 * does nothing); this runner mails. A job that ran to its end is recorded in Postgres, so that
 * Redis forgetting it never runs it again.
 */
@Injectable()
export class DeadlinesRunner {
  private readonly logger = new Logger(DeadlinesRunner.name);

  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly reminders: RemindersService,
    private readonly mailOutbox: MailOutbox,
    private readonly recovery: JobRecoveryRepository,
    @InjectConfig(publicUrlConfig) private readonly config: ConfigOf<typeof publicUrlConfig>,
  ) {}

  @Transactional()
  async closeCapacityCall(jobId: string, bidId: string, deadline: Date) {
    const closing = await this.deadlines.closeCapacityCall(bidId, deadline);
    const outcome =
      'refusal' in closing ? { closed: false, reason: closing.refusal.message } : closing;
    if ('refusal' in closing) {
      const { refusal, reference } = closing;
      // The call stays open and the coordinators are told why: once per coordinator, whatever
      // the retries or a job enqueued again.
      for (const email of closing.coordinators) {
        await this.mailOutbox.send(
          {
            to: email,
            subject: `Appel à capacités ${reference} : clôture impossible`,
            text: `Bonjour,\n\nL’appel à capacités de la candidature ${reference} devait se clore le ${formatDeadline(deadline)}, mais il reste ouvert :\n\n${refusal.message}\n\n${bidPageUrl(this.config.PUBLIC_URL, bidId, 'overview')}\n`,
          },
          { dedupeKey: `${jobId}:${email}` },
        );
      }
      this.logger.warn({ bidId, problems: refusal.problems }, 'capacity call not closed');
    }
    await this.recovery.recordDeadlineJobRun(jobId);
    return outcome;
  }

  /** Mails each person to remind once, whatever the retries or the number of workers. */
  @Transactional()
  async remind(jobId: string, bidId: string, kind: ReminderKind, deadline: Date): Promise<number> {
    const due = await this.reminders.due(bidId, kind, deadline);
    if (!due) return 0;
    let sent = 0;
    for (const recipient of due.recipients) {
      const queued = await this.mailOutbox.send(
        {
          to: recipient.email,
          subject:
            kind === 'CAPACITY'
              ? `Rappel : déclarez les capacités de ${recipient.organisation} (${due.reference})`
              : `Rappel : signez la convention pour ${recipient.organisation} (${due.reference})`,
          text:
            `Bonjour,\n\n` +
            (kind === 'CAPACITY'
              ? `L’appel à capacités de la candidature ${due.reference} se clôt le ${formatDeadline(deadline)} ; ${recipient.organisation} n’a pas encore déclaré ce qu’elle peut faire.`
              : `La convention de groupement de la candidature ${due.reference} (${BID_STATUS_LABELS[due.status]}) attend la signature de ${recipient.organisation} avant le ${formatDeadline(deadline)}.`) +
            `\n\n${bidPageUrl(this.config.PUBLIC_URL, bidId, kind === 'CAPACITY' ? 'members' : 'convention')}\n`,
        },
        { dedupeKey: `${jobId}:${recipient.email}` },
      );
      if (queued) sent += 1;
    }
    await this.recovery.recordDeadlineJobRun(jobId);
    return sent;
  }
}
