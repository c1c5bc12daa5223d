// The re-plan of docs/after-award.md on the example bid, solved by HiGHS through the engine and
// checked against an independent solve of the same model (libs/testing).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  AllocationEngine,
  DomainError,
  type ReplanInput,
  type ReplanLine,
  type Scenario,
  at,
  contractPeriods,
  plannedSplit,
  replan,
  spreadOverPeriods,
} from '@cordage/domain';
import { independentReplanOptima } from '@cordage/testing';
import { HighsLinearSolver } from './highs-linear-solver';

const example = JSON.parse(
  readFileSync(path.join(__dirname, '../../../examples/colleges-93.json'), 'utf8'),
) as Scenario;
const engine = new AllocationEngine(new HighsLinearSolver());
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** The example awarded on lots 1, 2 and 4 (lot 2 for less), twelve months each. */
async function awardedExample(): Promise<Omit<ReplanInput, 'fromPeriod' | 'realised'>> {
  const { result } = await engine.run(example);
  const bidLots = example.tender.lots.map((lot) => ({
    number: lot.number,
    amountCents: lot.amountCents,
  }));
  const awards = [
    { lot: 1, outcome: 'WON' as const, awardedCents: 23_718_599 },
    { lot: 2, outcome: 'WON' as const, awardedCents: 22_000_001 },
    { lot: 3, outcome: 'LOST' as const, awardedCents: null },
    { lot: 4, outcome: 'WON' as const, awardedCents: 45_698_420 },
  ];
  const split = plannedSplit(result, bidLots, awards);
  const periods = contractPeriods({ startOn: '2026-01-01', durationMonths: 12, periodMonths: 1 });
  const planned: ReplanLine[] = split.cells.flatMap((cell) =>
    spreadOverPeriods(cell, periods).map((part) => ({
      org: cell.org,
      lot: cell.lot,
      territory: cell.territory,
      ...part,
    })),
  );
  return {
    scenario: example,
    lots: split.lots.map((lot) => ({ lot: lot.lot, awardedCents: lot.amountCents, periods })),
    planned,
    uncovered: split.uncovered,
  };
}

/** Months before `fromPeriod` as realised: the plan, one member at half of it. */
function realisedBefore(planned: readonly ReplanLine[], fromPeriod: number, slow: string) {
  return planned
    .filter((line) => line.period < fromPeriod && line.org !== null)
    .map((line) => ({
      org: line.org ?? '',
      lot: line.lot,
      territory: line.territory,
      hundredths: line.org === slow ? Math.floor(line.hundredths / 2) : line.hundredths,
      revenueCents: line.org === slow ? Math.floor(line.amountCents / 2) : line.amountCents,
    }));
}

describe('re-planning the example from month 7', () => {
  let base: Omit<ReplanInput, 'fromPeriod' | 'realised'>;
  beforeAll(async () => {
    base = await awardedExample();
  });

  it('keeps months 1-6, adds up to the cent and matches an independent solve', async () => {
    const slow = 'org-002';
    const input = { ...base, fromPeriod: 7, realised: realisedBefore(base.planned, 7, slow) };
    const outcome = await replan(engine, input);

    expect(JSON.stringify(outcome.kept)).toBe(
      JSON.stringify(base.planned.filter((line) => line.period < 7)),
    );
    expect(outcome.lines.every((line) => line.period >= 7 && line.period <= 12)).toBe(true);
    expect([...new Set(outcome.lines.map((line) => line.lot))]).toEqual([1, 2, 4]);
    for (const total of outcome.totals) {
      const lines = outcome.lines.filter((line) => line.lot === total.lot);
      const kept = outcome.kept.filter((line) => line.lot === total.lot);
      const keptUncovered = base.uncovered
        .filter((entry) => entry.lot === total.lot)
        .map((entry) =>
          sum(
            spreadOverPeriods({ hundredths: 0, ...entry }, at(base.lots, 0).periods)
              .filter((part) => part.period < 7)
              .map((part) => part.amountCents),
          ),
        );
      expect(sum(lines.map((line) => line.amountCents))).toBe(total.replannedCents);
      expect(sum(kept.map((line) => line.amountCents)) + sum(keptUncovered)).toBe(total.keptCents);
      expect(total.keptCents + total.replannedCents).toBe(total.awardedCents);
      expect(lines.every((line) => Number.isSafeInteger(line.amountCents))).toBe(true);
    }
    expect(outcome.totals.map((total) => total.awardedCents)).toEqual([
      23_718_599, 22_000_001, 45_698_420,
    ]);

    const independent = await independentReplanOptima(input);
    const close = (a: number, b: number) =>
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b)));
    close(outcome.optima.coverage, independent.coverage);
    close(outcome.optima.proximity, independent.proximity);
    close(outcome.optima.fairness, independent.fairness);
  });

  it('gives the same bytes for the same input', async () => {
    const input = { ...base, fromPeriod: 7, realised: realisedBefore(base.planned, 7, 'org-005') };
    const [a, b] = [await replan(engine, input), await replan(engine, input)];
    expect(JSON.stringify(b.lines)).toBe(JSON.stringify(a.lines));
    expect(JSON.stringify(b.totals)).toBe(JSON.stringify(a.totals));
  });

  it('fixes what was realised: an offer used up before gets no hour after', async () => {
    const input = { ...base, fromPeriod: 4, realised: realisedBefore(base.planned, 4, 'none') };
    const first = at(input.scenario.offers, 0);
    const used = {
      org: first.org,
      lot: first.lot,
      territory: first.territory,
      hundredths: Math.round(first.hours * 100),
      revenueCents: 0,
    };
    const outcome = await replan(engine, { ...input, realised: [...input.realised, used] });
    expect(
      outcome.lines.filter(
        (line) =>
          line.org === first.org &&
          line.lot === first.lot &&
          line.territory === first.territory &&
          line.hundredths > 0,
      ),
    ).toEqual([]);
    const independent = await independentReplanOptima({
      ...input,
      realised: [...input.realised, used],
    });
    expect(Math.abs(outcome.optima.fairness - independent.fairness)).toBeLessThanOrEqual(1e-6);
  });

  it.each([
    [1, 'FIRST_PERIOD'],
    [13, 'PERIOD_OUTSIDE_CONTRACT'],
    [0, 'INVALID_PERIOD'],
    [2.5, 'INVALID_PERIOD'],
  ])('refuses fromPeriod %p (%s), naming the field', async (fromPeriod, code) => {
    const error = await replan(engine, { ...base, fromPeriod, realised: [] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).problems[0]).toMatchObject({ path: 'fromPeriod', code });
    expect((error as DomainError).message).toMatch(/^Replanification refusée/);
  });
});
