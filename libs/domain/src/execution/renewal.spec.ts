import fc from 'fast-check';
import {
  type RenewalInput,
  type RenewalLot,
  matchRenewalLots,
  memberCarriedOffers,
  recentRealisedHundredths,
  renewalCarryOver,
} from './renewal';

const previousLots: RenewalLot[] = [
  {
    number: 1,
    title: 'Nettoyage des collèges',
    amountCents: 100_000_00,
    cells: [
      { territory: 'COM:93001', demandHours: 1000 },
      { territory: 'COM:93005', demandHours: 500 },
    ],
  },
  {
    number: 2,
    title: 'Espaces verts',
    amountCents: 30_000_01,
    cells: [{ territory: 'COM:93008', demandHours: 300 }],
  },
];

const base: RenewalInput = {
  previousLots,
  nextLots: [
    {
      number: 1,
      title: 'Nettoyage des  Collèges',
      amountCents: 110_000_00,
      // COM:93005 removed, COM:93010 added
      cells: [
        { territory: 'COM:93001', demandHours: 1200 },
        { territory: 'COM:93010', demandHours: 300 },
      ],
    },
    {
      number: 2,
      title: 'Espaces verts',
      amountCents: 30_000_01,
      cells: [{ territory: 'COM:93008', demandHours: 300 }],
    },
    {
      number: 3,
      title: 'Blanchisserie',
      amountCents: 5_000_00,
      cells: [{ territory: 'COM:93008', demandHours: 100 }],
    },
  ],
  members: [
    { key: 'a', legalName: 'A', status: 'SIGNED', role: 'COTRAITANT', charterVersion: 2 },
    { key: 'b', legalName: 'B', status: 'SIGNED', role: 'COTRAITANT', charterVersion: 1 },
    { key: 'c', legalName: 'C', status: 'WITHDRAWN', role: 'COTRAITANT', charterVersion: 2 },
    { key: 's', legalName: 'S', status: 'ACCEPTED', role: 'SOUS_TRAITANT', charterVersion: null },
  ],
  offers: [
    { org: 'a', lot: 1, territory: 'COM:93001', hours: 600, preference: 'PRIMARY' },
    { org: 'a', lot: 1, territory: 'COM:93005', hours: 200, preference: 'SECONDARY' },
    { org: 'b', lot: 1, territory: 'COM:93001', hours: 500, preference: 'PRIMARY' },
    { org: 'b', lot: 2, territory: 'COM:93008', hours: 300, preference: 'PRIMARY' },
    { org: 'c', lot: 2, territory: 'COM:93008', hours: 100, preference: 'PRIMARY' },
  ],
  limits: [
    { org: 'a', maxHours: 700, maxRevenueCents: null },
    { org: 'c', maxHours: 50, maxRevenueCents: 100 },
  ],
  signedLines: [
    { org: 'a', lot: 1, territory: 'COM:93001', hours: 550.5 },
    { org: 'a', lot: 1, territory: 'COM:93005', hours: 200 },
    { org: 'b', lot: 1, territory: 'COM:93001', hours: 449.5 },
    { org: 'b', lot: 2, territory: 'COM:93008', hours: 200 },
    { org: 'c', lot: 2, territory: 'COM:93008', hours: 100 },
  ],
  realised: [],
  periodMonths: new Map([[1, 1]]),
  charterVersion: 2,
};

describe('renewal carry-over', () => {
  it('lists the lots carried (amount changes in cents), added and removed', () => {
    const carry = renewalCarryOver(base);
    expect(
      carry.lots.carried.map((lot) => [lot.number, lot.matchedBy, lot.amountChangeCents]),
    ).toEqual([
      [1, 'SAME_TITLE', 10_000_00],
      [2, 'SAME_TITLE', 0],
    ]);
    expect(carry.lots.added).toEqual([
      { number: 3, title: 'Blanchisserie', amountCents: 5_000_00 },
    ]);
    expect(carry.lots.removed).toEqual([]);
  });

  it('lists the cells removed, added and whose demand changed', () => {
    const carry = renewalCarryOver(base);
    expect(carry.cells.removed).toEqual([{ lot: 1, territory: 'COM:93005', demandHours: 500 }]);
    expect(carry.cells.added).toEqual([
      { lot: 1, territory: 'COM:93010', demandHours: 300 },
      { lot: 3, territory: 'COM:93008', demandHours: 100 },
    ]);
    expect(carry.cells.demandChanged).toEqual([
      { lot: 1, territory: 'COM:93001', previousDemandHours: 1000, demandHours: 1200 },
    ]);
  });

  it('leaves out a member who left, declined or only subcontracted, and says where each charter stands', () => {
    const carry = renewalCarryOver(base);
    expect(carry.members.carried.map((m) => [m.key, m.charter])).toEqual([
      ['a', 'ACCEPTED'],
      ['b', 'TO_ACCEPT_AGAIN'],
    ]);
    expect(carry.members.leftOut).toEqual([
      { key: 'c', legalName: 'C', reason: 'WITHDRAWN' },
      { key: 's', legalName: 'S', reason: 'SUBCONTRACTOR' },
    ]);
    expect(carry.limits).toEqual([{ org: 'a', maxHours: 700, maxRevenueCents: null }]);
    expect(renewalCarryOver({ ...base, charterVersion: null }).members.carried[0]?.charter).toBe(
      'NO_CHARTER',
    );
  });

  it('drops the offers on a removed cell or of a member who left, and carries the others', () => {
    const carry = renewalCarryOver(base);
    expect(carry.offers.dropped).toEqual([
      { org: 'a', lot: 1, territory: 'COM:93005', hours: 200, reason: 'CELL_REMOVED' },
      { org: 'c', lot: 2, territory: 'COM:93008', hours: 100, reason: 'MEMBER_LEFT' },
    ]);
    expect(carry.offers.carried.map((o) => [o.org, o.lot, o.territory, o.hours, o.source])).toEqual(
      [
        ['a', 1, 'COM:93001', 600, 'OFFER'],
        ['b', 1, 'COM:93001', 500, 'OFFER'],
        ['b', 2, 'COM:93008', 300, 'OFFER'],
      ],
    );
  });

  it('drops the offers of a lot the new tender no longer has', () => {
    const carry = renewalCarryOver({
      ...base,
      nextLots: base.nextLots.filter((lot) => lot.number !== 2),
    });
    expect(carry.lots.removed).toEqual([
      { number: 2, title: 'Espaces verts', amountCents: 30_000_01 },
    ]);
    expect(carry.offers.dropped).toContainEqual({
      org: 'b',
      lot: 2,
      territory: 'COM:93008',
      hours: 300,
      reason: 'LOT_REMOVED',
    });
  });

  it('proposes the hours realised over the last 12 months where they were declared', () => {
    const realised = Array.from({ length: 14 }, (_, index) => ({
      org: 'a',
      lot: 1,
      territory: 'COM:93001',
      period: index + 1,
      // Periods 1 and 2 are older than 12 months before the last one (14).
      hours: index < 2 ? 1000 : 40.25,
    }));
    const carry = renewalCarryOver({ ...base, realised });
    const offer = carry.offers.carried.find((o) => o.org === 'a' && o.lot === 1);
    expect(offer).toMatchObject({ hours: 483, source: 'REALISED', previousHours: 600 });
  });

  it('counts the last 12 months in quarters when the contract is quarterly', () => {
    const realised = [1, 2, 3, 4, 5].map((period) => ({
      org: 'b',
      lot: 2,
      territory: 'COM:93008',
      period,
      hours: period,
    }));
    const sums = recentRealisedHundredths(realised, new Map([[2, 3]]));
    expect(sums.get('b\u00002\u0000COM:93008')).toBe((2 + 3 + 4 + 5) * 100);
  });

  it('carries the signed split onto the remaining cells, the new amount split to the cent', () => {
    const carry = renewalCarryOver(base);
    const lot1 = carry.split.find((lot) => lot.lot === 1);
    expect(lot1?.lines.map((line) => [line.org, line.territory, line.hours])).toEqual([
      ['a', 'COM:93001', 550.5],
      ['b', 'COM:93001', 449.5],
    ]);
    // 1,500 hours asked, 1,000 carried: 500 hours are nobody's yet.
    expect(lot1?.unassignedHours).toBe(500);
    expect(lot1?.lines.map((line) => line.amountCents)).toEqual([40_370_00, 32_963_33]);
    expect(lot1?.unassignedCents).toBe(36_666_67);
    for (const lot of carry.split) {
      const sum = lot.lines.reduce((total, line) => total + line.amountCents, lot.unassignedCents);
      expect(sum).toBe(lot.amountCents);
    }
  });

  it('adds up to the cent for any amounts and hours', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_000 }),
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (amountCents, hours, demand) => {
          const territories = hours.map((_, index) => `COM:930${String(index).padStart(2, '0')}`);
          const lot: RenewalLot = {
            number: 1,
            title: 'Lot',
            amountCents,
            cells: territories.map((territory) => ({ territory, demandHours: demand / 100 })),
          };
          const carry = renewalCarryOver({
            ...base,
            previousLots: [lot],
            nextLots: [lot],
            signedLines: hours.map((value, index) => ({
              org: 'a',
              lot: 1,
              territory: territories[index] ?? '',
              hours: value / 100,
            })),
          });
          const [split] = carry.split;
          const sum = (split?.lines ?? []).reduce(
            (total, line) => total + line.amountCents,
            split?.unassignedCents ?? 0,
          );
          expect(sum).toBe(amountCents);
        },
      ),
    );
  });

  it('pairs lots by title first, then by number', () => {
    const matches = matchRenewalLots(previousLots, [
      { number: 2, title: 'nettoyage des collèges', amountCents: 1, cells: [] },
      { number: 1, title: 'Autre chose', amountCents: 1, cells: [] },
    ]);
    expect(matches.get(2)?.lot.number).toBe(1);
    expect(matches.get(2)?.by).toBe('SAME_TITLE');
    expect(matches.get(1)).toBeUndefined();
  });
});

describe('a carried member’s proposed offers', () => {
  const cellsOf = (lots: readonly RenewalLot[]) =>
    lots.flatMap((lot) =>
      lot.cells.map((cell) => ({ lot: lot.number, territory: cell.territory })),
    );

  it('proposes its carried offers and caps, and lists the dropped ones with their lot', () => {
    const carry = renewalCarryOver(base);
    expect(memberCarriedOffers(carry, 'a', cellsOf(base.nextLots))).toEqual({
      offers: [
        {
          org: 'a',
          lot: 1,
          territory: 'COM:93001',
          hours: 600,
          preference: 'PRIMARY',
          source: 'OFFER',
          previousHours: 600,
        },
      ],
      dropped: [
        {
          lot: 1,
          lotTitle: 'Nettoyage des collèges',
          territory: 'COM:93005',
          hours: 200,
          reason: 'CELL_REMOVED',
        },
      ],
      limits: { maxHours: 700, maxRevenueCents: null },
    });
    // Another member's offers are none of its own; b had no caps.
    expect(memberCarriedOffers(carry, 'b', cellsOf(base.nextLots))).toMatchObject({
      offers: [
        { org: 'b', lot: 1, territory: 'COM:93001', hours: 500 },
        { org: 'b', lot: 2, territory: 'COM:93008', hours: 300 },
      ],
      dropped: [],
      limits: null,
    });
  });

  it('drops what a corrigendum removed since the renewal, named by the previous tender’s lot', () => {
    // The previous lot 2 comes back as lot 4, with b's realised hours proposed on it.
    const nextLots = base.nextLots.map((lot) => (lot.number === 2 ? { ...lot, number: 4 } : lot));
    const carry = renewalCarryOver({
      ...base,
      nextLots,
      realised: [{ org: 'b', lot: 2, territory: 'COM:93008', period: 1, hours: 250.5 }],
    });
    expect(carry.offers.carried).toContainEqual(
      expect.objectContaining({ org: 'b', lot: 4, hours: 250.5, source: 'REALISED' }),
    );
    // Then lot 4 and lot 1's COM:93001 are removed from the bid.
    const now = cellsOf(nextLots).filter(
      (cell) => cell.lot !== 4 && !(cell.lot === 1 && cell.territory === 'COM:93001'),
    );
    expect(memberCarriedOffers(carry, 'b', now)).toEqual({
      offers: [],
      dropped: [
        {
          lot: 1,
          lotTitle: 'Nettoyage des collèges',
          territory: 'COM:93001',
          hours: 500,
          reason: 'CELL_REMOVED',
        },
        {
          lot: 2,
          lotTitle: 'Espaces verts',
          territory: 'COM:93008',
          hours: 300,
          reason: 'LOT_REMOVED',
        },
      ],
      limits: null,
    });
  });

  it('names a lot the renewal removed by its previous title', () => {
    const nextLots = base.nextLots.filter((lot) => lot.number !== 2);
    const carry = renewalCarryOver({ ...base, nextLots });
    expect(memberCarriedOffers(carry, 'b', cellsOf(nextLots)).dropped).toEqual([
      {
        lot: 2,
        lotTitle: 'Espaces verts',
        territory: 'COM:93008',
        hours: 300,
        reason: 'LOT_REMOVED',
      },
    ]);
  });

  it('proposes nothing to a member the renewal left out, nor to one it never knew', () => {
    const carry = renewalCarryOver(base);
    const empty = { offers: [], dropped: [], limits: null };
    expect(memberCarriedOffers(carry, 'c', cellsOf(base.nextLots))).toEqual(empty);
    expect(memberCarriedOffers(carry, 's', cellsOf(base.nextLots))).toEqual(empty);
    expect(memberCarriedOffers(carry, 'new-member', cellsOf(base.nextLots))).toEqual(empty);
  });
});
