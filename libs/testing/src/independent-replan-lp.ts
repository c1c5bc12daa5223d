// An independent solve of the re-plan (docs/after-award.md, "Re-planning"): the remaining demand,
// the reduced offers and caps computed again from the re-plan's input, the three stages of
// shared/docs/allocation.md written straight as LP text and handed as is to HiGHS, each solved
// from scratch. It shares no code with the domain's reduction nor the engine's model, so agreeing
// optima check one against the other.
import loadHighs from 'highs';
import { type AllocationOptima, type ReplanInput, at, required } from '@cordage/domain';
import { checkLpText } from './lp-checker';

const tolerance = (optimum: number) => 1e-7 * Math.max(1, Math.abs(optimum));

/** Whole `total` over `weights`: floors, then one unit each to the largest remainders. */
function splitByMonths(total: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (BigInt(total) * BigInt(w)) / BigInt(weightSum));
  const rest = weights.map((w) => Number((BigInt(total) * BigInt(w)) % BigInt(weightSum)));
  let missing = total - exact.reduce((a, b) => a + Number(b), 0);
  const parts = exact.map(Number);
  const order = rest.map((_, i) => i).sort((a, b) => (rest[b] ?? 0) - (rest[a] ?? 0) || a - b);
  for (const i of order) {
    if (missing-- <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
  }
  return parts;
}

/** The three stage optima of the re-plan of `input`, solved by HiGHS from LP text. */
export async function independentReplanOptima(input: ReplanInput): Promise<AllocationOptima> {
  const highs = await loadHighs();
  const solve = (text: string): number =>
    checkLpText(highs, text, text.startsWith('Maximize') ? 'maximize' : 'minimize').optimum;
  const from = input.fromPeriod;
  const left = new Set(input.leftOrgs ?? []);

  // Remaining demand per cell and each lot's price per remaining hour.
  const demand: number[] = [];
  const cellIndex = new Map<string, number>();
  const price = new Map<number, number>();
  for (const won of input.lots) {
    const lot = input.scenario.tender.lots.find((l) => l.number === won.lot);
    if (!lot) throw new Error(`lot ${won.lot}?`);
    const months = won.periods.map((p) => p.months);
    let lotHundredths = 0;
    for (const cell of lot.cells) {
      const parts = splitByMonths(Math.round(cell.demandHours * 100), months);
      const remaining = parts.reduce(
        (s, part, k) => (at(won.periods, k).number >= from ? s + part : s),
        0,
      );
      if (remaining === 0) continue;
      cellIndex.set(`${won.lot}/${cell.territory}`, demand.length);
      demand.push(remaining / 100);
      lotHundredths += remaining;
    }
    let kept = 0;
    for (const line of input.planned) {
      if (line.lot === won.lot && line.period < from) kept += line.amountCents;
    }
    for (const entry of input.uncovered) {
      if (entry.lot !== won.lot) continue;
      const parts = splitByMonths(entry.amountCents, months);
      kept += parts.reduce((s, part, k) => (at(won.periods, k).number < from ? s + part : s), 0);
    }
    price.set(won.lot, (won.awardedCents - kept) / (lotHundredths / 100));
  }

  // Offers less what was realised on them; caps less what each member realised.
  const done = new Map<string, number>();
  const doneByOrg = new Map<string, { hours: number; cents: number }>();
  for (const r of input.realised) {
    const key = `${r.org}/${r.lot}/${r.territory}`;
    done.set(key, (done.get(key) ?? 0) + r.hundredths);
    const org = doneByOrg.get(r.org) ?? { hours: 0, cents: 0 };
    doneByOrg.set(r.org, {
      hours: org.hours + r.hundredths / 100,
      cents: org.cents + r.revenueCents,
    });
  }
  const spent = new Set<string>();
  for (const limit of input.scenario.limits) {
    const used = doneByOrg.get(limit.org) ?? { hours: 0, cents: 0 };
    if (limit.maxHours !== undefined && limit.maxHours - used.hours < 1e-6) spent.add(limit.org);
    if (limit.maxRevenueCents !== undefined && limit.maxRevenueCents <= used.cents) {
      spent.add(limit.org);
    }
  }
  const offers: { org: string; cell: number; lot: number; hours: number; secondary: boolean }[] =
    [];
  for (const offer of input.scenario.offers) {
    const cell = cellIndex.get(`${offer.lot}/${offer.territory}`);
    if (cell === undefined || left.has(offer.org) || spent.has(offer.org)) continue;
    const hours =
      Math.round(
        offer.hours * 1e6 - (done.get(`${offer.org}/${offer.lot}/${offer.territory}`) ?? 0) * 1e4,
      ) / 1e6;
    if (hours >= 1e-6) {
      offers.push({
        org: offer.org,
        cell,
        lot: offer.lot,
        hours,
        secondary: offer.preference === 'SECONDARY',
      });
    }
  }

  const rows: string[] = demand.map((hours, j) => {
    const xs = offers.flatMap((o, i) => (o.cell === j ? [`x${i} + `] : []));
    return ` d${j}: ${xs.join('')}s${j} = ${hours}`;
  });
  const byOrg = new Map<string, number[]>();
  offers.forEach((o, i) => byOrg.set(o.org, [...(byOrg.get(o.org) ?? []), i]));
  const capacity = new Map<string, number>();
  for (const [org, mine] of byOrg) {
    capacity.set(
      org,
      mine.reduce((s, i) => s + at(offers, i).hours, 0),
    );
  }
  for (const limit of input.scenario.limits) {
    const mine = byOrg.get(limit.org);
    if (!mine) continue;
    const used = doneByOrg.get(limit.org) ?? { hours: 0, cents: 0 };
    if (limit.maxHours !== undefined) {
      const maxHours = Math.round((limit.maxHours - used.hours) * 1e6) / 1e6;
      rows.push(` h_${rows.length}: ${mine.map((i) => `x${i}`).join(' + ')} <= ${maxHours}`);
      capacity.set(limit.org, Math.min(capacity.get(limit.org) ?? 0, maxHours));
    }
    if (limit.maxRevenueCents !== undefined) {
      const cap = limit.maxRevenueCents - used.cents;
      const terms = mine.map(
        (i) => `${required(price.get(at(offers, i).lot), 'price') / cap} x${i}`,
      );
      rows.push(` r_${rows.length}: ${terms.join(' + ')} <= 1`);
    }
  }
  const bounds = [
    ...offers.map((o, i) => ` 0 <= x${i} <= ${o.hours}`),
    ...demand.map((_, j) => ` s${j} >= 0`),
  ].join('\n');
  const lp = (sense: string, objective: string, extra = '') =>
    `${sense}\n obj: ${objective}\nSubject To\n${rows.join('\n')}\nBounds\n${bounds}\n${extra}End\n`;

  const uncovered = demand.map((_, j) => `s${j}`).join(' + ');
  const coverage = solve(lp('Minimize', uncovered));
  rows.push(` coverage: ${uncovered} <= ${coverage + tolerance(coverage)}`);
  const cost = input.scenario.policy.secondaryCost;
  const away = offers.flatMap((o, i) => (o.secondary && cost > 0 ? [`${cost} x${i}`] : []));
  const proximity = away.length > 0 ? solve(lp('Minimize', away.join(' + '))) : 0;
  if (away.length > 0) {
    rows.push(` proximity: ${away.join(' + ')} <= ${proximity + tolerance(proximity)}`);
  }
  for (const [org, mine] of byOrg) {
    const k = capacity.get(org) ?? 0;
    if (k <= 0) continue;
    rows.push(` f_${rows.length}: ${mine.map((i) => `${1 / k} x${i}`).join(' + ')} - u >= 0`);
  }
  const fairness = solve(lp('Maximize', 'u', ' 0 <= u <= 1\n'));
  return { coverage, proximity, fairness };
}
