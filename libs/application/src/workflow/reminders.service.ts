import { Injectable } from '@nestjs/common';
import { type BidStatus, type ReminderKind, membersToRemind } from '@cordage/domain';
import { BidWorkflowRepository } from '@cordage/persistence';
import { bidFacts } from './bid-facts';

/** A reminder job's mails: the bid as the text names it, and who receives one. */
export interface DueReminders {
  reference: string;
  status: BidStatus;
  recipients: { email: string; organisation: string }[];
}

/** Reminders before a deadline, to those who have not acted yet. */
@Injectable()
export class RemindersService {
  constructor(private readonly workflow: BidWorkflowRepository) {}

  /**
   * Who the reminder goes to, or null when the job is stale (the deadline moved, the bid moved on):
   * for capacities, the editors of the members who have not declared; for signatures, the
   * signatories of the parties who have not signed the agreed convention. The organisation's
   * representative when no one holds that role.
   */
  async due(bidId: string, kind: ReminderKind, deadline: Date): Promise<DueReminders | null> {
    const facts = await bidFacts(this.workflow, bidId);
    const current =
      kind === 'CAPACITY'
        ? facts.status === 'COLLECTING' && facts.capacityDeadline?.getTime() === deadline.getTime()
        : facts.status === 'SIGNING' && facts.applicationDeadline.getTime() === deadline.getTime();
    if (!current) return null;
    const waiting =
      kind === 'CAPACITY'
        ? membersToRemind('CAPACITY', facts.members).map((member) => member.key)
        : await this.workflow.unsigned(bidId, 'CONVENTION', facts.agreedVersionId);
    return {
      reference: facts.reference,
      status: facts.status,
      recipients: await this.workflow.recipients(
        bidId,
        waiting,
        kind === 'CAPACITY' ? 'EDITOR' : 'SIGNATORY',
      ),
    };
  }
}
