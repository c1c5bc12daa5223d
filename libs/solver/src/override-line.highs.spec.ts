// A coordinator's override of one line, on an allocation really solved by HiGHS.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  AllocationEngine,
  type AllocationResult,
  DomainError,
  type Scenario,
  allocationResultJson,
  overrideLine,
  validateScenario,
  required,
} from '@cordage/domain';
import { HighsLinearSolver } from './highs-linear-solver';

const raw: unknown = JSON.parse(
  readFileSync(path.join(__dirname, '../../../examples/colleges-93.json'), 'utf8'),
);
const validation = validateScenario(raw);
if (!validation.ok) throw new Error('example invalid');
const scenario: Scenario = validation.scenario;

let base: AllocationResult;
beforeAll(async () => {
  base = (await new AllocationEngine(new HighsLinearSolver()).run(raw)).result;
});

const lotTotal = (result: AllocationResult, lot: number) =>
  [...result.members, ...result.uncovered]
    .filter((line) => line.lot === lot)
    .reduce((sum, line) => sum + line.amountCents, 0);

function refusal(change: Parameters<typeof overrideLine>[2]): DomainError {
  try {
    overrideLine(scenario, base, change);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the override was expected to be refused');
}

describe('overrideLine', () => {
  it('is tested in libs/domain on a stored version that is what the engine computes', () => {
    const stored = readFileSync(
      path.join(__dirname, '../../domain/src/allocation-versions/colleges-93.result.fixture.json'),
      'utf8',
    );
    expect(allocationResultJson(base)).toBe(stored);
  });

  it('moves hours of one line to the uncovered part, keeps every other line and every cent', () => {
    const line = required(
      base.lines.find((l) => l.hours >= 50),
      'the line sought',
    );
    const changed = overrideLine(scenario, base, { ...line, hours: line.hours - 40 });
    const after = required(
      changed.lines.find(
        (l) => l.org === line.org && l.lot === line.lot && l.territory === line.territory,
      ),
      'the line sought',
    );
    expect(after.hours).toBeCloseTo(line.hours - 40, 2);
    const others = (result: AllocationResult) =>
      result.lines.filter(
        // Lines reported as 0.00 h (a solver's few microhours) carry nothing: compare the others.
        (l) =>
          l.hours > 0 &&
          !(l.org === line.org && l.lot === line.lot && l.territory === line.territory),
      );
    expect(others(changed)).toEqual(others(base));
    const uncovered = (result: AllocationResult) =>
      result.uncovered
        .filter((u) => u.lot === line.lot && u.territory === line.territory)
        .reduce((s, u) => s + u.hours, 0);
    expect(uncovered(changed) - uncovered(base)).toBeCloseTo(40, 2);
    for (const lot of scenario.tender.lots)
      expect(lotTotal(changed, lot.number)).toBe(lot.amountCents);
    expect(changed.optima).toEqual(base.optima);
    const memberBefore = required(
      base.members.find((m) => m.org === line.org && m.lot === line.lot),
      'the member sought',
    );
    const memberAfter = required(
      changed.members.find((m) => m.org === line.org && m.lot === line.lot),
      'the member sought',
    );
    expect(memberAfter.amountCents).toBeLessThan(memberBefore.amountCents);
  });

  it('refuses more hours than the member offered there', () => {
    const offer = required(
      scenario.offers.find((o) => o.hours < 1000),
      'the offer sought',
    );
    const error = refusal({
      org: offer.org,
      lot: offer.lot,
      territory: offer.territory,
      hours: offer.hours + 1,
    });
    expect(error.problems[0]).toMatchObject({ code: 'OFFER_EXCEEDED', path: 'hours' });
    expect(error.message).toMatch(/^Modification refusée : .* n’a offert que/);
  });

  it('refuses more hours than the territory asks for', () => {
    // A fully covered cell where someone offered more than it was given.
    const covered = required(
      scenario.offers.find((offer) => {
        const given =
          base.lines.find(
            (l) => l.org === offer.org && l.lot === offer.lot && l.territory === offer.territory,
          )?.hours ?? 0;
        const open = base.uncovered.some(
          (u) => u.lot === offer.lot && u.territory === offer.territory && u.hours > 0,
        );
        return !open && offer.hours > given + 1;
      }),
      'the offer sought',
    );
    const given =
      base.lines.find(
        (l) => l.org === covered.org && l.lot === covered.lot && l.territory === covered.territory,
      )?.hours ?? 0;
    const error = refusal({ ...covered, hours: given + 1 });
    expect(error.problems.map((p) => p.code)).toContain('DEMAND_EXCEEDED');
  });

  it('refuses a line the member made no offer for', () => {
    const error = refusal({ org: 'org-001', lot: 4, territory: 'COM:93001', hours: 1 });
    expect(error.problems[0]).toMatchObject({ code: 'NO_OFFER', path: 'territory' });
  });

  it('refuses to pass a member’s hours cap', () => {
    // Cap a member at exactly what it was given: one more hour anywhere breaks the cap.
    const line = required(
      base.lines.find((l) => {
        const offer = required(
          scenario.offers.find(
            (o) => o.org === l.org && o.lot === l.lot && o.territory === l.territory,
          ),
          'the offer sought',
        );
        const open = base.uncovered.some(
          (u) => u.lot === l.lot && u.territory === l.territory && u.hours >= 1,
        );
        return offer.hours >= l.hours + 1 && open;
      }),
      'the line sought',
    );
    const given = base.lines.filter((l) => l.org === line.org).reduce((sum, l) => sum + l.hours, 0);
    const capped: Scenario = {
      ...scenario,
      limits: [
        ...scenario.limits.filter((limit) => limit.org !== line.org),
        { org: line.org, maxHours: given },
      ],
    };
    expect(() => overrideLine(capped, base, { ...line, hours: line.hours })).not.toThrow();
    try {
      overrideLine(capped, base, { ...line, hours: line.hours + 1 });
      throw new Error('the override was expected to be refused');
    } catch (error) {
      expect((error as DomainError).problems.map((p) => p.code)).toEqual(['HOURS_CAP_EXCEEDED']);
    }
  });
});
