import { Injectable } from '@nestjs/common';
import { type ConfigOf, InjectConfig, publicUrlConfig } from '@cordage/config';
import {
  type Actor,
  type BidPage,
  DomainError,
  DomainErrorCode,
  type RemindedStep,
  assertStepAwaitingMembers,
  bidPageUrl,
  reminderRefusal,
} from '@cordage/domain';
import {
  BidLockRepository,
  BidWorkflowRepository,
  MembersRepository,
  Transactional,
} from '@cordage/persistence';
import { MailOutbox } from '../mail';
import { bidFacts } from './bid-facts';
import { AuditTrail } from '../audit';

export interface MemberReminded {
  memberId: string;
  /** When it was last reminded: now, or the first time this click was received. */
  lastRemindedAt: Date;
  /** Mails queued by this call: 0 when the click was already received (a retry). */
  mails: number;
}

const WHAT: Record<
  RemindedStep,
  { subject: string; text: string; page: BidPage; role: 'EDITOR' | 'SIGNATORY' }
> = {
  DECLARATION: {
    subject: 'déclarez les capacités de',
    text: 'n’a pas encore déclaré ce qu’elle peut faire, par lot et territoire',
    page: 'members',
    role: 'EDITOR',
  },
  VOTE: {
    subject: 'votez sur la répartition pour',
    text: 'n’a pas encore voté sur la répartition proposée',
    page: 'decision',
    role: 'EDITOR',
  },
  SIGNATURE: {
    subject: 'signez la convention pour',
    text: 'n’a pas encore signé la convention de groupement',
    page: 'convention',
    role: 'SIGNATORY',
  },
};

const memberNotFound = () =>
  new DomainError(DomainErrorCode.NOT_FOUND, 'Membre introuvable dans cette candidature.');

/**
 * A coordinator's reminder on demand ("Relancer"), for the step the bid waits on: the mails leave
 * through the outbox like the scheduled reminders, each click once. The client names its click
 * (`clickId`): a retried request finds its mails already queued and changes nothing.
 */
@Injectable()
export class MemberRemindersService {
  constructor(
    private readonly workflow: BidWorkflowRepository,
    private readonly members: MembersRepository,
    private readonly bidLock: BidLockRepository,
    private readonly audit: AuditTrail,
    private readonly mailOutbox: MailOutbox,
    @InjectConfig(publicUrlConfig) private readonly config: ConfigOf<typeof publicUrlConfig>,
  ) {}

  /** Reminds one member, or refuses with why (gone, sub-contractor, step already done). */
  @Transactional()
  async remindOne(
    bidId: string,
    memberId: string,
    clickId: string,
    actor: Actor,
  ): Promise<MemberReminded> {
    // A member of another bid is unknown here, whatever step this bid is at.
    if (!(await this.members.findWithOrganisation(bidId, memberId))) throw memberNotFound();
    const { step, late, names } = await this.late(bidId);
    if (!names.has(memberId)) throw memberNotFound();
    const refusal = late.get(memberId);
    if (refusal) {
      throw new DomainError(DomainErrorCode.INVALID_TRANSITION, refusal, [
        { path: 'memberId', code: 'NOTHING_TO_REMIND', message: refusal },
      ]);
    }
    return this.remind(bidId, memberId, step, clickId, actor);
  }

  /** Reminds every co-contractor who has not done the step yet; refuses when none is late. */
  @Transactional()
  async remindLate(bidId: string, clickId: string, actor: Actor): Promise<MemberReminded[]> {
    const { step, late } = await this.late(bidId);
    const waiting = [...late].filter(([, refusal]) => refusal === null).map(([id]) => id);
    if (waiting.length === 0) {
      const message = 'Tous les membres ont déjà fait cette étape : il n’y a personne à relancer.';
      throw new DomainError(DomainErrorCode.INVALID_TRANSITION, message, [
        { path: 'bidId', code: 'NOTHING_TO_REMIND', message },
      ]);
    }
    const reminded: MemberReminded[] = [];
    for (const memberId of waiting) {
      reminded.push(await this.remind(bidId, memberId, step, clickId, actor));
    }
    return reminded;
  }

  /** The step, and for each member why it cannot be reminded (null: it can). */
  private async late(bidId: string) {
    await this.bidLock.lock(bidId);
    const facts = await bidFacts(this.workflow, bidId);
    const step = assertStepAwaitingMembers(facts.status);
    const progress = await this.workflow.memberProgress(bidId, {
      charterId: null,
      voteVersionId: step === 'VOTE' ? facts.proposedVersionId : null,
      signing:
        step === 'SIGNATURE'
          ? { kind: 'CONVENTION', versionId: facts.agreedVersionId, changeRequestId: null }
          : null,
    });
    const late = new Map<string, string | null>();
    const names = new Map<string, string>();
    for (const member of facts.members) {
      const found = await this.members.findWithOrganisation(bidId, member.id);
      const name = found?.organisation.legalName ?? member.key;
      names.set(member.id, name);
      const done = progress.get(member.id) ?? { declared: false, voted: false, signed: false };
      late.set(member.id, reminderRefusal(step, { ...member, ...done }, name));
    }
    return { step, late, names };
  }

  private async remind(
    bidId: string,
    memberId: string,
    step: RemindedStep,
    clickId: string,
    actor: Actor,
  ): Promise<MemberReminded> {
    const facts = await bidFacts(this.workflow, bidId);
    const member = facts.members.find((candidate) => candidate.id === memberId);
    if (!member) throw new Error(`member ${memberId} not in bid ${bidId}`);
    const what = WHAT[step];
    const recipients = await this.workflow.recipients(bidId, [member.key], what.role);
    let mails = 0;
    for (const recipient of recipients) {
      const queued = await this.mailOutbox.send(
        {
          to: recipient.email,
          subject: `Rappel : ${what.subject} ${recipient.organisation} (${facts.reference})`,
          text:
            `Bonjour,\n\n${actor.label}, qui coordonne la candidature ${facts.reference}, vous ` +
            `rappelle que ${recipient.organisation} ${what.text}.\n\n` +
            `${bidPageUrl(this.config.PUBLIC_URL, bidId, what.page)}\n`,
        },
        { dedupeKey: `manual-reminder:${clickId}:${memberId}:${recipient.email}` },
      );
      if (queued) mails += 1;
    }
    if (mails === 0) {
      // The click was already received: what it recorded stands.
      const found = await this.members.findWithOrganisation(bidId, memberId);
      if (found?.lastRemindedAt) return { memberId, lastRemindedAt: found.lastRemindedAt, mails };
    }
    const lastRemindedAt = await this.members.markReminded(memberId);
    await this.audit.append(actor, {
      action: 'member.reminded',
      entityType: 'member',
      entityId: memberId,
      bidId,
      after: { step, recipients: recipients.map((recipient) => recipient.email) },
    });
    return { memberId, lastRemindedAt, mails };
  }
}
