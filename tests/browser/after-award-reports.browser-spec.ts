import type { Page } from 'playwright-core';
import { statSync } from 'node:fs';
import path from 'node:path';
import { required } from '@cordage/domain';
import { contractUnderWay, monthsAgo } from '../e2e/support/after-award';
import { memberByKey } from '../e2e/support/system';
import { ARTIFACTS_DIR, screenshot } from './support/browser';
import {
  expectVisible as expectText,
  horizontalOverflow,
  memberEditorPerson,
  signedInPage,
  webSystemWithBid,
} from './support/web-system';

const COORDINATOR = 'coordination@reseau-rapports.test';
const APPROVER = 'direction@membre-rapports.test';

describe('After the award in Chromium: reminders, the insertion report, a re-plan, the evaluation approved', () => {
  // An awarded bid with lots 1, 2 and 4 won, their twelve-month contracts started six months
  // ago, and one member's first month on lot 1 declared (by the coordinator on its behalf).
  const { system, a11y, bid } = webSystemWithBid(async (webSystem) => {
    const started = await contractUnderWay(
      webSystem,
      { network: 'Réseau rapports', coordinatorEmail: COORDINATOR },
      [1, 2, 4],
    );
    const { bidId, coordinator } = started;
    const planned = required(
      started.lot1.find((line) => line.period === 1 && line.plannedCents > 0),
      'a planned line of lot 1',
    );
    const member = await memberByKey(webSystem.dataSource, bidId, planned.member);
    await coordinator
      .post(`/api/bids/${bidId}/members/${member.id}/realised`)
      .send({
        entries: [
          {
            lot: 1,
            territory: planned.territory,
            period: 1,
            hours: 120,
            revenueCents: planned.plannedCents,
            insertionHours: 30,
            insertionPeople: 2,
          },
        ],
      })
      .expect(200);
    return { bidId, coordinator, approverKey: planned.member };
  }, 240_000);

  /** Reports and re-plans are computed by the worker: their pages may take a minute to say so. */
  const expectVisible = (page: Page, text: string | RegExp, timeout = 60_000) =>
    expectText(page, text, { timeout, failureShot: 'rapports-ECHEC' });

  it('reminds the members that have not declared, exports the insertion report, asks a re-plan and reads it; a member approves the evaluation on its phone', async () => {
    const { bidId, coordinator, approverKey } = bid();
    const page = await signedInPage(
      system,
      { email: COORDINATOR, userId: coordinator.userId },
      `/candidatures/${bidId}/suivi`,
    );

    // Missing declarations: « Relancer » reminds each once; a second click has nothing new.
    await page.getByRole('heading', { name: 'Déclarations manquantes' }).waitFor();
    await expectVisible(page, /pas encore relancée/);
    await expectVisible(page, 'Aucune relance pour l’instant.');
    await page.getByRole('heading', { name: 'Alertes d’écart' }).waitFor();
    await expectVisible(page, 'Aucune alerte d’écart n’a été levée sur ce lot.');
    await a11y.check(page, 'declarations-manquantes');
    await screenshot(page, 'rapports-declarations-manquantes');
    await page.getByRole('button', { name: 'Relancer' }).click();
    await expectVisible(page, /Relance envoyée : \d+ structures?, \d+ mois manquants?\./);
    await expectVisible(page, /Dernière relance le /);
    await expectVisible(page, /relancée le /);
    await page.getByRole('button', { name: 'Relancer' }).click();
    await expectVisible(
      page,
      'Aucune déclaration manquante qui n’ait déjà fait l’objet d’une relance : personne à relancer.',
    );
    await a11y.check(page, 'relance-deja-faite');
    await screenshot(page, 'rapports-relance');
    const [reminders] = await system.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outgoing_mails WHERE dedupe_key LIKE 'realised-reminder:%'`,
    );
    expect(required(reminders, 'the reminders').n).toBeGreaterThan(0);

    // The insertion report of lot 1's first month: asked, followed, downloaded.
    await page.goto(`/candidatures/${bidId}/rapports`);
    await page.getByRole('heading', { name: 'Rapports', level: 2 }).waitFor();
    await page.getByRole('radio', { name: /^Rapport d’insertion/ }).check();
    await page.getByLabel('Lot', { exact: true }).selectOption('1');
    await page.getByLabel('Mois', { exact: true }).selectOption('1');
    await a11y.check(page, 'rapports-demande');
    await page.getByRole('button', { name: 'Préparer le rapport' }).click();
    await expectVisible(page, /Préparation : rapport d’insertion : terminé\./, 120_000);
    const xlsx = page.getByRole('link', { name: /^Télécharger : Tableur \(XLSX\)/ });
    await xlsx.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), xlsx.click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const saved = path.join(ARTIFACTS_DIR, `rapport-insertion-${Date.now()}.xlsx`);
    await download.saveAs(saved);
    expect(statSync(saved).size).toBeGreaterThan(1000);
    await expectVisible(page, 'Prêt');
    await a11y.check(page, 'rapports-prets');
    await screenshot(page, 'rapports-insertion');

    // A re-plan from month 7: asked, its computation followed, its lines read.
    await page.goto(`/candidatures/${bidId}/nouvelle-repartition`);
    await page.getByRole('heading', { name: 'Nouvelle répartition', level: 2 }).waitFor();
    await expectVisible(page, 'Aucune nouvelle répartition n’a été demandée.');
    await page.getByLabel('À partir du mois').selectOption('7');
    await a11y.check(page, 'nouvelle-repartition-demande');
    await page.getByRole('button', { name: 'Calculer la nouvelle répartition' }).click();
    await expectVisible(page, 'Calcul de la nouvelle répartition n° 1 : terminé.', 180_000);
    await page.getByRole('heading', { name: 'Nouvelle répartition n° 1' }).waitFor();
    await expectVisible(page, 'Calculée');
    const table = page.getByRole('table');
    await table.first().waitFor();
    expect(await table.first().getByRole('row').count()).toBeGreaterThan(1);
    await expectVisible(page, /répartis de nouveau/);
    await a11y.check(page, 'nouvelle-repartition-lue');
    await screenshot(page, 'rapports-nouvelle-repartition');
    // Put to the members' vote with a reason: the step shows, the vote as it stands below it.
    await page
      .getByLabel('Motif présenté aux membres')
      .fill('Un membre est en retard depuis mars.');
    await page.getByRole('button', { name: 'Mettre au vote des membres' }).click();
    await expectVisible(page, 'Vote en cours');
    await expectVisible(page, /En attente du vote de : /);
    await a11y.check(page, 'nouvelle-repartition-au-vote');
    const [replan] = await system.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM replans WHERE bid_id = $1`,
      [bidId],
    );
    expect(required(replan, 'the re-plans').n).toBe(1);

    // The year's evaluation: asked by the coordinator; a member approves it on its phone (the
    // transparency open, as reports give every member's figures) and everyone sees who did.
    await page.goto(`/candidatures/${bidId}/rapports`);
    await page.getByRole('radio', { name: /^Évaluation annuelle partagée/ }).check();
    await page.getByLabel('Année', { exact: true }).selectOption(monthsAgo(6).slice(0, 4));
    await page.getByRole('button', { name: 'Préparer le rapport' }).click();
    await expectVisible(page, /Préparation : évaluation annuelle partagée : terminé\./, 120_000);
    await expectVisible(page, /Approbations : 0 sur \d+ membres/);
    await coordinator.patch(`/api/bids/${bidId}`).send({ transparency: 'OPEN' }).expect(204);
    const { person: approver } = await memberEditorPerson(system, bidId, approverKey, {
      email: APPROVER,
      name: 'Direction du membre',
    });
    const phone = await signedInPage(system, approver, `/candidatures/${bidId}/rapports`, 'phone');
    await phone.getByRole('heading', { name: 'Rapports', level: 2 }).waitFor();
    // A member reads the reports, it does not ask them.
    expect(await phone.getByRole('button', { name: 'Préparer le rapport' }).count()).toBe(0);
    const approve = phone.getByRole('button', { name: /^Approuver au nom de / });
    await approve.waitFor();
    await a11y.check(phone, 'evaluation-a-approuver-telephone');
    await approve.click();
    await expectVisible(phone, /Approbations : 1 sur \d+ membres/);
    await expectVisible(phone, /(Direction du membre|direction@membre-rapports\.test), le /);
    expect(await approve.count()).toBe(0);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await a11y.check(phone, 'evaluation-approuvee-telephone');
    await screenshot(phone, 'rapports-evaluation-approuvee-telephone');
    // The coordinator sees who approved.
    await page.reload();
    await expectVisible(page, /Approbations : 1 sur \d+ membres/);
    await expectVisible(page, /(Direction du membre|direction@membre-rapports\.test), le /);

    expect(a11y.violations).toEqual({});
  }, 420_000);
});
