import { Injectable } from '@nestjs/common';
import { type ConfigOf, InjectConfig, publicUrlConfig } from '@cordage/config';
import {
  type Actor,
  DRIFT_MEASURE_LABELS,
  DRIFT_THRESHOLD_PERCENT,
  type MeasureDrift,
  type DriftMeasure,
  bidPageUrl,
  contractPeriods,
  detectMeasureDrifts,
  formatMeasure,
} from '@cordage/domain';
import {
  BidWorkflowRepository,
  ContractRepository,
  type LotContract,
  Propagation,
  RealisedFiguresRepository,
  Transactional,
} from '@cordage/persistence';
import { MailOutbox } from '../mail';
import { AuditTrail } from '../audit';
import { bidFacts } from '../workflow/bid-facts';

/** A drift alert as it is read: the drift, when it was raised, whether its mails went out. */
export interface DriftAlertView {
  id: string;
  member: string;
  lot: number;
  startPeriod: number;
  alertPeriod: number;
  /** What drifted; `planned` and `realised` are in its unit (cents, hundredths of an hour). */
  measure: DriftMeasure;
  planned: number;
  realised: number;
  raisedAt: string;
  mailed: boolean;
  mailsQueued: number;
  mailsSent: number;
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
    lots ??= await this.contract.lotContracts(bidId);
    const totals = await this.realised.memberPeriodTotals(bidId, member.id);
    let alerted = 0;
    for (const lot of lots) {
      if (lot.startOn === null || lot.durationMonths === null || lot.periodMonths === null)
        continue;
      const ofLot = totals.filter((total) => total.lotId === lot.lotId);
      const lastDeclared = Math.max(0, ...ofLot.filter((t) => t.declared).map((t) => t.period));
      // Nothing declared on this lot: no series, no drift (and no calendar to compute).
      if (lastDeclared === 0) continue;
      const closed = contractPeriods({
        startOn: lot.startOn,
        durationMonths: lot.durationMonths,
        periodMonths: lot.periodMonths,
      })
        .filter((period) => period.endOn <= today && period.number <= lastDeclared)
        .map((period) => period.number);
      for (const drift of detectMeasureDrifts(closed, ofLot)) {
        const alertId = await this.realised.recordDrift({
          bidId,
          memberId: member.id,
          lotId: lot.lotId,
          measure: drift.measure,
          startPeriod: drift.startPeriod,
          alertPeriod: drift.alertPeriod,
          planned: drift.point.planned,
          realised: drift.point.realised,
        });
        if (alertId === null) continue;
        alerted += 1;
        await this.audit.append(actor, {
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
        });
        await this.mail(bidId, member.key, lot.lot, drift, alertId);
      }
    }
    return alerted;
  }

  private async mail(
    bidId: string,
    memberKey: string,
    lot: number,
    drift: MeasureDrift,
    alertId: string,
  ): Promise<void> {
    const { measure, point, startPeriod } = drift;
    const facts = await bidFacts(this.workflow, bidId);
    const recipients = [
      ...(await this.workflow.coordinatorEmails(facts.networkId)),
      ...(await this.workflow.recipients(bidId, [memberKey], 'EDITOR')).map((r) => r.email),
    ];
    const organisation =
      (await this.workflow.recipients(bidId, [memberKey], 'EDITOR'))[0]?.organisation ?? memberKey;
    const percent = Math.round((point.realised * 100) / Math.max(1, point.planned));
    const label = DRIFT_MEASURE_LABELS[measure];
    for (const email of [...new Set(recipients)]) {
      await this.mailOutbox.send(
        {
          to: email,
          subject: `Écart au prévu (${label}) : ${organisation}, lot ${lot} (${facts.reference})`,
          text:
            `Bonjour,\n\nSur le lot ${lot} de la candidature ${facts.reference}, ${organisation} ` +
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
