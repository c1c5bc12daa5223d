// The baseline of the allocation bench: shared/docs/allocation.md written straight as three LP
// texts, each handed as is to HiGHS and solved from scratch, the way one would without the engine.
// It shares no code with the engine's model, so agreeing optima check one against the other.
import loadHighs from 'highs';
import type { AllocationOptima, Scenario } from '@cordage/domain';
import { at, required } from '@cordage/domain';

const tolerance = (optimum: number) => 1e-7 * Math.max(1, Math.abs(optimum));

/** The three stage optima of a validated scenario. */
export async function straightLpOptima(scenario: Scenario): Promise<AllocationOptima> {
  const highs = await loadHighs();
  const solve = (text: string): number => {
    const solution = highs.solve(text, { output_flag: false });
    if (solution.Status !== 'Optimal') throw new Error(`baseline: HiGHS says ${solution.Status}`);
    return solution.ObjectiveValue;
  };

  const cellOf = new Map<string, number>();
  const demand: number[] = [];
  const price = new Map<number, number>();
  for (const lot of scenario.tender.lots) {
    const hours = lot.cells.reduce((sum, cell) => sum + cell.demandHours, 0);
    price.set(lot.number, lot.amountCents / hours);
    for (const cell of lot.cells) {
      cellOf.set(`${lot.number} ${cell.territory}`, demand.length);
      demand.push(cell.demandHours);
    }
  }
  const offersOf = new Map<string, number[]>();
  const offersOnCell = demand.map((): number[] => []);
  scenario.offers.forEach((offer, i) => {
    at(
      offersOnCell,
      required(cellOf.get(`${offer.lot} ${offer.territory}`), 'the cell of the offer'),
    ).push(i);
    const offers = offersOf.get(offer.org);
    if (offers) offers.push(i);
    else offersOf.set(offer.org, [i]);
  });

  const rows: string[] = demand.map(
    (hours, j) =>
      ` d${j}: ${at(offersOnCell, j)
        .map((i) => `x${i} + `)
        .join('')}s${j} = ${hours}`,
  );
  for (const limit of scenario.limits) {
    const offers = offersOf.get(limit.org) ?? [];
    if (offers.length === 0) continue;
    if (limit.maxHours !== undefined) {
      rows.push(
        ` h_${rows.length}: ${offers.map((i) => `x${i}`).join(' + ')} <= ${limit.maxHours}`,
      );
    }
    const cap = limit.maxRevenueCents;
    if (cap !== undefined) {
      const terms = offers.map((i) =>
        cap === 0
          ? `x${i}`
          : `${required(price.get(at(scenario.offers, i).lot), "the lot's price") / cap} x${i}`,
      );
      rows.push(` r_${rows.length}: ${terms.join(' + ')} <= ${cap === 0 ? 0 : 1}`);
    }
  }
  const bounds = [
    ...scenario.offers.map((offer, i) => ` 0 <= x${i} <= ${offer.hours}`),
    ...demand.map((_, j) => ` s${j} >= 0`),
  ].join('\n');
  const lp = (sense: string, objective: string, extraBounds = '') =>
    `${sense}\n obj: ${objective}\nSubject To\n${rows.join('\n')}\nBounds\n${bounds}\n${extraBounds}End\n`;

  const uncovered = demand.map((_, j) => `s${j}`).join(' + ');
  const coverage = solve(lp('Minimize', uncovered));
  rows.push(` coverage: ${uncovered} <= ${coverage + tolerance(coverage)}`);

  const cost = scenario.policy.secondaryCost;
  const away = scenario.offers.flatMap((offer, i) =>
    offer.preference === 'SECONDARY' && cost > 0 ? [`${cost} x${i}`] : [],
  );
  const proximity = away.length > 0 ? solve(lp('Minimize', away.join(' + '))) : 0;
  if (away.length > 0)
    rows.push(` proximity: ${away.join(' + ')} <= ${proximity + tolerance(proximity)}`);

  const maxHours = new Map(scenario.limits.map((limit) => [limit.org, limit.maxHours]));
  for (const [org, offers] of offersOf) {
    const offered = offers.reduce((sum, i) => sum + at(scenario.offers, i).hours, 0);
    const capacity = Math.min(offered, maxHours.get(org) ?? Infinity);
    // Divided by K_m, as allocation.md's Numerics require.
    rows.push(
      ` f_${rows.length}: ${offers.map((i) => `${1 / capacity} x${i}`).join(' + ')} - u >= 0`,
    );
  }
  const fairness = solve(lp('Maximize', 'u', ' 0 <= u <= 1\n'));
  return { coverage, proximity, fairness };
}
