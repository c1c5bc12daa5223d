import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TransactionHost } from '@nestjs-cls/transactional';
import ExcelJS from 'exceljs';
import { AuditTrail } from '@cordage/application';
import { required } from '@cordage/domain';
import { scenarioTemplateWorkbook } from '@cordage/documents';
import { AccessRepository } from '@cordage/persistence';
import { importExampleBid } from '../e2e/support/example-bid';
import { screenshot } from './support/browser';
import {
  accessibilityLog,
  expectVisible,
  horizontalOverflow,
  signedInPage,
  webSystemForTests,
} from './support/web-system';

const COORDINATOR = 'coordination@reseau-mots.test';

/** The template as a coordinator would fill it wrongly: an amount in words, an English preference. */
async function wrongWorkbook(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await scenarioTemplateWorkbook(new Date())) as unknown as ArrayBuffer);
  required(workbook.getWorksheet('Lots'), 'the Lots sheet').getCell('C2').value = 'cent mille';
  required(workbook.getWorksheet('Offres'), 'the Offres sheet').getCell('E2').value = 'PRIMARY!';
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'mots-')), 'candidature.xlsx');
  writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
  return file;
}

describe('The coordinator reads the app in their own words, in Chromium (laptop and phone)', () => {
  const system = webSystemForTests({ worker: false });
  const a11y = accessibilityLog();

  it('downloads the template, reads an import error in French words, sees people named in the history, the active tab in view', async () => {
    const access = system.persistence.get(AccessRepository);
    const networkId = await access.ensureNetwork('Réseau des mots');
    const user = await access.ensureUser(COORDINATOR, 'Nadia Coordination');
    await access.grant(user.id, 'COORDINATOR', { networkId });
    const bidId = await importExampleBid(system.persistence, networkId);

    // The history as the use cases write it: the members' approval completed by a last ballot,
    // a signature applied by the worker, a step taken by the coordinator.
    const voter = await access.ensureUser('dernier-votant@org-003.test', 'Paul Dernier');
    const audit = system.persistence.get(AuditTrail);
    await system.persistence.get(TransactionHost).withTransaction(async () => {
      await audit.append(
        { userId: user.id, label: COORDINATOR, requestId: null },
        {
          action: 'bid.transition',
          entityType: 'bid',
          entityId: bidId,
          bidId,
          before: { status: 'ALLOCATING' },
          after: { status: 'PROPOSED', event: 'PROPOSE' },
        },
      );
      await audit.append(
        { userId: voter.id, label: voter.email, requestId: null },
        {
          action: 'bid.transition',
          entityType: 'bid',
          entityId: bidId,
          bidId,
          before: { status: 'PROPOSED' },
          after: {
            status: 'AGREED',
            event: 'AGREE',
            decision: { approving: 12, objecting: 2, members: 14 },
          },
        },
      );
      await audit.append(
        { userId: user.id, label: 'worker', requestId: null },
        {
          action: 'document.signed',
          entityType: 'document',
          entityId: null,
          bidId,
          after: {
            member: 'org-001',
            revision: 1,
            sha256: '0'.repeat(64),
            signer: 'Camille Martin',
            capacity: 'directrice générale',
          },
        },
      );
    });
    const workbookFile = await wrongWorkbook();

    for (const screen of ['laptop', 'phone'] as const) {
      // The new-bid page: the template to download, an import error in the reader's words.
      const page = await signedInPage(
        system,
        { email: COORDINATOR, userId: user.id },
        '/candidatures/nouvelle',
        screen,
      );
      const template = page.getByRole('link', { name: 'Télécharger le modèle à remplir (XLSX)' });
      await template.waitFor();
      const answer = await page.request.get(
        new URL(required(await template.getAttribute('href'), 'its href'), system.baseUrl).href,
      );
      expect(answer.status()).toBe(200);
      expect(answer.headers()['content-type']).toContain('spreadsheetml');
      const downloaded = new ExcelJS.Workbook();
      await downloaded.xlsx.load((await answer.body()) as unknown as ArrayBuffer);
      expect(downloaded.getWorksheet('Lots')?.getCell('C1').value).toBe('Montant HT (€)');

      await page.locator('input[type="file"]').setInputFiles(workbookFile);
      await page.getByRole('button', { name: 'Importer' }).click();
      const lots = page.getByRole('region', { name: 'Feuille « Lots »' });
      await lots.getByText('Ligne 2, colonne C « Montant HT (€) »').waitFor();
      await expectVisible(
        page,
        'Un montant en euros est attendu, comme 1 234,56 (reçu « cent mille »).',
      );
      await expectVisible(
        page,
        'L’une de ces valeurs est attendue : « Principale », « Secondaire » (reçu « PRIMARY! »).',
      );
      const shown = await page.locator('main').innerText();
      expect(shown).not.toMatch(/amountCents|preference|\(hours\)|Clé non reconnue|centimes/);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await a11y.check(page, `import-refuse-${screen}`);
      await screenshot(page, `mots-import-refuse-${screen}`);

      // The history: the approval is the members', the signature its signatory's, people named.
      await page.goto(new URL(`/candidatures/${bidId}/historique`, system.baseUrl).href);
      await expectVisible(page, 'Décision collective (12 voix pour sur 14)');
      await expectVisible(page, /Camille Martin, directrice générale/);
      await expectVisible(page, /Nadia Coordination/);
      const history = await page.locator('main').innerText();
      expect(history).not.toContain('Paul Dernier');
      expect(history).not.toContain('dernier-votant@org-003.test');
      expect(history).not.toContain(COORDINATOR);
      expect(history).not.toContain('Cordage (automatique)');

      // The active tab (the last one) is in view, on a phone too.
      const tab = page
        .getByRole('navigation', { name: 'Rubriques de la candidature' })
        .getByRole('link', { name: 'Historique' });
      await expect(tab.getAttribute('aria-current')).resolves.toBe('page');
      const box = required(await tab.boundingBox(), 'the active tab’s box');
      const width = required(page.viewportSize(), 'the viewport').width;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await a11y.check(page, `historique-${screen}`);
      await screenshot(page, `mots-historique-${screen}`);

      // The bid's own workbook, for its coordinator.
      await page.goto(new URL(`/candidatures/${bidId}`, system.baseUrl).href);
      const exported = page.getByRole('link', {
        name: 'Télécharger la candidature en classeur Excel (XLSX)',
      });
      await exported.waitFor();
      const file = await page.request.get(
        new URL(required(await exported.getAttribute('href'), 'its href'), system.baseUrl).href,
      );
      expect(file.status()).toBe(200);
      expect(file.headers()['content-disposition']).toBe(
        `attachment; filename="candidature-${bidId}.xlsx"`,
      );
      await a11y.check(page, `apercu-${screen}`);
      await page.context().close();
    }
    expect(a11y.violations).toEqual({});
  }, 300_000);
});
