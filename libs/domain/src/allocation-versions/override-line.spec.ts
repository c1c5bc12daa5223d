// A coordinator's override of one line, on a stored version of the example bid. The version is
// colleges-93.result.fixture.json, written by `cordage allocate examples/colleges-93.json --out`
// (HiGHS); libs/solver's override-line.highs.spec.ts checks it is still what the engine computes.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AllocationResult } from '../allocation/allocation-result';
import { DomainError, DomainErrorCode } from '../errors';
import { example, mutated } from '../scenario/example-scenario.fixture';
import type { Scenario } from '../scenario';
import { type LineOverride, overrideLine } from './override-line';
import { at, required } from '../invariants';

const BASE_PATH = path.join(__dirname, 'colleges-93.result.fixture.json');
const base = JSON.parse(readFileSync(BASE_PATH, 'utf8')) as AllocationResult;

const legalName = (key: string) =>
  required(
    example.organizations.find((org) => org.key === key),
    'the organization sought',
  ).legalName;
const ofLot = (lot: number) => (entry: { lot: number }) => entry.lot === lot;
const notOfLot = (lot: number) => (entry: { lot: number }) => entry.lot !== lot;
const lotTotal = (result: AllocationResult, lot: number) =>
  [...result.members, ...result.uncovered]
    .filter(ofLot(lot))
    .reduce((sum, entry) => sum + entry.amountCents, 0);
const revenue = (result: AllocationResult, org: string) =>
  result.members.filter((m) => m.org === org).reduce((sum, m) => sum + m.amountCents, 0);
const hoursOf = (result: AllocationResult, org: string) =>
  result.members.filter((m) => m.org === org).reduce((sum, m) => sum + m.hours, 0);
const lineOf = (result: AllocationResult, change: Omit<LineOverride, 'hours'>) =>
  result.lines.find(
    (l) => l.org === change.org && l.lot === change.lot && l.territory === change.territory,
  );
const openHours = (result: AllocationResult, lot: number, territory: string) =>
  result.uncovered.find((u) => u.lot === lot && u.territory === territory)?.hours ?? 0;
const lotIndex = (lot: number) => example.tender.lots.findIndex((l) => l.number === lot);

function refusal(
  change: LineOverride,
  scenario: Scenario = example,
  version: AllocationResult = base,
): DomainError {
  try {
    overrideLine(scenario, version, change);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the override was expected to be refused');
}

/** What every valid override keeps, from the version it changes (`before`) to the new one. */
function expectOnlyItsLotMoved(
  scenario: Scenario,
  before: AllocationResult,
  after: AllocationResult,
  change: LineOverride,
): void {
  const lot = change.lot;
  // The other lots, to the byte: lines, members' amounts, shares and insertion hours, uncovered.
  expect(after.lines.filter(notOfLot(lot))).toEqual(before.lines.filter(notOfLot(lot)));
  expect(after.members.filter(notOfLot(lot))).toEqual(before.members.filter(notOfLot(lot)));
  expect(after.uncovered.filter(notOfLot(lot))).toEqual(before.uncovered.filter(notOfLot(lot)));
  expect(after.optima).toEqual(before.optima);
  // Every lot adds up to its amount, to the cent; insertion hours, uncovered part included, to
  // the lot's.
  for (const l of scenario.tender.lots) {
    expect(lotTotal(after, l.number)).toBe(l.amountCents);
    const insertion = [
      ...after.members.filter(ofLot(l.number)),
      ...after.uncovered.filter(ofLot(l.number)),
    ].reduce((sum, entry) => sum + entry.insertionHours, 0);
    expect(insertion).toBe(l.insertionHours);
  }
  // On the changed lot, those whose hours did not change keep their money and share.
  const unchanged = (result: AllocationResult) =>
    result.members
      .filter((m) => m.lot === lot && m.org !== change.org)
      .map(({ insertionHours: _, ...rest }) => rest);
  expect(unchanged(after)).toEqual(unchanged(before));
  // No one passes a cap it did not already pass by the run's rounding.
  for (const limit of scenario.limits) {
    if (limit.maxRevenueCents !== undefined) {
      expect(revenue(after, limit.org)).toBeLessThanOrEqual(
        Math.max(limit.maxRevenueCents, revenue(before, limit.org)),
      );
    }
    if (limit.maxHours !== undefined) {
      expect(hoursOf(after, limit.org)).toBeLessThanOrEqual(
        Math.max(limit.maxHours, hoursOf(before, limit.org)) + 1e-9,
      );
    }
  }
  // The changed member is paid its new hours at the lot's price, give or take the rounding.
  const price = at(scenario.tender.lots, lotIndex(lot)).amountCents / lotDemand(scenario, lot);
  const changed = required(
    after.members.find((m) => m.org === change.org && m.lot === lot),
    'the member sought',
  );
  expect(Math.abs(changed.amountCents - price * changed.hours)).toBeLessThan(price * 0.05 + 1);
  // Whoever's figures did not move keeps its explanation, word for word.
  const moved = new Set(
    after.members
      .filter((m, k) => JSON.stringify(m) !== JSON.stringify(before.members[k]))
      .map((m) => m.org),
  );
  for (const [org, text] of Object.entries(after.explanations)) {
    if (!moved.has(org)) expect(text).toBe(before.explanations[org]);
  }
  // The other lots' warnings are the version's.
  const otherLots = (result: AllocationResult) =>
    result.warnings.filter(
      (w) =>
        w.path.startsWith('tender.lots[') && !w.path.startsWith(`tender.lots[${lotIndex(lot)}]`),
    );
  expect(otherLots(after)).toEqual(otherLots(before));
}

const lotDemand = (scenario: Scenario, lot: number) =>
  at(scenario.tender.lots, lotIndex(lot)).cells.reduce((sum, cell) => sum + cell.demandHours, 0);

/** Peintures Solidaires 93 gives up 10 h on COM:93001 (lot 1): those hours go uncovered. */
const OPENING = { org: 'org-005', lot: 1, territory: 'COM:93001', hours: 490 };

describe('overrideLine on the example', () => {
  it('changes one line of lot 1 and nothing on lots 2 to 4, to the cent', () => {
    const change = OPENING;
    expect(lineOf(base, change)?.hours).toBe(500);
    const after = overrideLine(example, base, change);

    for (const lot of [2, 3, 4]) {
      expect(after.members.filter(ofLot(lot))).toEqual(base.members.filter(ofLot(lot)));
      expect(after.uncovered.filter(ofLot(lot))).toEqual(base.uncovered.filter(ofLot(lot)));
      expect(after.lines.filter(ofLot(lot))).toEqual(base.lines.filter(ofLot(lot)));
    }
    expect(lotTotal(after, 1)).toBe(at(example.tender.lots, 0).amountCents);
    expect(lineOf(after, change)?.hours).toBe(490);
    expect(openHours(after, 1, 'COM:93001') - openHours(base, 1, 'COM:93001')).toBeCloseTo(10, 6);

    // Only Peintures Solidaires 93 and the uncovered part exchange money: 10 h at 36,4902 €/h.
    const amount = (result: AllocationResult, org: string) =>
      required(
        result.members.find((m) => m.org === org && m.lot === 1),
        'the member sought',
      ).amountCents;
    expect(amount(base, 'org-005') - amount(after, 'org-005')).toBe(36490);
    const uncoveredCents = (result: AllocationResult) =>
      result.uncovered.filter(ofLot(1)).reduce((sum, u) => sum + u.amountCents, 0);
    expect(uncoveredCents(after) - uncoveredCents(base)).toBe(36490);
    for (const m of base.members.filter((m) => m.lot === 1 && m.org !== 'org-005')) {
      expect(amount(after, m.org)).toBe(m.amountCents);
    }

    // Atelier Adapté du Bourget is capped at 30 000 € and was given exactly that: it stays there.
    expect(example.limits.find((l) => l.org === 'org-013')?.maxRevenueCents).toBe(3_000_000);
    expect(revenue(base, 'org-013')).toBe(3_000_000);
    expect(revenue(after, 'org-013')).toBe(3_000_000);
    for (const limit of example.limits) {
      if (limit.maxRevenueCents !== undefined) {
        expect(revenue(after, limit.org)).toBeLessThanOrEqual(limit.maxRevenueCents);
      }
    }
    expect(after.warnings.map((w) => w.code)).not.toContain('REVENUE_CAP_ROUNDING');

    expectOnlyItsLotMoved(example, base, after, change);
    expect(after.explanations['org-005']).toContain(
      '1\u202f757,31\u00a0h sur les 1\u202f900\u00a0h',
    );
    expect(at(after.warnings, 0).message).toBe(
      'Lot 1 : 1\u202f060\u00a0h sur 6\u202f500\u00a0h demandées ne sont couvertes par aucune ' +
        'offre (38\u202f679,56\u00a0€ HT).',
    );
  });

  it('gives hours left uncovered to another member, on a new line too', () => {
    // The run covers all it can: hours become free on a cell when someone gives some up.
    const v2 = overrideLine(example, base, OPENING);
    expectOnlyItsLotMoved(example, base, v2, OPENING);
    expect(openHours(v2, 1, 'COM:93001')).toBe(10);
    const more = { org: 'org-004', lot: 1, territory: 'COM:93001', hours: 105 };
    const v3 = overrideLine(example, v2, more);
    expect(openHours(v3, 1, 'COM:93001')).toBe(5);
    expectOnlyItsLotMoved(example, v2, v3, more);

    // Atelier Adapté du Bourget, at its revenue cap, frees 10 h on COM:93072 and takes 5 h on
    // COM:93001, where it had no line: the line appears in its place.
    const v4 = overrideLine(example, v3, {
      org: 'org-013',
      lot: 1,
      territory: 'COM:93072',
      hours: 290,
    });
    const added = { org: 'org-013', lot: 1, territory: 'COM:93001', hours: 5 };
    expect(lineOf(v4, added)).toBeUndefined();
    const v5 = overrideLine(example, v4, added);
    expectOnlyItsLotMoved(example, v4, v5, added);
    const org013 = v5.lines.filter((l) => l.org === 'org-013' && l.lot === 1);
    expect(org013.map((l) => [l.territory, l.hours])).toEqual([
      ['COM:93001', 5],
      ['COM:93039', 172.14],
      ['COM:93066', 150],
      ['COM:93070', 50],
      ['COM:93072', 290],
      ['COM:93079', 150],
    ]);
    expect(revenue(v5, 'org-013')).toBeLessThan(3_000_000);
    expect(openHours(v5, 1, 'COM:93001')).toBe(0);
    expect(v5.uncovered.some((u) => u.lot === 1 && u.territory === 'COM:93001')).toBe(false);
  });

  it('changes nothing when a line is given the hours it has', () => {
    for (const line of base.lines) expect(overrideLine(example, base, line)).toEqual(base);
  });

  it('keeps other lots as they are across successive overrides', () => {
    const v2 = overrideLine(example, base, OPENING);
    expectOnlyItsLotMoved(example, base, v2, OPENING);
    const second = {
      ...required(
        base.lines.find((l) => l.lot === 4 && l.hours >= 10),
        'the line sought',
      ),
    };
    second.hours -= 7.25;
    const v3 = overrideLine(example, v2, second);
    expectOnlyItsLotMoved(example, v2, v3, second);
    expect(v3.members.filter(ofLot(1))).toEqual(v2.members.filter(ofLot(1)));
    for (const lot of [2, 3])
      expect(v3.members.filter(ofLot(lot))).toEqual(base.members.filter(ofLot(lot)));
  });
});

describe('overrideLine refusals', () => {
  it('refuses a line the member made no offer for, naming the member', () => {
    const error = refusal({ org: 'org-001', lot: 4, territory: 'COM:93001', hours: 1 });
    expect(error.code).toBe(DomainErrorCode.INVALID_INPUT);
    expect(error.problems).toEqual([
      {
        path: 'territory',
        code: 'NO_OFFER',
        message: "Rénov'Plaine n’a pas fait d’offre sur COM:93001 au lot 4",
      },
    ]);
  });

  it('refuses hours that are not a number of hours', () => {
    for (const hours of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(refusal({ ...OPENING, hours }).problems[0]).toMatchObject({
        path: 'hours',
        code: 'HOURS_INVALID',
      });
    }
  });

  it('refuses more hours than the member offered there', () => {
    const offer = required(
      example.offers.find((o) => o.org === 'org-009' && o.lot === 1),
      'the offer sought',
    );
    const error = refusal({ ...offer, hours: offer.hours + 1 });
    expect(error.problems[0]).toMatchObject({ code: 'OFFER_EXCEEDED', path: 'hours' });
    expect(error.message).toMatch(
      new RegExp(`^Modification refusée : ${legalName('org-009')} n’a offert que `),
    );
    expect(error.message).not.toContain('org-009');
  });

  it('refuses more hours than the territory has left uncovered', () => {
    // A fully covered cell where someone offered more than it was given.
    const line = required(
      base.lines.find((l) => {
        const offer = required(
          example.offers.find(
            (o) => o.org === l.org && o.lot === l.lot && o.territory === l.territory,
          ),
          'the offer sought',
        );
        return openHours(base, l.lot, l.territory) === 0 && offer.hours > l.hours + 1;
      }),
      'the line sought',
    );
    const error = refusal({ ...line, hours: line.hours + 1 });
    expect(error.problems.map((p) => p.code)).toEqual(['DEMAND_EXCEEDED']);
    expect(error.message).toMatch(/ne demande que .* et il n’en reste que 0\u00a0h à attribuer/);
  });

  it('names the territory and the members who hold its hours, never their codes', () => {
    const line = required(
      base.lines.find(
        (l) =>
          openHours(base, l.lot, l.territory) === 0 &&
          base.lines.some((o) => o !== l && o.lot === l.lot && o.territory === l.territory) &&
          (example.offers.find(
            (o) => o.org === l.org && o.lot === l.lot && o.territory === l.territory,
          )?.hours ?? 0) >
            l.hours + 1,
      ),
      'a full cell shared by several members',
    );
    const others = base.lines.filter(
      (o) => o.org !== line.org && o.lot === line.lot && o.territory === line.territory,
    );
    let error: unknown;
    try {
      overrideLine(example, base, { ...line, hours: line.hours + 1 }, (code) =>
        code === line.territory ? 'Saint-Denis' : undefined,
      );
    } catch (caught) {
      error = caught;
    }
    if (!(error instanceof DomainError)) throw new Error('the override was expected to be refused');
    expect(error.message).toContain('Saint-Denis ne demande que');
    expect(error.message).not.toContain(line.territory);
    for (const other of others) {
      expect(error.message).toContain(legalName(other.org));
      expect(error.message).not.toContain(other.org);
    }
    expect(error.message).toMatch(/retirez d’abord des heures à l’un d’eux\.$/);
  });

  it('refuses to pass a member’s hours cap, naming the member', () => {
    // Envol Bâtiment capped at the hours it was given: one more hour on the freed cell is too many.
    const capped = mutated((scenario) =>
      scenario.limits.push({ org: 'org-004', maxHours: hoursOf(base, 'org-004') }),
    );
    const v2 = overrideLine(capped, base, OPENING);
    const line = required(
      lineOf(v2, { org: 'org-004', lot: 1, territory: 'COM:93001' }),
      'the line of org-004 on COM:93001',
    );
    expect(() => overrideLine(capped, v2, line)).not.toThrow();
    const error = refusal({ ...line, hours: line.hours + 1 }, capped, v2);
    expect(error.problems.map((p) => p.code)).toEqual(['HOURS_CAP_EXCEEDED']);
    expect(at(error.problems, 0).message).toBe(
      'Envol Bâtiment plafonne à 2\u202f792,31\u00a0h au total ' +
        '(2\u202f793,31\u00a0h avec cette modification)',
    );
  });

  it('refuses to pass a member’s revenue cap, naming the member', () => {
    // Atelier Adapté du Bourget has exactly its 30 000 €: not one more hour, here on a new line.
    const v2 = overrideLine(example, base, OPENING);
    const line = { org: 'org-013', lot: 1, territory: 'COM:93001', hours: 1 };
    const error = refusal(line, example, v2);
    expect(error.problems).toEqual([
      {
        path: 'hours',
        code: 'REVENUE_CAP_EXCEEDED',
        message:
          'Atelier Adapté du Bourget dépasserait son plafond de chiffre d’affaires de ' +
          '30\u202f000,00\u00a0€ HT (30\u202f036,49\u00a0€ HT avec cette modification)',
      },
    ]);
    expect(error.message).not.toContain('org-013');
    // Fewer hours are fine.
    const fewer = { org: 'org-013', lot: 1, territory: 'COM:93072', hours: 299 };
    expect(revenue(overrideLine(example, v2, fewer), 'org-013')).toBeLessThan(3_000_000);
  });

  it('checks every member’s revenue cap, and holds against no one what the run’s rounding did', () => {
    // Say Les Compagnons du Canal were one cent over a cap by the run's rounding (a warning of the
    // version): changes of others, on its lot, stay possible; one that raises its amount does not.
    const org = 'org-009';
    const over = mutated((scenario) =>
      scenario.limits.push({ org, maxRevenueCents: revenue(base, org) - 1 }),
    );
    const v2 = overrideLine(over, base, {
      org: 'org-005',
      lot: 1,
      territory: 'COM:93031',
      hours: 7.31,
    });
    expect(revenue(v2, org)).toBe(revenue(base, org));
    expect(v2.warnings.map((w) => w.code)).toContain('REVENUE_CAP_ROUNDING');
    const own = required(
      lineOf(v2, { org, lot: 1, territory: 'COM:93031' }),
      'its own line on COM:93031',
    );
    const error = refusal({ ...own, hours: own.hours + 1 }, over, v2);
    expect(error.problems.map((p) => p.code)).toEqual(['REVENUE_CAP_EXCEEDED']);
    expect(at(error.problems, 0).message).toMatch(/^Les Compagnons du Canal dépasserait/);
    expect(() => overrideLine(over, v2, { ...own, hours: own.hours - 1 })).not.toThrow();
  });
});

describe('overrideLine, on random changes of the example', () => {
  /** A change of any offer's line, to any hours in hundredths (what the form sends). */
  const changeArb = fc
    .record({
      offer: fc.integer({ min: 0, max: example.offers.length - 1 }),
      hundredths: fc.integer({ min: 0, max: 300_000 }),
      fit: fc.boolean(),
    })
    .map(({ offer, hundredths, fit }) => {
      const { org, lot, territory, hours: offered } = at(example.offers, offer);
      const given = lineOf(base, { org, lot, territory })?.hours ?? 0;
      // Half the time within what the offer and the cell allow: those are refused only for caps.
      const room = Math.min(offered, given + openHours(base, lot, territory));
      const hours = fit
        ? Math.min(hundredths / 100, Math.floor(room * 100) / 100)
        : hundredths / 100;
      return { org, lot, territory, hours, fits: hours <= room };
    });

  it('keeps every other lot identical, every lot to the cent, every cap', () => {
    fc.assert(
      fc.property(changeArb, ({ fits, ...change }) => {
        let after: AllocationResult;
        try {
          after = overrideLine(example, base, change);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          const codes = (error as DomainError).problems.map((p) => p.code);
          if (fits) {
            expect(
              codes.every((c) => c === 'HOURS_CAP_EXCEEDED' || c === 'REVENUE_CAP_EXCEEDED'),
            ).toBe(true);
          }
          return;
        }
        expect(fits).toBe(true);
        expectOnlyItsLotMoved(example, base, after, change);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps them across a chain of overrides, each based on the previous version', () => {
    fc.assert(
      fc.property(fc.array(changeArb, { minLength: 2, maxLength: 4 }), (changes) => {
        let version = base;
        for (const { org, lot, territory, hours } of changes) {
          const change = { org, lot, territory, hours };
          let next: AllocationResult;
          try {
            next = overrideLine(example, version, change);
          } catch {
            continue;
          }
          expectOnlyItsLotMoved(example, version, next, change);
          version = next;
        }
      }),
      { numRuns: 100 },
    );
  });

  it('moves hours from one member to another on a cell, a cap the only reason to refuse', () => {
    const lines = base.lines.filter((line) => line.hours > 0);
    const moveArb = fc.record({
      line: fc.integer({ min: 0, max: lines.length - 1 }),
      // Percentages: fast-check's doubles crowd near zero.
      freed: fc.integer({ min: 1, max: 100 }),
      taker: fc.nat(),
      taken: fc.integer({ min: 0, max: 100 }),
    });
    let given = 0;
    fc.assert(
      fc.property(moveArb, ({ line: k, freed, taker, taken }) => {
        const line = at(lines, k);
        const down = { ...line, hours: Math.round(line.hours * (100 - freed)) / 100 };
        const v2 = overrideLine(example, base, down);
        expectOnlyItsLotMoved(example, base, v2, down);
        // Another member on the cell with room left in its offer.
        const others = example.offers.filter(
          (o) =>
            o.lot === line.lot &&
            o.territory === line.territory &&
            o.org !== line.org &&
            o.hours > (lineOf(v2, o)?.hours ?? 0),
        );
        fc.pre(others.length > 0);
        const offer = at(others, taker % others.length);
        const had = lineOf(v2, offer)?.hours ?? 0;
        const room = Math.min(offer.hours - had, openHours(v2, line.lot, line.territory));
        const up = { ...offer, hours: had + Math.floor(room * taken) / 100 };
        let v3: AllocationResult;
        try {
          v3 = overrideLine(example, v2, up);
        } catch (error) {
          const codes = (error as DomainError).problems.map((p) => p.code);
          expect(
            codes.every((c) => c === 'HOURS_CAP_EXCEEDED' || c === 'REVENUE_CAP_EXCEEDED'),
          ).toBe(true);
          return;
        }
        if (up.hours > had) given++;
        expectOnlyItsLotMoved(example, v2, v3, up);
      }),
      { numRuns: 200 },
    );
    // Enough of them were taken (the others hit a cap: most members with room have one).
    expect(given).toBeGreaterThan(20);
  });
});
