import fc from 'fast-check';
import type { AllocationResult } from '../allocation/allocation-result';
import { DomainError } from '../errors';
import fixture from '../allocation-versions/colleges-93.result.fixture.json';
import {
  checkContractStart,
  contractPeriods,
  periodLastDay,
  spreadOverPeriods,
} from './contract-periods';
import { type PeriodFigures, detectDrifts, detectMeasureDrifts, isBehind } from './drift';
import { type LotAward, checkAward, checkAwardDate, plannedSplit } from './planned-split';
import {
  type DeclarationContext,
  MAX_LISTED_PROBLEMS,
  REALISED_ENTRY_LIMITS,
  type MonthImportContext,
  checkDeclaration,
  checkMonthImport,
  realisedCellKey,
} from './realised-figures';

const result = fixture as unknown as AllocationResult;
// The example bid's lots (examples/colleges-93.json).
const lots = [
  { number: 1, amountCents: 23_718_599 },
  { number: 2, amountCents: 24_571_274 },
  { number: 3, amountCents: 15_993_071 },
  { number: 4, amountCents: 45_698_420 },
];
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

describe('the award and the planned split', () => {
  const awards: LotAward[] = [
    { lot: 1, outcome: 'WON', awardedCents: 23_718_599 },
    { lot: 2, outcome: 'WON', awardedCents: 22_000_001 },
    { lot: 3, outcome: 'LOST', awardedCents: null },
    { lot: 4, outcome: 'WON', awardedCents: 47_000_000 },
  ];

  it('keeps only the won lots, and every lot adds up to its awarded amount to the cent', () => {
    const split = plannedSplit(result, lots, awards);
    expect(split.cells.some((cell) => cell.lot === 3)).toBe(false);
    expect(split.lots).toEqual([
      { lot: 1, amountCents: 23_718_599 },
      { lot: 2, amountCents: 22_000_001 },
      { lot: 4, amountCents: 47_000_000 },
    ]);
    for (const { lot, amountCents } of split.lots) {
      const cells = split.cells.filter((cell) => cell.lot === lot);
      const open = split.uncovered.filter((entry) => entry.lot === lot);
      expect(sum(cells.map((c) => c.amountCents)) + sum(open.map((u) => u.amountCents))).toBe(
        amountCents,
      );
    }
  });

  it('leaves the signed amounts untouched where the buyer awarded the bid’s amount', () => {
    const split = plannedSplit(result, lots, awards);
    for (const share of result.members.filter((member) => member.lot === 1)) {
      const cells = split.cells.filter((c) => c.lot === 1 && c.org === share.org);
      expect(sum(cells.map((c) => c.amountCents))).toBe(share.amountCents);
      expect(sum(cells.map((c) => c.insertionHours))).toBe(share.insertionHours);
    }
    // Hours are the version's lines, to the hundredth.
    const line = result.lines.find((l) => l.lot === 1);
    expect(
      split.cells.find((c) => c.org === line?.org && c.lot === 1 && c.territory === line?.territory)
        ?.hundredths,
    ).toBe(Math.round((line?.hours ?? 0) * 100));
  });

  it('scales a lot to any awarded amount, to the cent, keeping insertion hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 900_000_000 }), (cents) => {
        const split = plannedSplit(result, lots, [{ lot: 4, outcome: 'WON', awardedCents: cents }]);
        const lotCells = split.cells.filter((c) => c.lot === 4);
        const open = split.uncovered.filter((u) => u.lot === 4);
        expect(sum(lotCells.map((c) => c.amountCents)) + sum(open.map((u) => u.amountCents))).toBe(
          cents,
        );
        const insertion = sum(
          result.members.filter((m) => m.lot === 4).map((m) => m.insertionHours),
        );
        expect(sum(lotCells.map((c) => c.insertionHours))).toBe(insertion);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses an award that misses a lot, names an unknown one or puts an amount on a lost one', () => {
    const refused = (() => {
      try {
        checkAward(lots, [
          { lot: 1, outcome: 'WON', awardedCents: 10 },
          { lot: 2, outcome: 'LOST', awardedCents: 5 },
          { lot: 9, outcome: 'WON', awardedCents: -1 },
        ]);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).problems.map((p) => [p.path, p.code])).toEqual([
      ['lots[1].awardedCents', 'AMOUNT_ON_LOST_LOT'],
      ['lots[2].lot', 'UNKNOWN_LOT'],
      ['lots[2].awardedCents', 'INVALID_AMOUNT'],
      ['lots', 'LOT_MISSING'],
      ['lots', 'LOT_MISSING'],
    ]);
    expect(() =>
      checkAward(
        lots,
        lots.map((l) => ({ lot: l.number, outcome: 'LOST' })),
      ),
    ).toThrow(/aucun lot gagné/);
  });
});

describe('the award’s and the contract’s dates', () => {
  // A matcher of the error's problems, typed as what `toThrow` takes.
  const naming = (path: string) =>
    expect.objectContaining({ problems: [expect.objectContaining({ path })] }) as Error;

  it('takes an award notified today or up to ten years ago, nothing later or earlier', () => {
    expect(() => checkAwardDate('2026-12-07', '2026-12-07')).not.toThrow();
    expect(() => checkAwardDate('2016-12-07', '2026-12-07')).not.toThrow();
    expect(() => checkAwardDate('2026-12-08', '2026-12-07')).toThrow(naming('awardedOn'));
    expect(() => checkAwardDate('2016-12-06', '2026-12-07')).toThrow(naming('awardedOn'));
    expect(() => checkAwardDate('1900-01-01', '2026-12-07')).toThrow(naming('awardedOn'));
  });

  it('starts a contract on its notification at the earliest, and within two years', () => {
    expect(() => checkContractStart('2026-05-01', '2026-05-01')).not.toThrow();
    expect(() => checkContractStart('2028-05-01', '2026-05-01')).not.toThrow();
    expect(() => checkContractStart('2026-04-30', '2026-05-01')).toThrow(naming('startOn'));
    expect(() => checkContractStart('0001-01-01', '2026-05-01')).toThrow(naming('startOn'));
    expect(() => checkContractStart('2028-05-02', '2026-05-01')).toThrow(naming('startOn'));
  });
});

describe('the execution periods', () => {
  it('are monthly by default, from the start, ending at the next period’s first day', () => {
    const periods = contractPeriods({ startOn: '2027-01-31', durationMonths: 12, periodMonths: 1 });
    expect(periods).toHaveLength(12);
    expect(periods[0]).toEqual({
      number: 1,
      startOn: '2027-01-31',
      endOn: '2027-02-28',
      months: 1,
    });
    expect(periods[1]).toEqual({
      number: 2,
      startOn: '2027-02-28',
      endOn: '2027-03-31',
      months: 1,
    });
    expect(periods[11]?.endOn).toBe('2028-01-31');
  });

  it('make a shorter last period when the duration is not a multiple', () => {
    const periods = contractPeriods({ startOn: '2027-03-01', durationMonths: 7, periodMonths: 3 });
    expect(periods.map((p) => [p.startOn, p.endOn, p.months])).toEqual([
      ['2027-03-01', '2027-06-01', 3],
      ['2027-06-01', '2027-09-01', 3],
      ['2027-09-01', '2027-10-01', 1],
    ]);
  });

  it('refuse a malformed date, duration or period, naming the field', () => {
    expect(() =>
      contractPeriods({ startOn: '2027-02-30', durationMonths: 0, periodMonths: 2 }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          expect.objectContaining({ path: 'startOn' }),
          expect.objectContaining({ path: 'durationMonths' }),
          expect.objectContaining({ path: 'periodMonths' }),
        ],
      }),
    );
  });

  it('spread a cell over the periods so that they add up exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 48 }),
        fc.integer({ min: 1, max: 12 }),
        (cents, hundredths, months, every) => {
          const periods = contractPeriods({
            startOn: '2027-01-01',
            durationMonths: months,
            periodMonths: Math.min(every, months),
          });
          const spread = spreadOverPeriods(
            { hundredths, amountCents: cents, insertionHours: 7 },
            periods,
          );
          expect(sum(spread.map((p) => p.amountCents))).toBe(cents);
          expect(sum(spread.map((p) => p.hundredths))).toBe(hundredths);
          expect(sum(spread.map((p) => p.insertionHours))).toBe(7);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('a declaration of realised figures', () => {
  const context: DeclarationContext = {
    memberStatus: 'SIGNED',
    memberRole: 'COTRAITANT',
    lots: new Map([
      [1, { outcome: 'WON' as const, periods: 12 }],
      [3, { outcome: 'LOST' as const }],
    ]),
    cells: new Map([
      [1, new Set(['COM:93066', 'COM:93001'])],
      [3, new Set(['COM:93008'])],
    ]),
    plannedCells: new Set([realisedCellKey(1, 'COM:93066')]),
  };
  const entry = {
    lot: 1,
    territory: 'COM:93066',
    period: 1,
    hours: 10.5,
    revenueCents: 1000,
    insertionHours: 2,
    insertionPeople: 1,
  };

  it('accepts a won lot’s cell, and warns on one where the member had no planned share', () => {
    expect(checkDeclaration(context, [entry]).warnings).toEqual([]);
    expect(
      checkDeclaration(context, [{ ...entry, territory: 'COM:93001' }]).warnings[0],
    ).toMatchObject({ path: 'entries[0].territory', code: 'NOT_PLANNED' });
  });

  it('refuses a lost lot, a period outside the contract, negative figures, a member that left', () => {
    const problems = (ctx: DeclarationContext, entries: (typeof entry)[]) => {
      try {
        checkDeclaration(ctx, entries);
        return [];
      } catch (error) {
        return (error as DomainError).problems.map((p) => `${p.path} ${p.code}`);
      }
    };
    expect(problems(context, [{ ...entry, lot: 3, territory: 'COM:93008' }])).toEqual([
      'entries[0].lot LOT_LOST',
    ]);
    expect(problems(context, [{ ...entry, period: 13 }])).toEqual([
      'entries[0].period PERIOD_OUTSIDE_CONTRACT',
    ]);
    expect(problems(context, [{ ...entry, revenueCents: -1, hours: 1.234 }])).toEqual([
      'entries[0].hours INVALID_NUMBER',
      'entries[0].revenueCents NEGATIVE',
    ]);
    expect(problems({ ...context, memberStatus: 'WITHDRAWN' }, [entry])).toEqual([
      'memberId MEMBER_LEFT',
    ]);
    // A subcontractor's work is its principal's: it declares nothing of its own.
    expect(problems({ ...context, memberRole: 'SOUS_TRAITANT' }, [entry])).toEqual([
      'memberId SUBCONTRACTOR',
    ]);
  });

  it('refuses figures beyond what one cell may hold in a period, and accepts them at the limit', () => {
    const refused = (figures: Partial<typeof entry>) => {
      try {
        checkDeclaration(context, [{ ...entry, ...figures }]);
        return [];
      } catch (error) {
        return (error as DomainError).problems.map((p) => `${p.path} ${p.code} ${p.message}`);
      }
    };
    expect(refused({ ...REALISED_ENTRY_LIMITS })).toEqual([]);
    expect(
      refused({ hours: 1e15, revenueCents: 1e15, insertionHours: 1e10, insertionPeople: 1e9 }),
    ).toEqual([
      'entries[0].hours TOO_LARGE les heures travaillées : 1\u202f000\u202f000\u202f000\u202f000\u202f000 dépasse 1\u202f000\u202f000 pour une cellule et une période',
      expect.stringMatching(/^entries\[0\]\.revenueCents TOO_LARGE /),
      expect.stringMatching(/^entries\[0\]\.insertionHours TOO_LARGE /),
      expect.stringMatching(/^entries\[0\]\.insertionPeople TOO_LARGE /),
    ]);
  });
});

describe('a month’s import for several members', () => {
  const context: MonthImportContext = {
    lots: new Map([
      [1, { outcome: 'WON' as const, periods: 12 }],
      [2, { outcome: 'WON' as const, periods: 6 }],
      [3, { outcome: 'LOST' as const }],
    ]),
    cells: new Map([
      [1, new Set(['COM:93066', 'COM:93001'])],
      [2, new Set(['COM:93066'])],
      [3, new Set(['COM:93008'])],
    ]),
    members: new Map([
      [
        'M1',
        {
          id: 'm1',
          status: 'SIGNED',
          role: 'COTRAITANT',
          plannedCells: new Set([realisedCellKey(1, 'COM:93066')]),
        },
      ],
      [
        'M2',
        {
          id: 'm2',
          status: 'SIGNED',
          role: 'COTRAITANT',
          plannedCells: new Set([realisedCellKey(1, 'COM:93001')]),
        },
      ],
      [
        'M3',
        { id: 'm3', status: 'WITHDRAWN', role: 'COTRAITANT', plannedCells: new Set<string>() },
      ],
      [
        'S1',
        { id: 's1', status: 'ACCEPTED', role: 'SOUS_TRAITANT', plannedCells: new Set<string>() },
      ],
    ]),
  };
  const line = {
    member: 'M1',
    lot: 1,
    territory: 'COM:93066',
    hours: 10.5,
    revenueCents: 1000,
    insertionHours: 2,
    insertionPeople: 1,
  };
  const problems = (period: number, lines: (typeof line)[]) => {
    try {
      checkMonthImport(context, period, lines);
      return [];
    } catch (error) {
      return (error as DomainError).problems.map((p) => `${p.path} ${p.code}`);
    }
  };

  it('accepts every member’s lines, warning on a cell outside a member’s plan', () => {
    const { warnings } = checkMonthImport(context, 3, [
      line,
      { ...line, member: 'M2', territory: 'COM:93001' },
      { ...line, member: 'M2' },
    ]);
    expect(warnings).toEqual([
      expect.objectContaining({ path: 'lines[2].territory', code: 'NOT_PLANNED' }),
    ]);
  });

  it('names each bad line and field, and a member’s cell given twice', () => {
    expect(
      problems(3, [
        line,
        { ...line, member: 'M9' },
        { ...line, member: 'M3' },
        { ...line, lot: 3, territory: 'COM:93008' },
        { ...line, member: 'M2', revenueCents: -5, hours: 1.234 },
        { ...line, territory: 'COM:99999' },
        line,
        { ...line, member: 'S1' },
      ]),
    ).toEqual([
      'lines[1].member UNKNOWN_MEMBER',
      'lines[2].member MEMBER_LEFT',
      'lines[3].lot LOT_LOST',
      'lines[4].hours INVALID_NUMBER',
      'lines[4].revenueCents NEGATIVE',
      'lines[5].territory UNKNOWN_CELL',
      'lines[6] DUPLICATE_ENTRY',
      'lines[7].member SUBCONTRACTOR',
    ]);
  });

  it('says a period outside a lot’s contract once per lot, not once per line', () => {
    expect(problems(8, [line, { ...line, member: 'M2' }, { ...line, lot: 2 }])).toEqual([
      'period PERIOD_OUTSIDE_CONTRACT',
    ]);
    expect(problems(0, [line, { ...line, lot: 2 }])).toEqual([
      'period PERIOD_OUTSIDE_CONTRACT',
      'period PERIOD_OUTSIDE_CONTRACT',
    ]);
  });

  it('lists the first problems of a file wrong throughout, and counts the others', () => {
    const lines = Array.from({ length: 500 }, () => ({ ...line, revenueCents: -1 }));
    const listed = problems(
      1,
      lines.map((l, i) => ({
        ...l,
        territory: i % 2 ? 'COM:93001' : 'COM:93066',
        member: `M${i}`,
      })),
    );
    expect(listed).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(listed.at(-1)).toBe('lines MORE_PROBLEMS');
  });
});

describe('the drift rule', () => {
  const point = (period: number, planned: number, realised: number) => ({
    period,
    planned,
    realised,
  });

  it('is behind at more than 15 % below the cumulative plan, exactly', () => {
    expect(isBehind(point(1, 10_000, 8_500))).toBe(false);
    expect(isBehind(point(1, 10_000, 8_499))).toBe(true);
    expect(isBehind(point(1, 0, 0))).toBe(false);
  });

  it('fires once per run of two periods behind, and again after the member caught up', () => {
    expect(
      detectDrifts([
        point(1, 100, 100),
        point(2, 200, 150), // behind
        point(3, 300, 200), // behind: drift from 2, alerted at 3
        point(4, 400, 250), // still the same drift
        point(5, 500, 480), // caught up
        point(6, 600, 480), // behind
        point(7, 700, 480), // a second drift
      ]),
    ).toEqual([
      { startPeriod: 2, alertPeriod: 3 },
      { startPeriod: 6, alertPeriod: 7 },
    ]);
    expect(detectDrifts([point(1, 100, 0)])).toEqual([]);
  });
});

describe('the drift rule on every measure', () => {
  const figures = (
    period: number,
    realised: { cents: number; hours: number; insertion: number },
  ): PeriodFigures => ({
    period,
    plannedCents: 10_000,
    realisedCents: realised.cents,
    plannedHundredths: 1_000, // 10 h
    realisedHours: realised.hours,
    plannedInsertionHours: 4,
    realisedInsertionHours: realised.insertion,
  });

  it('watches revenue, hours and insertion hours each on its own cumulative series', () => {
    const drifts = detectMeasureDrifts(
      [1, 2, 3],
      [
        figures(1, { cents: 10_000, hours: 10, insertion: 4 }),
        // Revenue at plan; hours behind from period 2; insertion behind at period 2 only.
        figures(2, { cents: 10_000, hours: 5, insertion: 2 }),
        figures(3, { cents: 10_000, hours: 5, insertion: 6 }),
      ],
    );
    expect(drifts).toEqual([
      {
        measure: 'HOURS',
        startPeriod: 2,
        alertPeriod: 3,
        point: { period: 3, planned: 3_000, realised: 2_000 },
      },
    ]);
  });

  it('compares hours to the hundredth, exactly at the 85 % margin', () => {
    // 8.5 h of 10 h is not behind; 8.49 h is.
    const at = (hours: number) =>
      detectMeasureDrifts(
        [1, 2],
        [1, 2].map((period) => figures(period, { cents: 10_000, hours, insertion: 4 })),
      ).map((drift) => drift.measure);
    expect(at(8.5)).toEqual([]);
    expect(at(8.49)).toEqual(['HOURS']);
  });

  it('counts a period without a line as nothing planned and nothing realised', () => {
    const drifts = detectMeasureDrifts(
      [1, 2, 3],
      [
        figures(1, { cents: 0, hours: 0, insertion: 0 }),
        figures(3, { cents: 0, hours: 0, insertion: 0 }),
      ],
    );
    // Behind at periods 1, 2 (the plan of 1 carries on) and 3: one drift per measure, from 1.
    expect(drifts.map((drift) => [drift.measure, drift.startPeriod, drift.alertPeriod])).toEqual([
      ['REVENUE', 1, 2],
      ['HOURS', 1, 2],
      ['INSERTION_HOURS', 1, 2],
    ]);
  });
});

describe('periodLastDay', () => {
  it('is the calendar day before the period’s exclusive end, across months and leap years', () => {
    expect(periodLastDay({ endOn: '2027-03-01' })).toBe('2027-02-28');
    expect(periodLastDay({ endOn: '2028-03-01' })).toBe('2028-02-29');
    expect(periodLastDay({ endOn: '2027-01-01' })).toBe('2026-12-31');
  });
});
