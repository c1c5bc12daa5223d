import loadHighs, { type Highs } from 'highs';
import { checkLpText, confirmedOptimum } from './lp-checker';

// Two hours to give, each worth 1; a cap holds x2 to 0.5.
const MODEL = `Maximize
 obj: x1 + x2
Subject To
 cap: 2 x2 <= 1
 hours: x1 + x2 <= 2
Bounds
 0 <= x1 <= 1
 0 <= x2 <= 5
End
`;

describe('checkLpText', () => {
  let highs: Highs;
  beforeAll(async () => {
    highs = await loadHighs();
  });

  it('confirms the optimum, and neither a lower nor a higher value', () => {
    const check = checkLpText(highs, MODEL, 'maximize');
    expect(check.optimum).toBeCloseTo(1.5, 9);
    expect(confirmedOptimum(1.5, check)).toBe(true);
    expect(confirmedOptimum(1.49, check)).toBe(false);
    expect(confirmedOptimum(1.51, check)).toBe(false);
  });

  it('tells the strictly feasible optimum from what crossing a tiny row within tolerance reaches', () => {
    // The same cap divided by ten million: HiGHS's tolerance (1e-7) lets x2 go to 1.
    const tiny = MODEL.replace('cap: 2 x2 <= 1', 'cap: 2e-7 x2 <= 1e-7');
    const check = checkLpText(highs, tiny, 'maximize');
    expect(check.optimum).toBeCloseTo(1.5, 9);
    expect(check.reach).toBeGreaterThan(1.5);
    expect(confirmedOptimum(1.5, check)).toBe(true);
    expect(confirmedOptimum(1.49, check)).toBe(false);
  });

  it('throws when no configuration finds an optimum', () => {
    const infeasible = MODEL.replace('hours: x1 + x2 <= 2', 'hours: x1 + x2 >= 7');
    expect(() => checkLpText(highs, infeasible, 'maximize')).toThrow(/LP check: HiGHS says/);
  });
});
