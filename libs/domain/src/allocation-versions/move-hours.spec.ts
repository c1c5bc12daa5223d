// Moving hours between two members on one cell, on the stored version of the example bid (see
// override-line.spec.ts for where it comes from).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AllocationResult } from '../allocation/allocation-result';
import { DomainError } from '../errors';
import { example } from '../scenario/example-scenario.fixture';
import { type HoursMove, moveHours } from './move-hours';

const base = JSON.parse(
  readFileSync(path.join(__dirname, 'colleges-93.result.fixture.json'), 'utf8'),
) as AllocationResult;
const NAMES: Record<string, string> = { 'COM:93001': 'Aubervilliers', 'COM:93066': 'Saint-Denis' };
const names = (code: string) => NAMES[code];

const hoursOn = (result: AllocationResult, org: string, lot: number, territory: string) =>
  result.lines.find((l) => l.org === org && l.lot === lot && l.territory === territory)?.hours ?? 0;
const lotCents = (result: AllocationResult, lot: number) =>
  [...result.members, ...result.uncovered]
    .filter((entry) => entry.lot === lot)
    .reduce((sum, entry) => sum + entry.amountCents, 0);
const cellHours = (result: AllocationResult, lot: number, territory: string) =>
  result.lines
    .filter((l) => l.lot === lot && l.territory === territory)
    .reduce((sum, l) => sum + l.hours, 0);

function refusal(move: HoursMove): DomainError {
  try {
    moveHours(example, base, move, names);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the move was expected to be refused');
}

/** Peintures Solidaires 93 (500 h on Aubervilliers, lot 1) hands 120 h to org-004 (100 h). */
const MOVE: HoursMove = {
  from: 'org-005',
  to: 'org-004',
  lot: 1,
  territory: 'COM:93001',
  hours: 120,
};

describe('moveHours', () => {
  it('moves the hours in one change that keeps every total', () => {
    const after = moveHours(example, base, MOVE, names);
    expect(hoursOn(after, 'org-005', 1, 'COM:93001')).toBe(380);
    expect(hoursOn(after, 'org-004', 1, 'COM:93001')).toBe(
      hoursOn(base, 'org-004', 1, 'COM:93001') + 120,
    );
    // The cell is covered as before, the lot adds up to its amount, nothing is left uncovered.
    expect(cellHours(after, 1, 'COM:93001')).toBeCloseTo(cellHours(base, 1, 'COM:93001'), 6);
    expect(after.uncovered.filter((u) => u.lot === 1)).toEqual(
      base.uncovered.filter((u) => u.lot === 1),
    );
    for (const lot of example.tender.lots)
      expect(lotCents(after, lot.number)).toBe(lot.amountCents);
    // Only the two members' lines moved.
    const others = (result: AllocationResult) =>
      result.lines.filter((l) => !(l.territory === 'COM:93001' && l.lot === 1));
    expect(others(after)).toEqual(others(base));
  });

  it('refuses more hours than the giver holds there, by name', () => {
    const error = refusal({ ...MOVE, hours: 600 });
    expect(error.problems).toEqual([
      expect.objectContaining({ path: 'hours', code: 'MOVE_EXCEEDS_HOLDING' }),
    ]);
    expect(error.message).toBe(
      'Déplacement refusé : Peintures Solidaires 93 n’a que 500\u00a0h sur Aubervilliers au lot 1 ' +
        'dans cette version.',
    );
  });

  it('refuses a taker without an offer there, on the field « to »', () => {
    const error = refusal({ ...MOVE, to: 'org-001' });
    expect(error.problems).toEqual([expect.objectContaining({ path: 'to', code: 'NO_OFFER' })]);
    expect(error.message).toContain('Aubervilliers');
  });

  it('refuses a move that puts the taker over its cap, naming it; the version is untouched', () => {
    const copy = structuredClone(base);
    const error = refusal({ ...MOVE, territory: 'COM:93066', to: 'org-012' });
    expect(error.message).toBe(
      'Déplacement refusé : Second Souffle Bâtiment plafonne à 1\u202f200\u00a0h au total ' +
        '(1\u202f320\u00a0h avec cette modification).',
    );
    expect(base).toEqual(copy);
  });

  it('refuses more than the taker offered, and a move to itself or of no hours', () => {
    expect(refusal({ ...MOVE, hours: 250 }).problems.map((p) => p.code)).toContain(
      'OFFER_EXCEEDED',
    );
    expect(refusal({ ...MOVE, to: MOVE.from }).problems.map((p) => p.code)).toEqual([
      'SAME_MEMBER',
    ]);
    expect(refusal({ ...MOVE, hours: 0 }).problems.map((p) => p.code)).toEqual(['HOURS_INVALID']);
  });
});
