import { replanAmendmentCells, replanAmendmentTerms } from './replan-amendment';

const line = (org: string | null, period: number, amountCents: number) => ({
  org,
  lot: 1,
  territory: '93',
  period,
  hundredths: 100,
  amountCents,
  insertionHours: 0,
});

describe('the terms of a re-plan amendment', () => {
  it('gives each member its amount from the first re-planned period, before and after, to the cent', () => {
    const terms = replanAmendmentTerms(
      2,
      7,
      [line('org-002', 6, 999_999), line('org-002', 7, 100_001), line('org-001', 8, 50)],
      [line('org-001', 7, 60_000), line('org-001', 8, 40_051), line(null, 7, 123)],
    );
    expect(terms.shares).toEqual([
      { org: 'org-001', beforeCents: 50, afterCents: 100_051 },
      { org: 'org-002', beforeCents: 100_001, afterCents: 0 },
    ]);
    expect([terms.beforeCents, terms.afterCents]).toEqual([100_051, 100_051]);
    expect(terms.paragraphs[0]).toContain('à partir de la période 7');
    expect(terms.paragraphs[1]).toBe('org-001 : 0,50\u00a0€ avant, 1\u202f000,51\u00a0€ après.');
  });

  it('sums the re-plan per lot, member and territory from its first period, the uncovered part last', () => {
    const cells = replanAmendmentCells(7, [
      line(null, 7, 5),
      line('org-002', 7, 10),
      line('org-001', 6, 999),
      line('org-001', 7, 1),
      line('org-001', 8, 2),
      { ...line('org-001', 9, 4), territory: '75', insertionHours: 3 },
    ]);
    expect(
      cells.map((cell) => [cell.org, cell.territory, cell.hundredths, cell.amountCents]),
    ).toEqual([
      ['org-001', '75', 100, 4],
      ['org-001', '93', 200, 3],
      ['org-002', '93', 100, 10],
      [null, '93', 100, 5],
    ]);
    expect(cells[0]?.insertionHours).toBe(3);
  });
});
