import { Injectable } from '@nestjs/common';
import type {
  BidStatus,
  ContractReportKind,
  DocumentKind,
  DriftMeasure,
  ReportDrift,
} from '@cordage/domain';
import { BidEntity, JobRequestEntity, LotAwardEntity, ReportApprovalEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

/** A report as asked, with the files it produced (none until its job is done). */
export interface ContractReportSummary {
  id: string;
  report: ContractReportKind;
  lot: number | null;
  period: number | null;
  year: number | null;
  status: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
  failure: { code: string; message: string } | null;
  requestedAt: Date;
  finishedAt: Date | null;
  documents: { id: string; kind: DocumentKind; filename: string; sha256: string }[];
}

export interface ReportApprovalRow {
  memberId: string;
  member: string;
  approverLabel: string;
  approvedAt: Date;
}

/** What the contract's reports read beside the figures: the award, drifts, decisions, approvals. */
@Injectable()
export class ContractReportsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async bidStatus(bidId: string): Promise<BidStatus | null> {
    const bid = await this.db.tx.findOne(BidEntity, {
      where: { id: bidId },
      select: { id: true, status: true },
    });
    return bid?.status ?? null;
  }

  /** The signed version the contract's planned split was taken from (null before the award). */
  async signedVersionId(bidId: string): Promise<string | null> {
    const award = await this.db.tx.findOne(LotAwardEntity, {
      where: { bidId },
      select: { id: true, versionId: true },
    });
    return award?.versionId ?? null;
  }

  /** The (lot, period) pairs where some figure is in force. */
  async declaredPeriods(bidId: string): Promise<{ lot: number; period: number }[]> {
    const rows = await this.db.tx.query<{ lot: number; period: number }[]>(
      `SELECT DISTINCT lot.number AS lot, f.period_number AS period
       FROM realised_figures f JOIN lots lot ON lot.id = f.lot_id
       WHERE f.bid_id = $1`,
      [bidId],
    );
    return rows.map((row) => ({ lot: Number(row.lot), period: Number(row.period) }));
  }

  /** Every member of the bid: key, legal name and organisation's identifier. */
  async members(bidId: string): Promise<
    {
      id: string;
      key: string;
      legalName: string;
      idScheme: string;
      idValue: string;
    }[]
  > {
    return this.db.tx.query(
      `SELECT m.id, m.key, o.legal_name AS "legalName", o.id_scheme AS "idScheme",
              o.id_value AS "idValue"
       FROM members m JOIN organisations o ON o.id = m.organisation_id
       WHERE m.bid_id = $1 ORDER BY m.key`,
      [bidId],
    );
  }

  async driftAlerts(bidId: string): Promise<ReportDrift[]> {
    const rows = await this.db.tx.query<Record<string, string | number | Date>[]>(
      `SELECT m.key AS member, lot.number AS lot, d.measure, d.start_period, d.alert_period,
              d.planned, d.realised, d.created_at
       FROM drift_alerts d JOIN members m ON m.id = d.member_id JOIN lots lot ON lot.id = d.lot_id
       -- Every measure: revenue, hours worked and insertion hours.
       WHERE d.bid_id = $1
       ORDER BY lot.number, d.alert_period, m.key,
                array_position(ARRAY['REVENUE', 'HOURS', 'INSERTION_HOURS'], d.measure::text)`,
      [bidId],
    );
    return rows.map((row) => ({
      member: String(row.member),
      lot: Number(row.lot),
      measure: row.measure as DriftMeasure,
      startPeriod: Number(row.start_period),
      alertPeriod: Number(row.alert_period),
      planned: Number(row.planned),
      realised: Number(row.realised),
      raisedAt: new Date(row.created_at as Date).toISOString(),
    }));
  }

  /** The bid's audit entries of these actions, oldest first. */
  async auditEntries(
    bidId: string,
    actions: readonly string[],
  ): Promise<{ at: string; action: string; actor: string }[]> {
    const rows = await this.db.tx.query<{ occurred_at: Date; action: string; actor: string }[]>(
      `SELECT occurred_at, action, actor FROM audit_events
       WHERE bid_id = $1 AND action = ANY($2) ORDER BY seq`,
      [bidId, actions],
    );
    return rows.map((row) => ({
      at: new Date(row.occurred_at).toISOString(),
      action: row.action,
      actor: row.actor,
    }));
  }

  /** The bid's reports, newest first, with their documents. */
  async list(bidId: string, reportId?: string): Promise<ContractReportSummary[]> {
    const rows = await this.db.tx.query<Record<string, unknown>[]>(
      `SELECT r.id, r.parameters, r.status, r.failure, r.created_at, r.finished_at,
              coalesce(json_agg(json_build_object('id', d.id, 'kind', d.kind,
                'filename', d.filename, 'sha256', d.sha256) ORDER BY d.kind)
                FILTER (WHERE d.id IS NOT NULL), '[]') AS documents
       FROM job_requests r LEFT JOIN documents d ON d.request_id = r.id
       WHERE r.bid_id = $1 AND r.kind = 'CONTRACT_REPORT' AND ($2::uuid IS NULL OR r.id = $2)
       GROUP BY r.id ORDER BY r.created_at DESC, r.id`,
      [bidId, reportId ?? null],
    );
    return rows.map((row) => {
      const parameters = row.parameters as {
        report: ContractReportKind;
        lot: number | null;
        period: number | null;
        year: number | null;
      };
      const failure = row.failure as { code: string; message: string } | null;
      return {
        id: String(row.id),
        report: parameters.report,
        lot: parameters.lot,
        period: parameters.period,
        year: parameters.year,
        status: row.status as ContractReportSummary['status'],
        failure: failure && { code: failure.code, message: failure.message },
        requestedAt: row.created_at as Date,
        finishedAt: (row.finished_at as Date | null) ?? null,
        documents: row.documents as ContractReportSummary['documents'],
      };
    });
  }

  /** Records an approval unless the member already gave it; true when it is new. */
  async approve(row: {
    bidId: string;
    reportId: string;
    memberId: string;
    approvedBy: string | null;
    approverLabel: string;
  }): Promise<boolean> {
    const inserted = await this.db.tx
      .createQueryBuilder()
      .insert()
      .into(ReportApprovalEntity)
      .values(row)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  async approvals(reportId: string): Promise<ReportApprovalRow[]> {
    const rows = await this.db.tx.query<Record<string, unknown>[]>(
      `SELECT a.member_id, m.key, a.approver_label, a.approved_at
       FROM report_approvals a JOIN members m ON m.id = a.member_id
       WHERE a.report_id = $1 ORDER BY a.approved_at, m.key`,
      [reportId],
    );
    return rows.map((row) => ({
      memberId: String(row.member_id),
      member: String(row.key),
      approverLabel: String(row.approver_label),
      approvedAt: row.approved_at as Date,
    }));
  }

  /** The request row of a report, held until commit. */
  async lockReport(reportId: string): Promise<JobRequestEntity | null> {
    return this.db.tx
      .createQueryBuilder(JobRequestEntity, 'request')
      .where("request.id = :reportId AND request.kind = 'CONTRACT_REPORT'", { reportId })
      .setLock('pessimistic_write')
      .getOne();
  }
}
