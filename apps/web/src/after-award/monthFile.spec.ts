import { describe, expect, it } from '@jest/globals';
import { parseMonthFile } from './monthFile';

const HEADER = 'membre;lot;territoire;heures;chiffre_affaires;heures_insertion;personnes_insertion';

describe('the month’s file, as the coordinator uploads it', () => {
  it('reads French numbers, a byte-order mark, Windows line ends and blank lines', () => {
    const text = `\uFEFF${HEADER}\r\norg-001;1;COM:93066;151,67;4 250,50;35,5;2\r\n\r\norg-002;1;COM:93001;;;;\r\n`;
    expect(parseMonthFile(text)).toEqual({
      lines: [
        {
          member: 'org-001',
          lot: 1,
          territory: 'COM:93066',
          hours: 151.67,
          revenueCents: 425_050,
          insertionHours: 35.5,
          insertionPeople: 2,
        },
        {
          member: 'org-002',
          lot: 1,
          territory: 'COM:93001',
          hours: 0,
          revenueCents: 0,
          insertionHours: 0,
          insertionPeople: 0,
        },
      ],
      problems: [],
    });
  });

  it('names the line and column of each unreadable value, and the missing columns', () => {
    const text = `${HEADER}\norg-001;1;COM:93066;1,234;-12,50;x;1,5\n;1;;1;1;1;1`;
    expect(parseMonthFile(text).problems.map((p) => [p.line, p.column])).toEqual([
      [2, 'heures'],
      [2, 'chiffre_affaires'],
      [2, 'heures_insertion'],
      [2, 'personnes_insertion'],
      [3, 'membre'],
      [3, 'territoire'],
    ]);
    expect(parseMonthFile('membre;lot\norg-001;1').problems[0]?.message).toMatch(
      /colonnes manquantes.*territoire, heures/,
    );
    expect(parseMonthFile(`${HEADER}\n`).problems[0]?.message).toMatch(/aucune ligne/);
  });
});
