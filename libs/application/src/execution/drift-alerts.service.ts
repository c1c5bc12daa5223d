import { Injectable } from '@nestjs/common';
import { type ConfigOf, InjectConfig, publicUrlConfig } from '@cordage/config';
import {
  type Actor,
  DRIFT_MEASURE_LABELS,
  DRIFT_THRESHOLD_PERCENT,
  type MeasureDrift,
  bidPageUrl,
  contractPeriods,
  detectMeasureDrifts,
  formatMeasure,
} from '@cordage/domain';
import {
  BidWorkflowRepository,
  ContractRepository,
  type DriftAlertRow,
  type LotContract,
  type MemberPeriodTotal,
  Propagation,
  RealisedFiguresRepository,
  Transactional,
} from '@cordage/persistence';
import { MailOutbox } from '../mail';
import { AuditTrail } from '../audit';
import { bidFacts } from '../workflow/bid-facts';

/** A drift alert as it is read: the drift, when it was raised, whether its mails went out. */
export interface DriftAlertView extends Omit<DriftAlertRow, 'raisedAt'> {
  raisedAt: string;
  mailed: boolean;
}

/**
 * The drift rule after a member's declaration: more than 15 % behind its cumulative plan on a lot
 * for two periods in a row, in revenue, hours or insertion hours, alerts the coordinators and the
 * member, once per drift and measure (a unique row per drift and measure, mails deduplicated by
 * it), through the outbox like every reminder.
 */
@Injectable()
export class DriftAlertsService {
  constructor(
    private readonly contract: ContractRepository,
    private readonly realised: RealisedFiguresRepository,
    private readonly workflow: BidWorkflowRepository,
    private readonly audit: AuditTrail,
    private readonly mailOutbox: MailOutbox,
    @InjectConfig(publicUrlConfig) private readonly config: ConfigOf<typeof publicUrlConfig>,
  ) {}

  /**
   * The drift alerts recorded, for the members the reader may see (null: all), oldest first:
   * whether their mails went out (queued through the outbox, sent by the worker).
   */
  async list(bidId: string, memberIds: readonly string[] | null): Promise<DriftAlertView[]> {
    const alerts = await this.realised.driftAlerts(bidId, memberIds);
    return alerts.map(({ mailsQueued, mailsSent, raisedAt, ...alert }) => ({
      ...alert,
      raisedAt: raisedAt.toISOString(),
      mailed: mailsQueued > 0 && mailsSent === mailsQueued,
      mailsQueued,
      mailsSent,
    }));
  }

  /**
   * Checks the member's lots as of `today` (YYYY-MM-DD): the periods that are over, up to the last
   * one it declared (a missing declaration is the reminders' business, not a drift). Returns the
   * drifts newly alerted. `lots`: the bid's lot contracts when the caller has just read them.
   */
  @Transactional(Propagation.Mandatory)
  async check(
    bidId: string,
    member: { id: string; key: string },
    today: string,
    actor: Actor,
    lots?: readonly LotContract[],
  ): Promise<number> {
    return this.checkMembers(bidId, [member], today, actor, lots);
  }

  /**
   * The drift rule for several members at once (a month's import): one read of their totals,
   * the rule applied member by member and lot by lot by the domain, the drifts recorded in one
   * statement (those already recorded are left: alerted once), then the audit entries and mails
   * of the new ones. Returns how many drifts were newly alerted.
   */
  @Transactional(Propagation.Mandatory)
  async checkMembers(
    bidId: string,
    members: readonly { id: string; key: string }[],
    today: string,
    actor: Actor,
    lots?: readonly LotContract[],
  ): Promise<number> {
    if (members.length === 0) return 0;
    lots ??= await this.contract.lotContracts(bidId);
    const totals = await this.realised.periodTotalsOf(
      bidId,
      members.map((member) => member.id),
    );
    const byMemberLot = new Map<string, MemberPeriodTotal[]>();
    for (const total of totals) {
      const key = `${total.memberId}\u0000${total.lotId}`;
      const line = byMemberLot.get(key);
      if (line) line.push(total);
      else byMemberLot.set(key, [total]);
    }
    // Each lot's calendar once: the periods over by `today`.
    const calendars = new Map<string, number[]>();
    for (const lot of lots) {
      if (lot.startOn === null || lot.durationMonths === null || lot.periodMonths === null)
        continue;
      calendars.set(
        lot.lotId,
        contractPeriods({
          startOn: lot.startOn,
          durationMonths: lot.durationMonths,
          periodMonths: lot.periodMonths,
        })
          .filter((period) => period.endOn <= today)
          .map((period) => period.number),
      );
    }
    const found: { member: { id: string; key: string }; lot: LotContract; drift: MeasureDrift }[] =
      [];
    for (const member of members) {
      for (const lot of lots) {
        const over = calendars.get(lot.lotId);
        const ofLot = byMemberLot.get(`${member.id}\u0000${lot.lotId}`);
        if (!over || !ofLot) continue;
        const lastDeclared = Math.max(0, ...ofLot.filter((t) => t.declared).map((t) => t.period));
        // Nothing declared on this lot: no series, no drift.
        if (lastDeclared === 0) continue;
        const closed = over.filter((period) => period <= lastDeclared);
        for (const drift of detectMeasureDrifts(closed, ofLot)) found.push({ member, lot, drift });
      }
    }
    const recorded = await this.realised.recordDrifts(
      found.map(({ member, lot, drift }) => ({
        bidId,
        memberId: member.id,
        lotId: lot.lotId,
        measure: drift.measure,
        startPeriod: drift.startPeriod,
        alertPeriod: drift.alertPeriod,
        planned: drift.point.planned,
        realised: drift.point.realised,
      })),
    );
    const ids = new Map(
      recorded.map((row) => [
        `${row.memberId}\u0000${row.lotId}\u0000${row.measure}\u0000${row.startPeriod}`,
        row.id,
      ]),
    );
    const alerted = found.flatMap((found) => {
      const { member, lot, drift } = found;
      const id = ids.get(
        `${member.id}\u0000${lot.lotId}\u0000${drift.measure}\u0000${drift.startPeriod}`,
      );
      return id === undefined ? [] : [{ ...found, alertId: id }];
    });
    if (alerted.length === 0) return 0;
    await this.audit.appendAll(
      actor,
      alerted.map(({ member, lot, drift }) => ({
        action: 'contract.drift_alert',
        entityType: 'member',
        entityId: member.id,
        bidId,
        after: {
          member: member.key,
          lot: lot.lot,
          measure: drift.measure,
          startPeriod: drift.startPeriod,
          alertPeriod: drift.alertPeriod,
          planned: drift.point.planned,
          realised: drift.point.realised,
        },
      })),
    );
    await this.mail(bidId, alerted);
    return alerted.length;
  }

  /** The alerts' mails to the coordinators and each member's editors, deduplicated per alert. */
  private async mail(
    bidId: string,
    alerts: readonly {
      member: { id: string; key: string };
      lot: LotContract;
      drift: MeasureDrift;
      alertId: string;
    }[],
  ): Promise<void> {
    const facts = await bidFacts(this.workflow, bidId);
    const coordinators = await this.workflow.coordinatorEmails(facts.networkId);
    const editors = await this.workflow.recipients(
      bidId,
      [...new Set(alerts.map((alert) => alert.member.key))],
      'EDITOR',
    );
    for (const { member, lot, drift, alertId } of alerts) {
      const { measure, point, startPeriod } = drift;
      const own = editors.filter((editor) => editor.memberId === member.id);
      const organisation = own[0]?.organisation ?? member.key;
      const percent = Math.round((point.realised * 100) / Math.max(1, point.planned));
      const label = DRIFT_MEASURE_LABELS[measure];
      for (const email of [...new Set([...coordinators, ...own.map((editor) => editor.email)])]) {
        await this.mailOutbox.send(
          {
            to: email,
            subject: `Écart au prévu (${label}) : ${organisation}, lot ${lot.lot} (${facts.reference})`,
            text:
              `Bonjour,\n\nSur le lot ${lot.lot} de la candidature ${facts.reference}, ${organisation} ` +
              `a réalisé ${formatMeasure(measure, point.realised)} de ${label} pour ` +
              `${formatMeasure(measure, point.planned)} prévus en cumul à la période ` +
              `${point.period} (${percent} %), plus de ` +
              `${DRIFT_THRESHOLD_PERCENT} % en deçà depuis la période ${startPeriod}. ` +
              `Un échange entre le membre et la coordination permet de corriger l’écart avant ` +
              `qu’il ne s’installe.\n\n${bidPageUrl(this.config.PUBLIC_URL, bidId, 'overview')}\n`,
          },
          { dedupeKey: `drift:${alertId}:${email}` },
        );
      }
    }
  }
}
