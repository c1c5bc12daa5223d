import { replanAmendmentTerms } from './replan-amendment';

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
});
