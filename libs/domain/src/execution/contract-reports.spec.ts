import fc from 'fast-check';
import { DomainError } from '../errors';
import { at, required } from '../invariants';
import type { DriftMeasure } from './drift';
import { contractPeriods } from './contract-periods';
import {
  type ContractReportRequest,
  type ReportFigureLine,
  type ReportPeriodTotal,
  type ReportRequestFacts,
  buildEvaluationReport,
  buildInsertionReport,
  checkReportRequest,
  sumInsertionFigures,
} from './contract-reports';

const periods = contractPeriods({ startOn: '2026-09-01', durationMonths: 12, periodMonths: 1 });
const facts: ReportRequestFacts = {
  awarded: true,
  lots: [
    { lot: 1, outcome: 'WON', periods },
    { lot: 2, outcome: 'WON', periods: null },
    { lot: 3, outcome: 'LOST', periods: null },
  ],
  yearsWithFigures: new Set([2026]),
};
const ask = (request: Partial<ContractReportRequest>): ContractReportRequest => ({
  report: 'INSERTION',
  lot: null,
  period: null,
  year: null,
  ...request,
});
const refusal = (request: ContractReportRequest, against = facts) => {
  try {
    checkReportRequest(request, against);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('accepted');
};

describe('checkReportRequest', () => {
  it('accepts what each report takes', () => {
    expect(checkReportRequest(ask({ lot: 1, period: 12 }), facts)).toMatchObject({ lot: 1 });
    expect(checkReportRequest(ask({ report: 'EVALUATION', year: 2026 }), facts).year).toBe(2026);
    expect(checkReportRequest(ask({ report: 'OCDS' }), facts).report).toBe('OCDS');
  });

  it('refuses, naming the field in French', () => {
    const cases: [ContractReportRequest, string, string][] = [
      [ask({ lot: 9, period: 1 }), 'lot', 'UNKNOWN_LOT'],
      [ask({ lot: 3, period: 1 }), 'lot', 'LOT_LOST'],
      [ask({ lot: 2, period: 1 }), 'lot', 'CONTRACT_NOT_SET'],
      [ask({ lot: 1, period: 13 }), 'period', 'PERIOD_OUTSIDE_CONTRACT'],
      [ask({ lot: 1 }), 'period', 'REQUIRED'],
      [ask({ report: 'EVALUATION', year: 2030 }), 'year', 'NO_FIGURES'],
      [ask({ report: 'EVALUATION' }), 'year', 'REQUIRED'],
      [ask({ report: 'OCDS', year: 2026 }), 'year', 'NOT_APPLICABLE'],
    ];
    for (const [request, path, code] of cases) {
      const error = refusal(request);
      expect(error.problems).toContainEqual(expect.objectContaining({ path, code }));
      expect(error.message).toContain(`${path} :`);
    }
    expect(refusal(ask({ report: 'OCDS' }), { ...facts, awarded: false }).problems).toEqual([
      expect.objectContaining({ path: 'status', code: 'NOT_AWARDED' }),
    ]);
  });
});

const line = (
  member: string,
  territory: string,
  period: number,
  realised: Partial<ReportFigureLine> | null,
): ReportFigureLine => ({
  member,
  lot: 1,
  territory,
  period,
  plannedHundredths: 10_000,
  plannedCents: 100_000,
  plannedInsertionHours: 10,
  realisedHours: realised === null ? null : 99.99,
  realisedCents: realised === null ? null : 99_999,
  realisedInsertionHours: realised === null ? null : 10.5,
  insertionPeople: realised === null ? null : 2,
  ...realised,
});

describe('buildInsertionReport', () => {
  const names: Record<string, string> = { a: 'Zèbre SCOP', b: 'Atelier Alpha' };
  const build = (lines: ReportFigureLine[]) =>
    buildInsertionReport({
      lot: 1,
      lotTitle: 'Entretien',
      period: at(periods, 1),
      lines,
      memberName: (key) => names[key] ?? key,
      territoryName: (code) => `T ${code}`,
    });

  it('keeps the lot and period, per member and territory, members by legal name', () => {
    const report = build([
      line('a', 'COM:2', 2, {}),
      line('a', 'COM:1', 2, null),
      line('b', 'COM:1', 2, {}),
      line('b', 'COM:1', 3, {}),
      { ...line('b', 'COM:9', 2, {}), lot: 2 },
    ]);
    expect(report.members.map((m) => m.legalName)).toEqual(['Atelier Alpha', 'Zèbre SCOP']);
    expect(at(report.members, 1).lines.map((l) => [l.territory, l.declared])).toEqual([
      ['COM:1', false],
      ['COM:2', true],
    ]);
    expect(at(report.members, 0).lines).toHaveLength(1);
    expect(report.total).toEqual({
      plannedInsertionHundredths: 3_000,
      realisedInsertionHundredths: 2_100,
      insertionPeople: 4,
      hoursHundredths: 19_998,
      revenueCents: 199_998,
    });
  });

  it('totals are exactly the sums of their lines, whatever the figures', () => {
    const figure = fc.record({
      member: fc.constantFrom('a', 'b', 'c'),
      territory: fc.constantFrom('COM:1', 'COM:2', 'COM:3'),
      realisedHours: fc.integer({ min: 0, max: 10_000_000 }).map((h) => h / 100),
      realisedCents: fc.integer({ min: 0, max: 2 ** 40 }),
      realisedInsertionHours: fc.integer({ min: 0, max: 100_000 }).map((h) => h / 100),
      insertionPeople: fc.integer({ min: 0, max: 500 }),
    });
    fc.assert(
      fc.property(fc.array(figure, { maxLength: 30 }), (figures) => {
        const report = build(figures.map((f) => line(f.member, f.territory, 2, f)));
        for (const member of report.members) {
          expect(member.total).toEqual(sumInsertionFigures(member.lines));
        }
        const all = report.members.flatMap((member) => member.lines);
        expect(report.total).toEqual(sumInsertionFigures(all));
        expect(report.total.revenueCents).toBe(
          figures.reduce((sum, f) => sum + f.realisedCents, 0),
        );
      }),
    );
  });
});

describe('buildEvaluationReport', () => {
  const total = (
    member: string,
    period: number,
    plannedCents: number,
    realisedCents: number,
  ): ReportPeriodTotal => ({
    member,
    lot: 1,
    period,
    plannedHundredths: 1_000,
    plannedCents,
    plannedInsertionHours: 5,
    realisedHours: 9.99,
    realisedCents,
    realisedInsertionHours: 5.25,
    insertionPeople: 1,
    declaredCells: 1,
  });
  // Periods 1-4 fall in 2026 (September to December), 5 onwards in 2027.
  const totals = [
    total('a', 1, 1_000, 1_000),
    total('a', 5, 1_000, 1_000),
    total('b', 1, 1_000, 500),
    total('b', 2, 1_000, 500),
    total('b', 3, 1_000, 2_000),
    total('b', 4, 1_000, 1_000),
  ];
  const build = (
    drifts = [
      {
        member: 'b',
        lot: 1,
        measure: 'REVENUE' as DriftMeasure,
        startPeriod: 1,
        alertPeriod: 2,
        planned: 2_000,
        realised: 1_000,
        raisedAt: '2026-11-02T10:00:00.000Z',
      },
    ],
  ) =>
    buildEvaluationReport({
      year: 2026,
      periods: new Map([[1, periods]]),
      totals,
      drifts,
      decisions: [
        { at: '2027-01-03T10:00:00.000Z', action: 'allocation.voted', label: 'vote' },
        { at: '2026-10-01T10:00:00.000Z', action: 'contract.lots_awarded', label: 'attribution' },
      ],
      memberName: (key) => key.toUpperCase(),
    });

  it('sums the year’s periods per member, exactly, and the total is the sum of the members', () => {
    const report = build();
    expect(report.members.map((m) => [m.member, m.plannedCents, m.realisedCents])).toEqual([
      ['a', 1_000, 1_000],
      ['b', 4_000, 4_000],
    ]);
    expect(report.total.plannedCents).toBe(5_000);
    expect(report.total.gapCents).toBe(0);
    expect(report.total.realisedHundredths).toBe(5 * 999);
    expect(report.total.realisedInsertionHundredths).toBe(5 * 525);
    expect(report.decisions.map((d) => d.label)).toEqual(['attribution']);
  });

  it('says how each drift ended: back within the margin at a later period, or still behind', () => {
    const [drift] = build().drifts;
    expect(drift).toMatchObject({ member: 'b', caughtUpPeriod: 3, legalName: 'B' });
    expect(drift?.handling).toMatch(/résorbé.*période 3/);
    const still = buildEvaluationReport({
      year: 2026,
      periods: new Map([[1, periods]]),
      totals: totals.filter((t) => t.member !== 'b' || t.period <= 2),
      drifts: build().drifts,
      decisions: [],
      memberName: (key) => key,
    });
    expect(still.drifts[0]).toMatchObject({ caughtUpPeriod: null });
    expect(still.drifts[0]?.handling).toMatch(/en cours/);
  });

  it('follows each drift on its own measure: hours back at plan while the revenue stays behind', () => {
    const behindInMoney = [
      ...totals.filter((t) => t.member !== 'b' || t.period <= 2),
      total('b', 3, 1_000, 600),
    ];
    const [revenue] = build().drifts;
    const report = buildEvaluationReport({
      year: 2026,
      periods: new Map([[1, periods]]),
      totals: behindInMoney,
      drifts: [
        required(revenue, 'the revenue drift'),
        { ...required(revenue, 'a drift'), measure: 'HOURS', planned: 2_000, realised: 1_000 },
      ],
      decisions: [],
      memberName: (key) => key,
    });
    expect(report.drifts.map((d) => [d.measure, d.caughtUpPeriod])).toEqual([
      ['REVENUE', null],
      ['HOURS', 3],
    ]);
  });
});
