import { permilleOf, splitSummary, splitVersionStatus } from './split-summary';

describe('the one-page summary of a split', () => {
  const summary = splitSummary({
    versionNumber: 3,
    status: 'PROPOSED',
    lots: [
      { number: 2, title: 'Lot 2' },
      { number: 1, title: 'Lot 1' },
    ],
    names: new Map([
      ['org-b', 'Bâtisseurs'],
      ['org-a', 'Atelier'],
    ]),
    result: {
      members: [
        {
          org: 'org-a',
          lot: 1,
          hours: 10,
          amountCents: 33_333,
          sharePermille: 333.33,
          insertionHours: 0,
        },
        {
          org: 'org-b',
          lot: 1,
          hours: 20,
          amountCents: 66_667,
          sharePermille: 666.67,
          insertionHours: 0,
        },
        {
          org: 'org-b',
          lot: 2,
          hours: 5,
          amountCents: 10_001,
          sharePermille: 1000,
          insertionHours: 0,
        },
        { org: 'org-c', lot: 2, hours: 0, amountCents: 0, sharePermille: 0, insertionHours: 0 },
      ],
      uncovered: [{ lot: 2, territory: 'COM:93066', hours: 1, amountCents: 99, insertionHours: 0 }],
    },
  });

  it('adds every total up from its lines, to the cent', () => {
    expect(summary.lots).toEqual([
      { number: 1, title: 'Lot 1', uncoveredCents: 0, totalCents: 100_000 },
      { number: 2, title: 'Lot 2', uncoveredCents: 99, totalCents: 10_100 },
    ]);
    expect(summary.totalCents).toBe(110_100);
    const membersTotal = summary.members.reduce((sum, m) => sum + m.total.amountCents, 0);
    expect(membersTotal + summary.uncoveredCents).toBe(summary.totalCents);
  });

  it('names the members in alphabetical order, without those who get nothing', () => {
    expect(summary.members.map((member) => member.name)).toEqual(['Atelier', 'Bâtisseurs']);
    expect(summary.members[1]?.total).toEqual({
      amountCents: 76_668,
      sharePermille: permilleOf(76_668, 110_100),
    });
    expect(summary.members[1]?.lots.get(2)).toEqual({ amountCents: 10_001, sharePermille: 1000 });
  });

  it('says whether the version is put to the vote or approved', () => {
    const bid = { proposedVersionId: 'v2', agreedVersionId: 'v1' };
    expect(splitVersionStatus('v1', bid)).toBe('APPROVED');
    expect(splitVersionStatus('v2', bid)).toBe('PROPOSED');
    expect(splitVersionStatus('v3', bid)).toBe('NOT_PROPOSED');
  });
});
