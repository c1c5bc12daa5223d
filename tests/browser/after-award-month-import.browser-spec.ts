import type { ComparisonLine } from '../e2e/support/after-award';
import { contractUnderWay } from '../e2e/support/after-award';
import { screenshot } from './support/browser';
import {
  expectVisible,
  horizontalOverflow,
  signedInPage,
  webSystemWithBid,
} from './support/web-system';

const COORDINATOR = 'coordination@reseau-import-mois.test';

describe('After the award in Chromium: the coordinator imports a month for every member from a phone', () => {
  const { system, a11y, bid } = webSystemWithBid(
    (started) =>
      contractUnderWay(started, {
        network: 'Réseau import du mois',
        coordinatorEmail: COORDINATOR,
      }),
    180_000,
  );

  it('refuses a file with a bad line, showing its line and column, then imports the month', async () => {
    const { bidId, coordinator } = bid();
    // The page opens on the last month over: period 6 of lot 1's contract.
    const period = 6;
    const planned = (
      (await coordinator.get(`/api/bids/${bidId}/realised?lot=1`).expect(200)).body
        .lines as ComparisonLine[]
    ).filter((line) => line.period === period && line.member !== null && line.plannedCents > 0);
    const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
    const rows = planned.map(
      (line) =>
        `${line.member};1;${line.territory};${(line.plannedHundredths / 100).toFixed(2).replace('.', ',')};` +
        `${euros(line.plannedCents)};${line.plannedInsertionHours};1`,
    );
    const file = (lines: readonly string[]) => ({
      name: 'realise-du-mois.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          'membre;lot;territoire;heures;chiffre_affaires;heures_insertion;personnes_insertion',
          ...lines,
        ].join('\r\n'),
      ),
    });

    const phone = await signedInPage(
      system,
      { email: COORDINATOR, userId: coordinator.userId },
      `/candidatures/${bidId}/realise`,
      'phone',
    );
    await phone.getByRole('heading', { name: /^Importer le mois pour tous les membres/ }).waitFor();
    await a11y.check(phone, 'import-du-mois');

    // A negative amount is refused before anything is sent, with its line and column.
    const negative = rows.map((row, index) =>
      index === 0 ? row.replace(/;([\d,]+);(\d+);1$/, ';-12,50;$2;1') : row,
    );
    await phone.locator('input[type="file"]').setInputFiles(file(negative));
    await phone.getByRole('button', { name: 'Importer le mois' }).click();
    const errors = phone.getByRole('table', { name: 'Erreurs du fichier' });
    await errors.waitFor();
    const cellsOf = async (row: number) =>
      errors.getByRole('row').nth(row).getByRole('cell').allInnerTexts();
    expect((await cellsOf(1)).slice(0, 2)).toEqual(['2', 'chiffre_affaires']);

    // A member unknown to the bid on the second line of figures (line 3 of the file): the api
    // refuses the whole month and the page shows where.
    const unknown = rows.map((row, index) =>
      index === 1 ? row.replace(/^[^;]+/, 'org-inconnu') : row,
    );
    await phone.locator('input[type="file"]').setInputFiles(file(unknown));
    await phone.getByRole('button', { name: 'Importer le mois' }).click();
    await expectVisible(phone, 'Rien n’a été importé');
    await expectVisible(phone, /Aucun membre « org-inconnu » dans cette candidature/);
    expect((await cellsOf(1)).slice(0, 2)).toEqual(['3', 'membre']);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await a11y.check(phone, 'import-du-mois-refuse');
    await screenshot(phone, 'import-du-mois-refuse');
    const [none] = await system.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM realised_entries WHERE bid_id = $1`,
      [bidId],
    );
    expect(none?.n).toBe(0);

    // The corrected file: every line recorded, for the members' account.
    await phone.locator('input[type="file"]').setInputFiles(file(rows));
    await phone.getByRole('button', { name: 'Importer le mois' }).click();
    const members = new Set(planned.map((line) => line.member)).size;
    await expectVisible(phone, 'Mois importé');
    await expectVisible(phone, new RegExp(`${rows.length} lignes pour ${members} membres`));
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await a11y.check(phone, 'import-du-mois-fait');
    await screenshot(phone, 'import-du-mois-fait');
    const [written] = await system.dataSource.query<{ n: number; onBehalf: number }[]>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE on_behalf)::int AS "onBehalf"
       FROM realised_entries WHERE bid_id = $1 AND period_number = $2`,
      [bidId, period],
    );
    expect(written).toEqual({ n: rows.length, onBehalf: rows.length });

    expect(a11y.violations).toEqual({});
  }, 300_000);
});
