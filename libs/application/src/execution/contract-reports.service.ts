import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import {
  type Actor,
  type ContractPeriod,
  type ContractReportRequest,
  DECISION_LABELS,
  DomainError,
  DomainErrorCode,
  type IdentifierScheme,
  buildEvaluationReport,
  buildInsertionReport,
  checkReportRequest,
  contractPeriods,
  isUuid,
  periodYear,
  procurementTimeZone,
  required,
  hasLeft,
} from '@cordage/domain';
import type { ContractReportModel, ReportHeader } from '@cordage/documents';
import {
  BidLockRepository,
  BidScenarioRepository,
  ContractReportsRepository,
  type ContractReportSummary,
  ContractRepository,
  DocumentsRepository,
  JobRequestsRepository,
  type JobRequest,
  MembersRepository,
  OutboxRepository,
  RealisedFiguresRepository,
  type StoredDocument,
  TerritoryRepository,
  Transactional,
} from '@cordage/persistence';
import { JobName } from '@cordage/queue';
import { RequestDocumentsRecorder } from '../signing/request-documents-recorder';
import { jobMessage } from '../jobs/job-message';
import { AuditTrail } from '../audit';

const notFound = () => new DomainError(DomainErrorCode.NOT_FOUND, 'Rapport introuvable.');

/** Who reads: coordinators and, under an OPEN transparency, every member (null: refused). */
export type ReportReader = 'ALL' | 'OWN';

function assertReadsAll(reader: ReportReader): void {
  if (reader !== 'ALL') {
    throw new DomainError(
      DomainErrorCode.FORBIDDEN,
      'Les rapports d’exécution donnent les chiffres de tous les membres : la transparence de ' +
        'cette candidature ne les partage pas.',
      [
        {
          path: 'transparency',
          code: 'NOT_SHARED',
          message: 'chiffres des autres membres non partagés',
        },
      ],
    );
  }
}

/**
 * The contract's reports after the award: asked by a coordinator (a CONTRACT_REPORT request and its
 * job through the outbox, the request's id being the report's), produced by the worker as
 * documents, read under the bid's transparency; the annual evaluation approved by each member.
 */
@Injectable()
export class ContractReportsService {
  constructor(
    private readonly reports: ContractReportsRepository,
    private readonly contract: ContractRepository,
    private readonly realised: RealisedFiguresRepository,
    private readonly jobRequests: JobRequestsRepository,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditTrail,
    private readonly documents: DocumentsRepository,
    private readonly bidLock: BidLockRepository,
    private readonly scenarios: BidScenarioRepository,
    private readonly territories: TerritoryRepository,
    private readonly members: MembersRepository,
    private readonly recorder: RequestDocumentsRecorder,
  ) {}

  /** Every lot's periods (null until its contract is set). */
  private async lotFacts(bidId: string) {
    const awards = await this.contract.awards(bidId);
    return awards.map((award) => ({
      ...award,
      periods:
        award.outcome === 'WON' &&
        award.startOn !== null &&
        award.durationMonths !== null &&
        award.periodMonths !== null
          ? contractPeriods({
              startOn: award.startOn,
              durationMonths: award.durationMonths,
              periodMonths: award.periodMonths,
            })
          : null,
    }));
  }

  /**
   * Records the request and its job in one transaction. The same report asked again while the
   * first still waits is that one (a double click makes one report).
   */
  @Transactional()
  async request(bidId: string, asked: ContractReportRequest, actor: Actor) {
    await this.bidLock.lock(bidId);
    const status = await this.reports.bidStatus(bidId);
    if (status === null)
      throw new DomainError(DomainErrorCode.NOT_FOUND, 'Candidature introuvable.');
    const lots = await this.lotFacts(bidId);
    const periodsOf = new Map(lots.map((lot) => [lot.lot, lot.periods]));
    const yearsWithFigures = new Set(
      (await this.reports.declaredPeriods(bidId)).flatMap(({ lot, period }) => {
        const found = periodsOf.get(lot)?.find((candidate) => candidate.number === period);
        return found ? [periodYear(found)] : [];
      }),
    );
    const request = checkReportRequest(asked, {
      awarded: status === 'AWARDED' && lots.length > 0,
      lots: lots.map((lot) => ({ lot: lot.lot, outcome: lot.outcome, periods: lot.periods })),
      yearsWithFigures,
    });
    const versionId = required(
      await this.reports.signedVersionId(bidId),
      'the signed version of an awarded bid',
    );
    const parameters = {
      report: request.report,
      lot: request.lot,
      period: request.period,
      year: request.year,
    };
    const { id, created } = await this.jobRequests.insertUnlessWaiting({
      id: randomUUID(),
      kind: 'CONTRACT_REPORT',
      bidId,
      inputHash: createHash('sha256').update(JSON.stringify(parameters)).digest('hex'),
      parameters: { ...parameters, allocationVersionId: versionId },
      requestedBy: actor.userId,
      requestId: actor.requestId,
    });
    if (created) {
      await this.outbox.add(jobMessage(JobName.CONTRACT_REPORT, id, { requestId: id }));
      await this.audit.append(actor, {
        action: 'contract.report_requested',
        entityType: 'job_request',
        entityId: id,
        bidId,
        after: parameters,
      });
    }
    return {
      reportId: id,
      jobId: id,
      statusUrl: `/api/jobs/${id}`,
      reportUrl: `/api/bids/${bidId}/reports/${id}`,
    };
  }

  /** The bid's reports; none for a member when the transparency does not share the figures. */
  async list(bidId: string, reader: ReportReader): Promise<ContractReportSummary[]> {
    return reader === 'ALL' ? this.reports.list(bidId) : [];
  }

  async find(
    bidId: string,
    reportId: string,
    reader: ReportReader,
  ): Promise<ContractReportSummary> {
    assertReadsAll(reader);
    const [report] = isUuid(reportId) ? await this.reports.list(bidId, reportId) : [];
    if (!report) throw notFound();
    return report;
  }

  /** Everything a report says, read once (the worker renders it). */
  async model(
    request: JobRequest<'CONTRACT_REPORT'>,
    uriBase: string,
  ): Promise<ContractReportModel> {
    const bidId = required(request.bidId, 'a report’s bid');
    const { parameters } = request;
    const scenario = required(await this.scenarios.exportScenario(bidId), 'the report’s bid');
    const organisations = new Map(scenario.organizations.map((o) => [o.key, o]));
    const mandataire = required(
      organisations.get(scenario.consortium.mandataire),
      'the mandataire',
    );
    const header: ReportHeader = {
      bidId,
      tender: {
        reference: scenario.tender.reference,
        title: scenario.tender.title,
        buyer: scenario.tender.buyer,
      },
      mandataire: {
        legalName: mandataire.legalName,
        idScheme: mandataire.idScheme,
        idValue: mandataire.id,
      },
      generatedAt: request.createdAt.toISOString(),
      timeZone: procurementTimeZone(scenario.tender.buyer.idScheme),
    };
    const members = await this.reports.members(bidId);
    const names = new Map(members.map((member) => [member.key, member.legalName]));
    const memberName = (key: string) => names.get(key) ?? key;
    const lots = await this.lotFacts(bidId);

    if (parameters.report === 'INSERTION') {
      const lotNumber = required(parameters.lot, 'an insertion report’s lot');
      const lot = required(
        lots.find((candidate) => candidate.lot === lotNumber),
        'the report’s lot',
      );
      const period = required(
        lot.periods?.find((candidate) => candidate.number === parameters.period),
        'the report’s period',
      );
      const lines = await this.realised.plannedAgainstRealised(bidId, null, lotNumber);
      const codes = [...new Set(lines.map((line) => line.territory))];
      const territoryNames = await this.territories.namesOf(codes);
      const siteLabels = new Map(
        scenario.tender.lots.flatMap((l) =>
          l.cells.flatMap((cell) => (cell.label ? [[cell.territory, cell.label] as const] : [])),
        ),
      );
      return {
        report: 'INSERTION',
        header,
        insertion: buildInsertionReport({
          lot: lotNumber,
          lotTitle: lot.title,
          period,
          lines,
          memberName,
          territoryName: (code) => siteLabels.get(code) ?? territoryNames.get(code) ?? code,
        }),
      };
    }

    const totals = await this.realised.plannedAgainstRealisedTotals(bidId, null, null);
    if (parameters.report === 'EVALUATION') {
      const drifts = await this.reports.driftAlerts(bidId);
      const decisions = await this.reports.auditEntries(bidId, Object.keys(DECISION_LABELS));
      return {
        report: 'EVALUATION',
        header,
        evaluation: buildEvaluationReport({
          year: required(parameters.year, 'an evaluation’s year'),
          periods: new Map(
            lots.flatMap((lot) =>
              lot.periods ? [[lot.lot, lot.periods] as [number, ContractPeriod[]]] : [],
            ),
          ),
          totals,
          drifts,
          decisions: decisions.map((entry) => ({
            at: entry.at,
            action: entry.action,
            label: `${DECISION_LABELS[entry.action] ?? entry.action} (${entry.actor})`,
          })),
          memberName,
        }),
      };
    }

    const planned = await this.contract.plannedCells(bidId, 'ALL');
    return {
      report: 'OCDS',
      header,
      ocds: {
        uriBase,
        members: members.map((member) => ({
          key: member.key,
          legalName: member.legalName,
          idScheme: member.idScheme as IdentifierScheme,
          idValue: member.idValue,
        })),
        lots: lots.map((lot) => {
          const shares = new Map<string, { amountCents: number; insertionHours: number }>();
          for (const cell of planned) {
            if (cell.lot !== lot.lot || cell.member === null) continue;
            const share = shares.get(cell.member) ?? { amountCents: 0, insertionHours: 0 };
            share.amountCents += cell.amountCents;
            share.insertionHours += cell.insertionHours;
            shares.set(cell.member, share);
          }
          return {
            lot: lot.lot,
            title: lot.title,
            outcome: lot.outcome,
            awardedOn: lot.awardedOn,
            awardedCents: lot.awardedCents,
            periods: lot.periods,
            planned: [...shares].map(([member, share]) => ({ member, ...share })),
          };
        }),
        totals,
      },
    };
  }

  /**
   * Records a report's files, numbered after the bid's previous documents of their kind and
   * subject, and marks the report done. A retried job that already stored them changes nothing.
   */
  @Transactional()
  async record(requestId: string, documents: StoredDocument[], actor: Actor): Promise<string[]> {
    return this.recorder.record(
      { requestId, kind: 'CONTRACT_REPORT', documents, actor },
      (request, stored) => ({
        action: 'contract.report_generated',
        entityType: 'job_request',
        after: { report: request.parameters.report, documents: stored },
      }),
    );
  }

  /**
   * A member approves an annual evaluation that was produced; approving it again changes
   * nothing. Audited once.
   */
  @Transactional()
  async approve(
    bidId: string,
    memberId: string,
    reportId: string,
    reader: ReportReader,
    actor: Actor,
  ) {
    assertReadsAll(reader);
    const request = isUuid(reportId) ? await this.reports.lockReport(reportId) : null;
    if (!request || request.bidId !== bidId) throw notFound();
    const parameters = request.parameters as ContractReportRequest;
    if (parameters.report !== 'EVALUATION') {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        'Seule l’évaluation partagée annuelle s’approuve.',
        [{ path: 'reportId', code: 'NOT_AN_EVALUATION', message: `rapport ${parameters.report}` }],
      );
    }
    if (request.status !== 'DONE') {
      throw new DomainError(
        DomainErrorCode.WORKFLOW_RULE_VIOLATED,
        'L’évaluation n’est pas encore produite : elle s’approuve une fois son PDF disponible.',
        [{ path: 'reportId', code: 'NOT_PRODUCED', message: `rapport ${request.status}` }],
      );
    }
    const member = await this.members.findWithOrganisation(bidId, memberId);
    if (!member) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Membre introuvable.');
    if (hasLeft(member.status)) {
      throw new DomainError(
        DomainErrorCode.WORKFLOW_RULE_VIOLATED,
        'Ce membre a quitté le groupement : il n’approuve plus l’évaluation.',
        [{ path: 'memberId', code: 'MEMBER_LEFT', message: 'membre parti' }],
      );
    }
    const created = await this.reports.approve({
      bidId,
      reportId,
      memberId,
      approvedBy: actor.userId,
      approverLabel: actor.label,
    });
    if (created) {
      await this.audit.append(actor, {
        action: 'contract.report_approved',
        entityType: 'job_request',
        entityId: reportId,
        bidId,
        after: { member: member.key, year: parameters.year },
      });
    }
    return this.approvals(bidId, reportId, reader);
  }

  async approvals(bidId: string, reportId: string, reader: ReportReader) {
    const report = await this.find(bidId, reportId, reader);
    const approvals = await this.reports.approvals(report.id);
    return {
      reportId: report.id,
      approvals: approvals.map((approval) => ({
        ...approval,
        approvedAt: approval.approvedAt.toISOString(),
      })),
    };
  }
}
