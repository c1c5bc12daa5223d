// The allocation engine of libs/domain solved by this adapter: the contract's figures on the
// example, on emitted LP files and on random scenarios (shared/docs/allocation.md).
import fc from 'fast-check';
import loadHighs, { type Highs } from 'highs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  AllocationEngine,
  type AllocationResult,
  type LinearSolver,
  type LpModel,
  type Scenario,
  allocationResultJson,
  writeLpFormat,
  at,
  required,
} from '@cordage/domain';
import { EXAMPLE_ORG_003_EXPLANATION, checkLpText, confirmedOptimum } from '@cordage/testing';
import { HighsLinearSolver } from './highs-linear-solver';
import { smallScenario } from './small-scenarios.fixture';

const EXAMPLES = path.join(__dirname, '../../../examples');
const example = JSON.parse(
  readFileSync(path.join(EXAMPLES, 'colleges-93.json'), 'utf8'),
) as Scenario;
const expected = JSON.parse(
  readFileSync(path.join(EXAMPLES, 'colleges-93.expected.json'), 'utf8'),
) as { optima: AllocationResult['optima'] };

const engine = new AllocationEngine(new HighsLinearSolver());

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

function expectClose(actual: number, wanted: number, relative = 1e-6): void {
  expect(Math.abs(actual - wanted)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(wanted)));
}

/** The engine's optimum of a stage, confirmed by HiGHS solving its LP file afresh. */
function expectConfirmed(optimum: number, model: LpModel): void {
  const check = checkLpText(highs, writeLpFormat(model), model.sense);
  const verdict = confirmedOptimum(optimum, check)
    ? 'confirmed'
    : `${optimum} is not between ${check.optimum} (strictly feasible) and ${check.reach} (reached)`;
  expect(verdict).toBe('confirmed');
}

describe('the allocation on the example (colleges-93)', () => {
  it('reaches the three optima of colleges-93.expected.json', async () => {
    const { result } = await engine.run(example);
    expectClose(result.optima.coverage, expected.optima.coverage);
    expectClose(result.optima.proximity, expected.optima.proximity);
    expectClose(result.optima.fairness, expected.optima.fairness);
  });

  it('writes LP files that HiGHS, solving them afresh, brings to the same optima', async () => {
    const { result, models } = await engine.run(example);
    expectConfirmed(result.optima.coverage, models.coverage);
    expectConfirmed(result.optima.proximity, models.proximity);
    expectConfirmed(result.optima.fairness, models.fairness);
  });

  it('reports progress by stage, in order', async () => {
    const steps: string[] = [];
    await engine.run(example, {
      onProgress: (percent, step) => void steps.push(`${percent} ${step}`),
    });
    expect(steps).toEqual([
      '0 validating',
      '10 coverage',
      '40 proximity',
      '60 fairness',
      '90 apportioning',
    ]);
  });

  it('explains each member its share in French', async () => {
    const { result } = await engine.run(example);
    expect(Object.keys(result.explanations)).toHaveLength(example.organizations.length);
    expect(result.explanations['org-003']).toBe(EXAMPLE_ORG_003_EXPLANATION);
    expect(result.explanations['org-015']).toBe(
      `${at(example.organizations, 14).legalName} n’a fait aucune offre : aucune heure ne lui est attribuée.`,
    );
  });
});

describe('a warm start that goes astray', () => {
  /** Answers "optimal" with a made-up point whenever it is given a starting basis. */
  class LyingWhenWarm implements LinearSolver {
    readonly calls: string[] = [];
    constructor(private readonly solver: LinearSolver) {}
    async solve(model: LpModel, options: Parameters<LinearSolver['solve']>[1] = {}) {
      this.calls.push(options.start ? 'warm' : 'cold');
      const solution = await this.solver.solve(model, options);
      if (!options.start) return solution;
      return { ...solution, columnValues: solution.columnValues.map((value) => value * 0.9) };
    }
  }

  it('is caught by the check and each stage solved again from scratch', async () => {
    const lying = new LyingWhenWarm(new HighsLinearSolver());
    const { result } = await new AllocationEngine(lying).run(example);
    // First the cost-free coverage, only a start (its basis is used, never its point); then each
    // stage warm, refused by the check, and solved again cold.
    expect(lying.calls).toEqual(['warm', 'warm', 'cold', 'warm', 'cold', 'warm', 'cold']);
    expectClose(result.optima.fairness, expected.optima.fairness);
  });
});

/** Sum of `values`, allowing for each being rounded to two decimals. */
const ROUNDING = 0.005 + 1e-9;

function checkInvariants(scenario: Scenario, result: AllocationResult): void {
  const { lots } = scenario.tender;
  for (const lot of lots) {
    const memberCents = result.members.filter((m) => m.lot === lot.number);
    const uncoveredCents = result.uncovered.filter((u) => u.lot === lot.number);
    const total = [...memberCents, ...uncoveredCents].reduce((sum, m) => sum + m.amountCents, 0);
    expect(total).toBe(lot.amountCents);

    for (const cell of lot.cells) {
      const lines = result.lines.filter(
        (l) => l.lot === lot.number && l.territory === cell.territory,
      );
      const uncovered = uncoveredCents.filter((u) => u.territory === cell.territory);
      const hours = [...lines, ...uncovered].reduce((sum, l) => sum + l.hours, 0);
      const slack = ROUNDING * (lines.length + uncovered.length) + 1e-6 * cell.demandHours;
      expect(Math.abs(hours - cell.demandHours)).toBeLessThanOrEqual(slack);
    }

    // I_l goes to the members and the uncovered part; what goes with the uncovered part is said.
    const insertion = [...memberCents, ...uncoveredCents].reduce(
      (sum, entry) => sum + entry.insertionHours,
      0,
    );
    expect(insertion).toBe(lot.insertionHours);
    const uncoveredInsertion = uncoveredCents.reduce((sum, u) => sum + u.insertionHours, 0);
    const said = result.warnings.some(
      (w) => w.code === 'INSERTION_HOURS_UNASSIGNED' && w.message.startsWith(`Lot ${lot.number} :`),
    );
    expect(said).toBe(uncoveredInsertion > 0);
    // No member carries insertion hours for a lot it does no work on.
    for (const m of memberCents) if (m.hours === 0) expect(m.insertionHours).toBe(0);
  }

  for (const line of result.lines) {
    const offer = scenario.offers.find(
      (o) => o.org === line.org && o.lot === line.lot && o.territory === line.territory,
    );
    expect(offer).toBeDefined();
    expect(line.hours).toBeLessThanOrEqual(required(offer, 'offer').hours + ROUNDING);
  }

  for (const org of scenario.organizations) {
    const shares = result.members.filter((m) => m.org === org.key);
    const hours = shares.reduce((sum, m) => sum + m.hours, 0);
    const offered = scenario.offers.filter((o) => o.org === org.key);
    const limit = scenario.limits.find((l) => l.org === org.key);
    if (limit?.maxHours !== undefined) {
      expect(hours).toBeLessThanOrEqual(limit.maxHours * (1 + 1e-6) + ROUNDING * shares.length);
    }
    if (limit?.maxRevenueCents !== undefined) {
      let revenue = 0;
      let rounding = 0;
      for (const share of shares) {
        const lot = required(
          lots.find((l) => l.number === share.lot),
          'the lot sought',
        );
        const price = lot.amountCents / lot.cells.reduce((sum, cell) => sum + cell.demandHours, 0);
        revenue += price * share.hours;
        rounding += price * ROUNDING;
      }
      expect(revenue).toBeLessThanOrEqual(limit.maxRevenueCents * (1 + 1e-6) + rounding);
      const cents = shares.reduce((sum, share) => sum + share.amountCents, 0);
      const warned = result.warnings.some(
        (w) => w.code === 'REVENUE_CAP_ROUNDING' && w.message.startsWith(`${org.key} :`),
      );
      expect(warned).toBe(cents > limit.maxRevenueCents);
    }
    const offeredHours = offered.reduce((sum, o) => sum + o.hours, 0);
    const capacity = Math.min(offeredHours, limit?.maxHours ?? Infinity);
    if (capacity > 0) {
      const floor = result.optima.fairness * capacity * (1 - 1e-6) - ROUNDING * shares.length;
      expect(hours).toBeGreaterThanOrEqual(floor);
    }
    const lotsOffered = new Set(offered.map((o) => o.lot));
    expect(shares.map((s) => s.lot)).toEqual([...lotsOffered].sort((a, b) => a - b));
    expect(result.explanations[org.key]).toContain(org.legalName);
  }
}

describe('models that HiGHS 1.x solved wrongly from their LP files (found by fast-check)', () => {
  it.each([
    // Its presolve called the model infeasible.
    'presolve-infeasible.fixture.json',
    // A 2-cent lot: with presolve, stage 2 stopped 0.05 short of the optimum and said Optimal;
    // with scaling, stage 3 was called infeasible.
    'scaling-suboptimal.fixture.json',
    // A 5.5-cent-an-hour lot: unscaled, HiGHS crossed a revenue cap by 1e-8 (within its own
    // tolerance) to reach 0.1 below the engine's proximity optimum, which keeps every cap.
    'tolerance-crossing.fixture.json',
  ])('%s is solved to the same optima from its LP files', async (fixture) => {
    const scenario = JSON.parse(readFileSync(path.join(__dirname, fixture), 'utf8')) as Scenario;
    const { result, models } = await engine.run(scenario);
    expectConfirmed(result.optima.coverage, models.coverage);
    expectConfirmed(result.optima.proximity, models.proximity);
    expectConfirmed(result.optima.fairness, models.fairness);
  });
});

describe('the allocation on random scenarios', () => {
  it('splits every lot to the cent, within offers and caps, covering all it can', async () => {
    await fc.assert(
      fc.asyncProperty(smallScenario, async (scenario) => {
        const { result } = await engine.run(scenario);
        checkInvariants(scenario, result);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('gives the same bytes on a second run, and optima that the LP files confirm', async () => {
    await fc.assert(
      fc.asyncProperty(smallScenario, async (scenario) => {
        const first = await engine.run(scenario);
        const second = await engine.run(structuredClone(scenario));
        expect(allocationResultJson(second.result)).toBe(allocationResultJson(first.result));
        expectConfirmed(first.result.optima.coverage, first.models.coverage);
        expectConfirmed(first.result.optima.proximity, first.models.proximity);
        expectConfirmed(first.result.optima.fairness, first.models.fairness);
      }),
      { numRuns: 50 },
    );
  }, 60_000);
});
