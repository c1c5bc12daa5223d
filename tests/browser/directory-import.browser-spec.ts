import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DIRECTORY_COLUMNS } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import { siretFor } from '@cordage/testing';
import { screenshot } from './support/browser';
import {
  accessibilityLog,
  expectVisible,
  horizontalOverflow,
  signedInPage,
  webSystemForTests,
} from './support/web-system';

const COORDINATOR = 'coordination@reseau-annuaire.test';

type Line = Partial<Record<(typeof DIRECTORY_COLUMNS)[number]['key'], string | number>>;

/** A workshop of the members' file, as a network's office would type it. */
function workshop(index: number): Line {
  return {
    idScheme: 'SIRET',
    id: siretFor(78, index),
    legalName: `Atelier de l’annuaire ${index}`,
    kind: 'ESAT',
    legalForm: 'ASSOCIATION_LOI_1901',
    address: `${index} rue des Ateliers, 93200 Saint-Denis`,
    staff: 20 + index,
    territories: 'DEP:93',
    contactName: `Contact ${index}`,
    contactEmail: `contact@annuaire-${index}.test`,
    representativeName: `Directrice ${index}`,
    representativeTitle: 'directrice',
    representativeEmail: `direction@annuaire-${index}.test`,
  };
}

/** The file French Excel writes: semicolons, quoted fields, a byte-order mark. */
function membersCsv(name: string, lines: readonly Line[]): string {
  const quoted = (value: string | number | undefined) =>
    value === undefined ? '' : `"${String(value).replace(/"/g, '""')}"`;
  const text = [
    DIRECTORY_COLUMNS.map((column) => column.header).join(';'),
    ...lines.map((line) => DIRECTORY_COLUMNS.map((column) => quoted(line[column.key])).join(';')),
  ].join('\r\n');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'annuaire-')), `${name}.csv`);
  writeFileSync(file, `\uFEFF${text}\r\n`);
  return file;
}

describe('The coordinator imports the network’s members into its directory, in Chromium', () => {
  const system = webSystemForTests({ worker: false });
  const a11y = accessibilityLog();

  it('downloads the template, sees a wrong file refused line by line, then imports the right one', async () => {
    const access = system.persistence.get(AccessRepository);
    const networkId = await access.ensureNetwork('Réseau de l’annuaire');
    const user = await access.ensureUser(COORDINATOR, 'Coordination');
    await access.grant(user.id, 'COORDINATOR', { networkId });
    for (const screen of ['laptop', 'phone'] as const) {
      const page = await signedInPage(
        system,
        { email: COORDINATOR, userId: user.id },
        `/reseaux/${networkId}/annuaire`,
        screen,
      );
      await page.getByRole('heading', { name: 'Importer les membres du réseau' }).waitFor();
      await a11y.check(page, `annuaire-import-${screen}`);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      if (screen === 'phone') {
        await screenshot(page, 'annuaire-import-telephone');
        continue;
      }

      // The template is there to download, as the workbook the import reads.
      const template = page.getByRole('link', { name: /^Télécharger le modèle/ });
      const answer = await page.request.get(
        new URL((await template.getAttribute('href')) ?? '', system.baseUrl).toString(),
      );
      expect(answer.status()).toBe(200);
      expect(answer.headers()['content-type']).toContain('spreadsheetml');

      // A wrong line: nothing imported, the mistake shown at its line and column.
      const wrong = { ...workshop(2), id: '12345678901234' };
      await page
        .locator('input[type="file"]')
        .setInputFiles(membersCsv('annuaire-faux', [workshop(1), wrong]));
      await page.getByRole('button', { name: 'Importer' }).click();
      await expectVisible(page, 'Rien n’a été importé');
      const errors = page.getByRole('table', { name: 'Erreurs du fichier' });
      await errors
        .getByRole('cell', { name: /^ligne 3, colonne/ })
        .first()
        .waitFor();
      await a11y.check(page, 'annuaire-import-refuse');
      await screenshot(page, 'annuaire-import-refuse');
      expect(
        await system.dataSource.query(
          'SELECT count(*)::int AS n FROM network_organisations WHERE network_id = $1',
          [networkId],
        ),
      ).toEqual([{ n: 0 }]);

      // The corrected file: both imported, and listed.
      await page
        .locator('input[type="file"]')
        .setInputFiles(membersCsv('annuaire-juste', [workshop(1), workshop(2)]));
      await page.getByRole('button', { name: 'Importer' }).click();
      await expectVisible(page, /2 organisations importées/);
      await expectVisible(page, 'Atelier de l’annuaire 2');
      await a11y.check(page, 'annuaire-import-reussi');
      await screenshot(page, 'annuaire-import-reussi');
    }
    expect(a11y.violations).toEqual({});
  }, 300_000);
});
