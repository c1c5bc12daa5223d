import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { at } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import { SmtpSink } from '@cordage/testing';
import { signIn } from '../e2e/support/actors';
import { moveBid } from '../e2e/support/bid-state';
import { importExampleBid } from '../e2e/support/example-bid';
import { pollJob } from '../e2e/support/harness';
import { screenshot } from './support/browser';
import {
  accessibilityLog,
  expectVisible,
  horizontalOverflow,
  signedInPage,
  webSystemForTests,
} from './support/web-system';

jest.setTimeout(600_000);

const COORDINATOR = 'coordination@reseau-avenants.test';
/** The four parties of the signed convention; the last one leaves. */
const PARTIES = ['org-001', 'org-002', 'org-003', 'org-004'] as const;
const LEAVING = 'Envol Bâtiment';

interface Party {
  key: string;
  memberId: string;
  email: string;
  userId: string;
  legalName: string;
}

/**
 * After the signature, in Chromium: the coordinator opens a change request (a member can no
 * longer perform), computes the split among the remaining members and puts it to their vote; each
 * remaining member approves in the app; the coordinator generates the amendment and the letter to
 * the buyer, downloads the letter and opens the amendment's signature; each member signs it with
 * the code received by mail; the request closes at the last signature. The other steps of the
 * coordinator's journey are driven by journey.browser-spec.ts (clauses with their preview, the
 * decision rule, decimal commas, the member's own PKCS#12 certificate, signatures),
 * corrigendum.browser-spec.ts, allocation-move.browser-spec.ts and member-reminders.browser-spec.ts.
 */
describe('The coordinator’s journey after the signature: a member leaves by a signed amendment, in Chromium', () => {
  const smtp = new SmtpSink();
  beforeAll(async () => {
    process.env.MAIL_MODE = 'smtp';
    process.env.MAIL_SMTP_URL = await smtp.start();
  });
  afterAll(async () => {
    await smtp.stop();
    delete process.env.MAIL_MODE;
    delete process.env.MAIL_SMTP_URL;
  });
  const system = webSystemForTests();
  const a11y = accessibilityLog();

  /** The example bid, signed by four parties (the ten others declined), each with its person. */
  async function signedBid(networkId: string): Promise<{ bidId: string; parties: Party[] }> {
    const { dataSource, persistence } = system;
    const access = persistence.get(AccessRepository);
    const bidId = await importExampleBid(persistence, networkId);
    await dataSource.query(
      `UPDATE members SET status = CASE WHEN key = ANY($2) THEN 'SIGNED' ELSE 'DECLINED' END
        WHERE bid_id = $1 AND role = 'COTRAITANT'`,
      [bidId, PARTIES],
    );
    const rows = await dataSource.query<
      { key: string; id: string; organisation_id: string; legal_name: string }[]
    >(
      `SELECT m.key, m.id, m.organisation_id, o.legal_name FROM members m
         JOIN organisations o ON o.id = m.organisation_id
        WHERE m.bid_id = $1 AND m.key = ANY($2) ORDER BY m.key`,
      [bidId, PARTIES],
    );
    const parties: Party[] = [];
    for (const row of rows) {
      const email = `direction@${row.key}.test`;
      const user = await access.ensureUser(email, `Direction de ${row.legal_name}`);
      await access.grant(user.id, 'EDITOR', { organisationId: row.organisation_id });
      await access.grant(user.id, 'SIGNATORY', { organisationId: row.organisation_id });
      parties.push({
        key: row.key,
        memberId: row.id,
        email,
        userId: user.id,
        legalName: row.legal_name,
      });
    }
    // The split the four signed: version 1, computed by the worker as the coordinator asks it.
    await moveBid(dataSource, bidId, 'ALLOCATING');
    const calculation = await signIn(system.api, dataSource, 'calcul@reseau-avenants.test', [
      { role: 'COORDINATOR', networkId },
    ]);
    const run = await calculation.post(`/api/bids/${bidId}/allocations`).expect(202);
    expect((await pollJob(calculation, run.body.jobId)).last.state).toBe('completed');
    await moveBid(dataSource, bidId, 'SIGNED', 1);
    return { bidId, parties };
  }

  /** axe-core's verdict and a screenshot of the page as it is now. */
  async function checked(page: Page, step: string): Promise<void> {
    await a11y.check(page, step);
    await screenshot(page, `modification-${step}`);
    expect(await horizontalOverflow(page)).toBe(0);
  }

  it('opens a change request, puts the new split to the vote, and has its amendment signed by every remaining member', async () => {
    const { dataSource, persistence } = system;
    const access = persistence.get(AccessRepository);
    const networkId = await access.ensureNetwork('Réseau des avenants');
    const coordinator = await access.ensureUser(COORDINATOR, 'Camille Martin');
    await access.grant(coordinator.id, 'COORDINATOR', { networkId });
    const { bidId, parties } = await signedBid(networkId);
    const leaving = at(
      parties.filter((party) => party.legalName === LEAVING),
      0,
    );
    const remaining = parties.filter((party) => party !== leaving);
    const changePage = `/candidatures/${bidId}/modifications`;

    // The coordinator opens the request: who leaves, why, what happened.
    const page = await signedInPage(
      system,
      { email: COORDINATOR, userId: coordinator.id },
      changePage,
    );
    await page.getByRole('heading', { name: 'Modifications du groupement' }).waitFor();
    await page.getByRole('button', { name: 'Ouvrir la demande' }).click();
    await expectVisible(page, 'Choisissez le membre qui quitte.');
    await checked(page, 'formulaire');
    await page.getByLabel(/^Membre qui quitte le groupement/).selectOption({ label: LEAVING });
    await page
      .getByLabel(/^Motif/)
      .selectOption({ label: 'Le membre ne peut plus exécuter sa part' });
    await page
      .getByLabel(/^Ce qui s’est passé/)
      .fill('Placée en liquidation judiciaire le 3 mars : elle ne peut plus exécuter sa part.');
    await page.getByRole('button', { name: 'Ouvrir la demande' }).click();
    await page
      .getByRole('heading', { name: `Avenant n° 1 : ${LEAVING} quitte le groupement` })
      .waitFor();
    await expectVisible(page, 'Nouvelle répartition à calculer');
    await checked(page, 'ouverte');

    // The split among the remaining members, computed and put to their vote.
    await page.getByRole('link', { name: 'calculer la nouvelle répartition' }).click();
    await page.getByRole('button', { name: 'Lancer la répartition' }).click();
    await expectVisible(page, 'Répartition terminée : la version 2 a été créée.', {
      timeout: 120_000,
    });
    await page.getByRole('button', { name: 'Soumettre au vote' }).click();
    await expectVisible(page, 'La version 2 est soumise au vote des membres.');
    await page.goto(changePage);
    await expectVisible(page, 'Vote des membres restants');
    await checked(page, 'vote-coordination');

    // Each remaining member approves from the app, the last one on a phone.
    for (const [index, party] of remaining.entries()) {
      const phone = index === remaining.length - 1;
      const partner = await signedInPage(
        system,
        { email: party.email, userId: party.userId },
        changePage,
        phone ? 'phone' : 'laptop',
      );
      await partner.getByRole('button', { name: 'J’approuve' }).click();
      await expectVisible(partner, /Votre vote est enregistré|Vote enregistré/);
      if (index === 0) await checked(partner, 'vote-membre');
      if (phone) await checked(partner, 'vote-membre-telephone');
      await partner.context().close();
    }

    // The coordinator generates the amendment and the letter to the buyer, downloads the letter,
    // and opens the amendment's signature.
    await page.reload();
    await page.getByRole('button', { name: 'Générer l’avenant et la lettre à l’acheteur' }).click();
    await page
      .getByRole('button', { name: 'Ouvrir la signature de l’avenant' })
      .waitFor({ timeout: 120_000 });
    await checked(page, 'avenant-genere');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^Télécharger Lettre à l’acheteur version 1/ }).click(),
    ]);
    const letter = await download.path();
    expect(readFileSync(letter).subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByRole('button', { name: 'Ouvrir la signature de l’avenant' }).click();
    await expectVisible(page, 'Avenant en signature');

    // Each remaining member's signatory signs the amendment with the code received by mail.
    for (const [index, party] of remaining.entries()) {
      const phone = index === remaining.length - 1;
      const signer = await signedInPage(
        system,
        { email: party.email, userId: party.userId },
        changePage,
        phone ? 'phone' : 'laptop',
      );
      await signer.getByRole('button', { name: 'Recevoir mon code de signature' }).click();
      await signer.getByLabel(/^Code reçu par mail/).fill(await smtp.lastCode(party.email));
      await signer.getByRole('button', { name: 'Signer l’avenant' }).click();
      await expectVisible(signer, /^Avenant signé$/, { timeout: 60_000 });
      if (index === 0) await checked(signer, 'signature-membre');
      if (phone) await checked(signer, 'signature-membre-telephone');
      await signer.context().close();
    }

    // The last signature closed the request: the member has left, the letter stays to download.
    await page.reload();
    await expectVisible(page, 'Close : avenant signé', { timeout: 30_000 });
    await expectVisible(page, /^Tous les membres restants ont signé l’avenant n° 1/);
    await page.getByRole('link', { name: 'Télécharger la lettre à l’acheteur (PDF)' }).waitFor();
    await page.getByRole('link', { name: 'Télécharger l’avenant signé (PDF)' }).waitFor();
    await checked(page, 'close');
    const closed = await dataSource.query<{ status: string; member: string }[]>(
      `SELECT c.status, m.status AS member FROM change_requests c
         JOIN members m ON m.id = c.member_id WHERE c.bid_id = $1`,
      [bidId],
    );
    expect(closed).toEqual([{ status: 'CLOSED', member: 'WITHDRAWN' }]);

    // Every page seen along the way passes axe-core's WCAG 2.1 AA checks.
    expect(a11y.violations).toEqual({});
  });
});
