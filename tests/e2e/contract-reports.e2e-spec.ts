import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { formatEuros, formatHours, required } from '@cordage/domain';
import { validateOcdsPackage } from '@cordage/documents';
import type { SignedIn } from './support/actors';
import {
  type ComparisonLine,
  memberEditors,
  monthsAgo,
  recordExampleAward,
  startContracts,
  submittedExampleBid,
  sum,
} from './support/after-award';
import { asBytes, pollJob } from './support/harness';
import { otherNetworkCoordinator, systemForTests } from './support/system';

interface Report {
  id: string;
  report: string;
  status: string;
  documents: { id: string; kind: string; filename: string; downloadUrl: string }[];
}

const cents = (euros: number) => Math.round(euros * 100);
/** pdftotext's text with every kind of space as one plain space. */
const plain = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ');

function pdfText(content: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cordage-report-'));
  try {
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, content);
    return plain(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Contract reports: insertion (XLSX, PDF), annual evaluation approved by members, OCDS releases', () => {
  const system = systemForTests();
  let bidId: string;
  let coordinator: SignedIn;
  let stranger: SignedIn;
  let lines: ComparisonLine[];
  const editorOf = memberEditors(system, () => bidId);
  const reports = new Map<string, Report>();

  const ask = (who: SignedIn, body: Record<string, unknown>) =>
    who.post(`/api/bids/${bidId}/reports`).send(body);

  async function produce(body: Record<string, unknown>): Promise<Report> {
    const accepted = await ask(coordinator, body).expect(202);
    const { reportId, jobId } = accepted.body as { reportId: string; jobId: string };
    expect(jobId).toBe(reportId);
    const { last } = await pollJob(coordinator, jobId);
    expect(last).toMatchObject({ state: 'completed', progress: 100, step: 'done' });
    const report = (await coordinator.get(`/api/bids/${bidId}/reports/${reportId}`).expect(200))
      .body as Report;
    expect(report.status).toBe('DONE');
    return report;
  }

  const download = async (who: SignedIn, url: string) =>
    (await asBytes(who.get(url)).expect(200)).body as Buffer;

  beforeAll(async () => {
    ({ bidId, coordinator } = await submittedExampleBid(system));
    stranger = await otherNetworkCoordinator(system);
  });

  it('refuses a report on a bid that is not awarded, naming the field', async () => {
    const early = await ask(coordinator, { report: 'OCDS' }).expect(422);
    expect(early.body.problems[0]).toMatchObject({ path: 'status', code: 'NOT_AWARDED' });

    await coordinator
      .post(`/api/bids/${bidId}/workflow/transitions`)
      .send({ event: 'AWARD' })
      .expect(200);
    await recordExampleAward(coordinator, bidId);
    await startContracts(coordinator, bidId, [1]);
  });

  it('takes the realised figures the reports are made of (one member drifting, then catching up)', async () => {
    lines = (await coordinator.get(`/api/bids/${bidId}/realised?lot=1`).expect(200)).body.lines;
    const members = [...new Set(lines.filter((l) => l.plannedCents > 0).map((l) => l.member))];
    const share = (key: string, period: number, ratio: number, people: number) => ({
      entries: lines
        .filter((l) => l.member === key && l.period === period && l.plannedCents > 0)
        .map((line) => ({
          lot: 1,
          territory: line.territory,
          period,
          hours: Math.round(line.plannedHundredths * ratio) / 100,
          revenueCents: Math.floor(line.plannedCents * ratio),
          // At plan: the drift below is on money and hours only.
          insertionHours: line.plannedInsertionHours,
          insertionPeople: people,
        })),
    });
    const keyA = required(members[0], 'a member with a plan on lot 1');
    const keyB = required(members[1], 'a second member with a plan on lot 1');
    const a = await editorOf(keyA);
    const b = await editorOf(keyB);
    for (const period of [1, 2, 3, 4]) {
      await a.editor
        .post(`/api/bids/${bidId}/members/${a.memberId}/realised`)
        .send(share(keyA, period, 1, 2))
        .expect(200);
    }
    const declareB = (period: number, ratio: number) =>
      b.editor
        .post(`/api/bids/${bidId}/members/${b.memberId}/realised`)
        .send(share(keyB, period, ratio, 1))
        .expect(200);
    await declareB(1, 0.5);
    // Behind in money and in hours: one alert for each.
    expect((await declareB(2, 0.5)).body.driftAlerts).toBe(2);
    await declareB(3, 2);
    lines = (await coordinator.get(`/api/bids/${bidId}/realised?lot=1`).expect(200)).body.lines;
  });

  it('refuses hostile report requests with a French 4xx naming the field, writing nothing', async () => {
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ report: 'INSERTION', lot: 9, period: 1 }, 'lot', 'UNKNOWN_LOT'],
      [{ report: 'INSERTION', lot: 3, period: 1 }, 'lot', 'LOT_LOST'],
      [{ report: 'INSERTION', lot: 2, period: 1 }, 'lot', 'CONTRACT_NOT_SET'],
      [{ report: 'INSERTION', lot: 1, period: 13 }, 'period', 'PERIOD_OUTSIDE_CONTRACT'],
      [{ report: 'INSERTION', lot: 1 }, 'period', 'REQUIRED'],
      [{ report: 'EVALUATION', year: 2001 }, 'year', 'NO_FIGURES'],
      [{ report: 'OCDS', lot: 1 }, 'lot', 'NOT_APPLICABLE'],
    ];
    for (const [body, field, code] of refusals) {
      const refused = await ask(coordinator, body).expect(422);
      expect(refused.body.problems).toContainEqual(expect.objectContaining({ path: field, code }));
      expect(refused.body.message).toContain(field);
    }
    for (const body of [
      { report: 'BILAN' },
      { report: 'INSERTION', lot: -1, period: 1 },
      { report: 'INSERTION', lot: 1, period: 2 ** 40 },
      { report: 'EVALUATION', year: '2026' },
      { report: 'OCDS', extra: true },
    ]) {
      const bad = await ask(coordinator, body).expect(400);
      expect(bad.body.problems.length).toBeGreaterThan(0);
    }
    const { editor } = await editorOf(required(lines[0], 'a line').member);
    await ask(editor, { report: 'OCDS' }).expect(403);
    await ask(stranger, { report: 'OCDS' }).expect(404);
    const [asked] = await system.dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM job_requests WHERE kind = 'CONTRACT_REPORT'`,
    );
    expect(Number(asked?.count)).toBe(0);
  });

  it('produces the insertion report of a lot and period as XLSX and PDF, totals adding up to the cent', async () => {
    // Asked twice at once: one report, one job.
    const [first, second] = await Promise.all([
      ask(coordinator, { report: 'INSERTION', lot: 1, period: 2 }).expect(202),
      ask(coordinator, { report: 'INSERTION', lot: 1, period: 2 }).expect(202),
    ]);
    expect(second.body.reportId).toBe(first.body.reportId);
    expect((await pollJob(coordinator, first.body.jobId)).last.state).toBe('completed');
    const report = (
      await coordinator.get(`/api/bids/${bidId}/reports/${first.body.reportId}`).expect(200)
    ).body as Report;
    expect(report).toMatchObject({ report: 'INSERTION', status: 'DONE' });
    expect(report.documents.map((d) => d.kind).sort()).toEqual(['INSERTION_PDF', 'INSERTION_XLSX']);
    reports.set('INSERTION', report);

    const xlsx = required(
      report.documents.find((d) => d.kind === 'INSERTION_XLSX'),
      'the XLSX',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await download(coordinator, xlsx.downloadUrl)) as unknown as ArrayBuffer,
    );
    const sheet = required(workbook.worksheets[0], 'the sheet');
    const rows: (string | number)[][] = [];
    sheet.eachRow((row) => rows.push((row.values as (string | number)[]).slice(1)));
    const headerAt = rows.findIndex((row) => row[0] === 'Structure');
    const body = rows.slice(headerAt + 1);
    const money = (row: (string | number)[]) => cents(Number(row[7]));
    const hundredths = (row: (string | number)[], column: number) =>
      Math.round(Number(row[column]) * 100);
    let block: (string | number)[][] = [];
    const all: (string | number)[][] = [];
    for (const row of body) {
      const label = String(row[0]);
      if (label.startsWith('Sous-total')) {
        expect(money(row)).toBe(sum(block.map(money)));
        for (const column of [3, 4, 6]) {
          expect(hundredths(row, column)).toBe(sum(block.map((r) => hundredths(r, column))));
        }
        expect(Number(row[5])).toBe(sum(block.map((r) => Number(r[5]))));
        block = [];
      } else if (label === 'Total') {
        expect(money(row)).toBe(sum(all.map(money)));
        expect(hundredths(row, 4)).toBe(sum(all.map((r) => hundredths(r, 4))));
        expect(Number(row[5])).toBe(sum(all.map((r) => Number(r[5]))));
        // The figures in force of the period, to the cent.
        expect(money(row)).toBe(
          sum(lines.filter((l) => l.period === 2).map((l) => l.realisedCents ?? 0)),
        );
      } else {
        block.push(row);
        all.push(row);
      }
    }
    expect(all.length).toBe(lines.filter((l) => l.period === 2).length);
    const total = required(body.at(-1), 'the total line');
    expect(total[0]).toBe('Total');

    const pdf = required(
      report.documents.find((d) => d.kind === 'INSERTION_PDF'),
      'the PDF',
    );
    const text = pdfText(await download(coordinator, pdf.downloadUrl));
    expect(text).toContain('Rapport d’insertion — lot 1, période 2');
    expect(text).toContain(plain(formatEuros(money(total))));
    expect(text).toMatch(/Sous-total/);
  });

  it('produces the annual shared evaluation, which each member approves once', async () => {
    // The year of period 2, where member B's drift was raised.
    const year = Number(monthsAgo(5).slice(0, 4));
    const report = await produce({ report: 'EVALUATION', year });
    reports.set('EVALUATION', report);
    const pdf = required(report.documents[0], 'the PDF');
    expect(pdf.kind).toBe('EVALUATION');
    const text = pdfText(await download(coordinator, pdf.downloadUrl));
    expect(text).toContain(`Évaluation partagée ${year}`);
    expect(text).toContain('Écarts signalés et leur traitement');
    expect(text).toMatch(/écart résorbé|écart en cours/);
    // B drifted on money and on hours: each drift is told on its own measure and unit.
    const alerts = (await coordinator.get(`/api/bids/${bidId}/realised/drifts`).expect(200)).body
      .alerts as { measure: string; planned: number; realised: number }[];
    expect(alerts.map((alert) => alert.measure).sort()).toEqual(['HOURS', 'REVENUE']);
    expect(text).toContain('Mesure');
    expect(text).toMatch(/travaillées/);
    expect(text).toMatch(/affaires/);
    const onHours = required(
      alerts.find((alert) => alert.measure === 'HOURS'),
      'the drift on hours',
    );
    expect(text).toContain(plain(formatHours(onHours.planned / 100)));
    expect(text).toContain(plain(formatHours(onHours.realised / 100)));
    const onRevenue = required(
      alerts.find((alert) => alert.measure === 'REVENUE'),
      'the drift on revenue',
    );
    expect(text).toContain(plain(formatEuros(onRevenue.planned)));
    // Decisions are those taken in the year: the award was recorded today.
    if (year === new Date().getUTCFullYear()) {
      expect(text).toContain('Attribution des lots enregistrée');
    }

    const keyA = required(lines[0], 'a line').member;
    const a = await editorOf(keyA);
    const keyB = required(
      lines.find((l) => l.member !== keyA),
      'another member',
    ).member;
    const b = await editorOf(keyB);
    const approve = (who: SignedIn, memberId: string, reportId = report.id) =>
      who.post(`/api/bids/${bidId}/members/${memberId}/evaluations/${reportId}/approval`);

    // Under ALLOCATION_ONLY, a member sees only its own figures: not the shared reports.
    expect((await a.editor.get(`/api/bids/${bidId}/reports`).expect(200)).body).toEqual([]);
    await a.editor.get(`/api/bids/${bidId}/reports/${report.id}`).expect(403);
    await asBytes(a.editor.get(pdf.downloadUrl)).expect(403);
    const listed = (await a.editor.get(`/api/bids/${bidId}/documents`).expect(200)).body as {
      kind: string;
    }[];
    expect(listed.some((d) => d.kind === 'EVALUATION')).toBe(false);
    await approve(a.editor, a.memberId).expect(403);

    await coordinator.patch(`/api/bids/${bidId}`).send({ transparency: 'OPEN' }).expect(204);
    await a.editor.get(`/api/bids/${bidId}/reports/${report.id}`).expect(200);
    const once = await approve(a.editor, a.memberId).expect(200);
    expect(once.body.approvals).toEqual([
      expect.objectContaining({ memberId: a.memberId, member: keyA }),
    ]);
    await approve(a.editor, a.memberId).expect(200);
    await approve(b.editor, a.memberId).expect(403); // not B's to approve for A
    await approve(coordinator, a.memberId).expect(403); // the member's own people approve
    await approve(b.editor, b.memberId).expect(200);
    const insertion = required(reports.get('INSERTION'), 'the insertion report');
    const notEvaluation = await approve(a.editor, a.memberId, insertion.id).expect(422);
    expect(notEvaluation.body.problems[0]).toMatchObject({
      path: 'reportId',
      code: 'NOT_AN_EVALUATION',
    });
    await approve(a.editor, a.memberId, '00000000-0000-4000-8000-000000000000').expect(404);
    await approve(a.editor, a.memberId, 'pas-un-uuid').expect(400);

    const approvals = (
      await a.editor.get(`/api/bids/${bidId}/reports/${report.id}/approvals`).expect(200)
    ).body.approvals as { member: string }[];
    expect(approvals.map((x) => x.member).sort()).toEqual([keyA, keyB].sort());
    const history = (await coordinator.get(`/api/bids/${bidId}/history?limit=100`).expect(200)).body
      .items as { action: string }[];
    expect(history.filter((e) => e.action === 'contract.report_approved')).toHaveLength(2);
  });

  it('publishes award, contract and implementation releases valid against OCDS 1.1.5', async () => {
    const report = await produce({ report: 'OCDS' });
    const file = required(report.documents[0], 'the OCDS package');
    expect(file.kind).toBe('OCDS_CONTRACT');
    const pkg = JSON.parse((await download(coordinator, file.downloadUrl)).toString('utf8')) as {
      releases: {
        tag: string[];
        awards: { relatedLots: string[]; status: string }[];
        contracts: {
          awardID: string;
          implementation: { transactions: { value: { amount: number } }[] };
        }[];
      }[];
    };
    const validation = validateOcdsPackage(pkg);
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
    const [release] = pkg.releases;
    expect(release?.tag).toEqual(['award', 'contract', 'implementation']);
    expect(release?.awards.map((x) => x.status)).toEqual([
      'active',
      'active',
      'unsuccessful',
      'active',
    ]);
    // Lot 1's contract: its transactions add up to the figures in force, to the cent.
    const contract = required(
      release?.contracts.find((c) => c.awardID === 'lot-1'),
      'the contract of lot 1',
    );
    expect(sum(contract.implementation.transactions.map((t) => cents(t.value.amount)))).toBe(
      sum(lines.map((l) => l.realisedCents ?? 0)),
    );
  });

  it('shows nothing to another network', async () => {
    const report = required(reports.get('INSERTION'), 'the insertion report');
    await stranger.get(`/api/bids/${bidId}/reports`).expect(404);
    await stranger.get(`/api/bids/${bidId}/reports/${report.id}`).expect(404);
    await stranger.get(`/api/bids/${bidId}/reports/${report.id}/approvals`).expect(404);
    await asBytes(stranger.get(required(report.documents[0], 'a file').downloadUrl)).expect(404);
    const listed = (await coordinator.get(`/api/bids/${bidId}/reports`).expect(200))
      .body as Report[];
    expect(listed.map((r) => r.report).sort()).toEqual(['EVALUATION', 'INSERTION', 'OCDS']);
  });
});
