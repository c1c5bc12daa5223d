import { formatEuros } from '../allocation/french-format';
import { DomainError } from '../errors';
import { type CorrigendumFacts, corrigendumSchema, planCorrigendum } from './corrigendum';

const now = new Date('2026-03-01T10:00:00Z');

const facts = (overrides: Partial<CorrigendumFacts> = {}): CorrigendumFacts => ({
  status: 'ALLOCATING',
  lots: [
    {
      number: 1,
      title: 'Entretien',
      amountCents: 10_000_00,
      cells: [
        { territory: 'COM:93066', territoryName: 'Saint-Denis', demandHours: 800 },
        { territory: 'COM:93048', territoryName: 'Montreuil', demandHours: 400 },
      ],
    },
    {
      number: 2,
      title: 'Espaces verts',
      amountCents: 5_000_00,
      cells: [{ territory: 'COM:93008', territoryName: 'Bobigny', demandHours: 300 }],
    },
  ],
  offers: [
    { id: 'o1', memberId: 'a', memberName: 'Alpha', lot: 1, territory: 'COM:93066', hours: 120 },
    { id: 'o2', memberId: 'b', memberName: 'Beta', lot: 1, territory: 'COM:93048', hours: 200 },
    { id: 'o3', memberId: 'b', memberName: 'Beta', lot: 2, territory: 'COM:93008', hours: 50 },
  ],
  versions: [{ id: 'v1', number: 1 }],
  capacityDeadline: null,
  applicationDeadline: new Date('2026-04-01T10:00:00Z'),
  knownTerritories: new Set(['COM:93001']),
  now,
  ...overrides,
});

const corrigendum = (changes: unknown[]) =>
  corrigendumSchema.parse({ reason: 'Avis n° 1 du BOAMP', publishedOn: '2026-02-28', changes });

const refusal = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('planCorrigendum', () => {
  it('outdates the offers on a removed cell and on a lot whose amount changes, and every version', () => {
    const plan = planCorrigendum(
      facts(),
      corrigendum([
        { kind: 'CELL_REMOVED', lot: 1, territory: 'COM:93066' },
        { kind: 'LOT_CHANGED', lot: 2, amountCents: 6_000_00 },
      ]),
    );
    expect(plan.outdatedOffers.map((offer) => [offer.offerId, offer.reason])).toEqual([
      ['o1', 'le territoire Saint-Denis (COM:93066) est retiré du lot 1'],
      ['o3', `le montant du lot 2 passe de ${formatEuros(5_000_00)} à ${formatEuros(6_000_00)} HT`],
    ]);
    expect(plan.outdatedVersions).toEqual([{ id: 'v1', number: 1 }]);
    expect(plan.revise).toBe(false);
    expect(plan.summary).toHaveLength(2);
  });

  it('outdates the offers on a cell whose demand changes; a new title alone outdates nothing', () => {
    const plan = planCorrigendum(
      facts(),
      corrigendum([
        { kind: 'CELL_CHANGED', lot: 1, territory: 'COM:93048', demandHours: 350 },
        { kind: 'LOT_CHANGED', lot: 2, title: 'Espaces verts et propreté' },
      ]),
    );
    expect(plan.outdatedOffers.map((offer) => offer.offerId)).toEqual(['o2']);
    const titleOnly = planCorrigendum(
      facts(),
      corrigendum([{ kind: 'LOT_CHANGED', lot: 2, title: 'Autre' }]),
    );
    expect(titleOnly.outdatedOffers).toEqual([]);
    expect(titleOnly.outdatedVersions).toEqual([]);
  });

  it('sends a split under vote or agreed back to allocating', () => {
    for (const status of ['PROPOSED', 'AGREED'] as const) {
      const plan = planCorrigendum(
        facts({ status }),
        corrigendum([{ kind: 'CELL_ADDED', lot: 2, territory: 'COM:93001', demandHours: 10 }]),
      );
      expect(plan.revise).toBe(true);
    }
  });

  it('refuses once signing opened, and says to go through a change request', () => {
    for (const status of ['SIGNING', 'SIGNED'] as const) {
      const error = refusal(() =>
        planCorrigendum(
          facts({ status }),
          corrigendum([{ kind: 'LOT_CHANGED', lot: 1, title: 'X' }]),
        ),
      );
      expect(error.code).toBe('INVALID_TRANSITION');
      expect(error.message).toMatch(/demande de modification/);
      expect(error.problems[0]?.code).toBe('CORRIGENDUM_NOT_ALLOWED');
    }
    const submitted = refusal(() =>
      planCorrigendum(
        facts({ status: 'SUBMITTED' }),
        corrigendum([{ kind: 'LOT_CHANGED', lot: 1, title: 'X' }]),
      ),
    );
    expect(submitted.message).toMatch(/déposée ou close/);
  });

  it('names each change that does not fit the tender', () => {
    const error = refusal(() =>
      planCorrigendum(
        facts(),
        corrigendum([
          { kind: 'LOT_CHANGED', lot: 9, amountCents: 100 },
          { kind: 'CELL_ADDED', lot: 1, territory: 'COM:99999', demandHours: 5 },
          { kind: 'CELL_REMOVED', lot: 2, territory: 'COM:93008' },
          {
            kind: 'LOT_ADDED',
            lot: 1,
            title: 'Doublon',
            amountCents: 100,
            cells: [{ territory: 'COM:93001', demandHours: 1 }],
          },
          { kind: 'CELL_CHANGED', lot: 1, territory: 'COM:93066', demandHours: 800 },
        ]),
      ),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.problems.map((problem) => [problem.path, problem.code])).toEqual([
      ['changes[0].lot', 'UNKNOWN_LOT'],
      ['changes[1].territory', 'UNKNOWN_TERRITORY'],
      ['changes[2].territory', 'LAST_CELL'],
      ['changes[3].lot', 'LOT_EXISTS'],
      ['changes[4].demandHours', 'NOTHING_CHANGED'],
    ]);
  });

  it('moves the capacity call only while it is open, before the application deadline', () => {
    const collecting = facts({
      status: 'COLLECTING',
      capacityDeadline: new Date('2026-03-10T10:00:00Z'),
    });
    const moved = planCorrigendum(
      collecting,
      corrigendum([
        {
          kind: 'DEADLINES_MOVED',
          capacityDeadline: '2026-03-20T10:00:00Z',
          applicationDeadline: '2026-04-15T10:00:00Z',
        },
      ]),
    );
    expect(moved.capacityDeadline).toEqual(new Date('2026-03-20T10:00:00Z'));
    expect(moved.applicationDeadline).toEqual(new Date('2026-04-15T10:00:00Z'));
    expect(moved.outdatedVersions).toEqual([]);
    const late = refusal(() =>
      planCorrigendum(
        collecting,
        corrigendum([{ kind: 'DEADLINES_MOVED', capacityDeadline: '2026-05-01T10:00:00Z' }]),
      ),
    );
    expect(late.problems.map((problem) => problem.code)).toEqual(['DEADLINES_OUT_OF_ORDER']);
    const closed = refusal(() =>
      planCorrigendum(
        facts(),
        corrigendum([{ kind: 'DEADLINES_MOVED', capacityDeadline: '2026-03-20T10:00:00Z' }]),
      ),
    );
    expect(closed.problems[0]?.code).toBe('CAPACITY_CALL_NOT_OPEN');
  });

  it('reads hostile input as field errors in French', () => {
    const parsed = corrigendumSchema.safeParse({
      reason: 'x',
      publishedOn: '2026-02-30',
      changes: [
        { kind: 'LOT_CHANGED', lot: 1, amountCents: -5 },
        { kind: 'CELL_CHANGED', lot: 2 ** 31, territory: 'COM:93066', demandHours: 1 },
      ],
    });
    expect(parsed.success).toBe(false);
    const messages = parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(messages).toEqual([
      ['publishedOn', 'date de l’avis : cette date n’existe pas'],
      ['changes.0.amountCents', 'montant : un montant strictement positif est attendu'],
      ['changes.1.lot', 'numéro de lot : 2147483647 au plus'],
    ]);
  });
});
