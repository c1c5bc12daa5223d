import { Injectable } from '@nestjs/common';
import { type ConfigOf, InjectConfig, publicUrlConfig } from '@cordage/config';
import {
  type Actor,
  DomainError,
  DomainErrorCode,
  bidPageUrl,
  calendarDate,
  contractPeriods,
} from '@cordage/domain';
import {
  BidLockRepository,
  BidWorkflowRepository,
  ContractRepository,
  MembersRepository,
  type MissingDeclaration,
  ReplansRepository,
  Transactional,
} from '@cordage/persistence';
import { MailOutbox } from '../mail';
import { AuditTrail } from '../audit';
import { bidFacts } from '../workflow/bid-facts';

/** A member's missing declarations as the coordinator reads them. */
export interface MissingView {
  memberId: string;
  member: string;
  name: string;
  lot: number;
  period: number;
  lastRemindedAt: string | null;
}

/**
 * Who has not declared a closed period of a won lot, and the reminders: each member once per lot
 * and period whatever the clicks, one mail per member and recipient through the outbox, the date
 * of its last reminder on the member as the other reminders keep it.
 */
@Injectable()
export class RealisedRemindersService {
  constructor(
    private readonly contract: ContractRepository,
    private readonly replans: ReplansRepository,
    private readonly members: MembersRepository,
    private readonly workflow: BidWorkflowRepository,
    private readonly bidLock: BidLockRepository,
    private readonly audit: AuditTrail,
    private readonly mailOutbox: MailOutbox,
    @InjectConfig(publicUrlConfig) private readonly config: ConfigOf<typeof publicUrlConfig>,
  ) {}

  async missing(bidId: string): Promise<MissingView[]> {
    return (await this.missingRows(bidId)).map((row) => ({
      memberId: row.memberId,
      member: row.member,
      name: row.name,
      lot: row.lot,
      period: row.period,
      lastRemindedAt: row.remindedAt?.toISOString() ?? null,
    }));
  }

  /** Reminds every member of what it has not declared yet and was not reminded of; 409 if none. */
  @Transactional()
  async remind(bidId: string, actor: Actor): Promise<{ members: number; periods: number }> {
    await this.bidLock.lock(bidId);
    const missing = await this.missingRows(bidId);
    const fresh = await this.replans.recordReminders(
      bidId,
      missing
        .filter((row) => row.remindedAt === null)
        .map((row) => ({ memberId: row.memberId, lotId: row.lotId, period: row.period })),
    );
    if (fresh.length === 0) {
      const message =
        'Aucune déclaration manquante qui n’ait déjà fait l’objet d’une relance : personne à relancer.';
      throw new DomainError(DomainErrorCode.INVALID_TRANSITION, message, [
        { path: 'bidId', code: 'NOTHING_TO_REMIND', message },
      ]);
    }
    const facts = await bidFacts(this.workflow, bidId);
    const byMember = new Map<string, MissingDeclaration[]>();
    for (const pair of fresh) {
      const row = missing.find(
        (m) => m.memberId === pair.memberId && m.lotId === pair.lotId && m.period === pair.period,
      );
      if (row) byMember.set(row.memberId, [...(byMember.get(row.memberId) ?? []), row]);
    }
    for (const [memberId, rows] of byMember) {
      rows.sort((a, b) => a.lot - b.lot || a.period - b.period);
      const key = rows[0]?.member ?? memberId;
      const list = rows.map((row) => `lot ${row.lot}, période ${row.period}`).join(' ; ');
      const recipients = await this.workflow.recipients(bidId, [key], 'EDITOR');
      for (const recipient of recipients) {
        await this.mailOutbox.send(
          {
            to: recipient.email,
            subject: `Rappel : déclarez le réalisé de ${recipient.organisation} (${facts.reference})`,
            text:
              `Bonjour,\n\n${actor.label}, qui coordonne le marché ${facts.reference}, vous ` +
              `rappelle que ${recipient.organisation} n’a pas encore déclaré son réalisé pour : ` +
              `${list}.\n\n${bidPageUrl(this.config.PUBLIC_URL, bidId, 'overview')}\n`,
          },
          {
            dedupeKey: `realised-reminder:${memberId}:${rows
              .map((row) => `${row.lot}-${row.period}`)
              .join(',')}:${recipient.email}`,
          },
        );
      }
      await this.members.markReminded(memberId);
      await this.audit.append(actor, {
        action: 'member.reminded',
        entityType: 'member',
        entityId: memberId,
        bidId,
        after: {
          step: 'REALISED',
          periods: rows.map((row) => ({ lot: row.lot, period: row.period })),
          recipients: recipients.map((recipient) => recipient.email),
        },
      });
    }
    return { members: byMember.size, periods: fresh.length };
  }

  /** The won lots' closed periods (over on the buyer's calendar) not declared by a member. */
  private async missingRows(bidId: string): Promise<MissingDeclaration[]> {
    const lots = await this.contract.lotContracts(bidId);
    if (!lots.some((lot) => lot.outcome === 'WON')) {
      throw new DomainError(
        DomainErrorCode.WORKFLOW_RULE_VIOLATED,
        'Aucun lot gagné n’est enregistré pour cette candidature.',
        [{ path: 'award', code: 'NO_AWARD', message: 'aucun lot gagné enregistré' }],
      );
    }
    const today = calendarDate(new Date(), await this.contract.timeZone(bidId));
    const closed = lots.flatMap((lot) => {
      if (lot.startOn === null || lot.durationMonths === null || lot.periodMonths === null) {
        return [];
      }
      const over = contractPeriods({
        startOn: lot.startOn,
        durationMonths: lot.durationMonths,
        periodMonths: lot.periodMonths,
      }).filter((period) => period.endOn <= today);
      const last = over.at(-1);
      return last ? [{ lotId: lot.lotId, lastPeriod: last.number }] : [];
    });
    return closed.length === 0 ? [] : this.replans.missingDeclarations(bidId, closed);
  }
}
