import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { AccessRepository } from '@cordage/persistence';
import {
  SmtpSink,
  clearData,
  exampleScenarioFile,
  openTestPersistence,
  siretFor,
  verifyWithSharedTool,
} from '@cordage/testing';
import { type SignedIn, signIn } from '../e2e/support/actors';
import { startWorkerInProcess } from '../e2e/support/harness';
import {
  accessibilityViolations,
  launchChromium,
  personBrowser,
  screenshot,
  serveApp,
} from './support/browser';
import {
  chooseDoubleMajority,
  generateFreezeAndOpenSigning,
  removeOwnCertificate,
  setConventionClauses,
  uploadOwnCertificate,
} from './support/steps';
import { at, required } from '@cordage/domain';

const COORDINATOR = 'coordination@reseau-93.test';
const PARTNERS = [
  { email: 'direction@atelier-bondy.test', name: 'Atelier de Bondy', siret: siretFor(7, 1) },
  {
    email: 'direction@regie-pantin.test',
    name: 'Régie de quartier de Pantin',
    siret: siretFor(7, 2),
  },
];

const SIGN_IN_LINK = /https?:\/\/\S+\/api\/auth\/callback\?token=\S+/;

/** The latest link mailed to `email`, once it has arrived, as the person would click it. */
async function mailedLink(smtp: SmtpSink, email: string, subject = ''): Promise<string> {
  const mail = await smtp.waitForMail(
    email,
    (candidate) => candidate.subject.startsWith(subject) && SIGN_IN_LINK.test(candidate.text),
  );
  return SIGN_IN_LINK.exec(mail.text)?.[0] ?? '';
}

/** Signs in the way people do: the link from the mail, then the one button of its page. */
async function followSignInLink(page: Page, link: string, landing: string | RegExp): Promise<void> {
  await page.goto(link);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await page.getByRole('heading', { name: landing }).waitFor();
}

describe('The web app: a bid from its import to its signed convention, in Chromium', () => {
  const smtp = new SmtpSink();
  let api: INestApplication;
  let baseUrl: string;
  let worker: INestApplicationContext;
  let persistence: INestApplicationContext;
  let dataSource: DataSource;
  let browser: Browser;
  let networkId: string;
  const a11y: Record<string, string[]> = {};

  /** axe-core's WCAG 2.1 AA verdict on the page as shown, kept per step for one assertion. */
  async function checkAccessibility(page: Page, step: string): Promise<void> {
    const violations = await accessibilityViolations(page);
    if (violations.length > 0) a11y[step] = violations;
  }

  beforeAll(async () => {
    process.env.MAIL_MODE = 'smtp';
    process.env.MAIL_SMTP_URL = await smtp.start();
    ({ context: persistence, dataSource } = await openTestPersistence());
    await clearData(dataSource);
    ({ app: api, baseUrl } = await serveApp());
    worker = await startWorkerInProcess();
    networkId = await persistence.get(AccessRepository).ensureNetwork('Réseau Inclusion 93');
    const access = persistence.get(AccessRepository);
    const user = await access.ensureUser(COORDINATOR, 'Coordination 93');
    await access.grant(user.id, 'COORDINATOR', { networkId });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    await dataSource?.destroy();
    await smtp.stop();
    delete process.env.MAIL_MODE;
    delete process.env.MAIL_SMTP_URL;
    delete process.env.PUBLIC_URL;
  });

  it('imports the example bid, invites two partners who declare, approve and sign; the signed PDF verifies', async () => {
    // The coordinator asks for a link: a wrong address is refused in French, next to the field.
    const { page: coordinator } = await personBrowser(browser, baseUrl);
    await coordinator.goto('/');
    await coordinator.waitForURL('**/connexion');
    const email = coordinator.getByLabel(/^Adresse e-mail/);
    await email.fill('coordination@');
    await coordinator.getByRole('button', { name: 'Recevoir le lien de connexion' }).click();
    await expectVisible(coordinator, 'Cette adresse e-mail n’est pas valide');
    await checkAccessibility(coordinator, 'connexion');
    await screenshot(coordinator, 'connexion-adresse-refusee');
    await email.fill(COORDINATOR);
    await coordinator.getByRole('button', { name: 'Recevoir le lien de connexion' }).click();
    await expectVisible(coordinator, 'Vérifiez votre messagerie');
    await followSignInLink(coordinator, await mailedLink(smtp, COORDINATOR), 'Mes candidatures');
    await screenshot(coordinator, 'mes-candidatures-vide');

    // The example bid, imported from its file; the progress bar leads to the bid.
    await coordinator.getByRole('link', { name: 'Nouvelle candidature' }).click();
    // The form to type a tender in, empty and then refused in French, before the import.
    await coordinator.getByRole('tab', { name: 'Saisir la consultation' }).click();
    await coordinator.getByRole('button', { name: 'Créer la candidature' }).click();
    await checkAccessibility(coordinator, 'saisie');
    await screenshot(coordinator, 'saisie-refusee');
    await coordinator.getByRole('tab', { name: 'Importer un fichier' }).click();
    await coordinator
      .getByLabel('Fichier de la candidature (XLSX ou JSON)')
      .setInputFiles(exampleScenarioFile());
    await checkAccessibility(coordinator, 'import');
    await coordinator.getByRole('button', { name: 'Importer', exact: true }).click();
    await coordinator.waitForURL(/\/candidatures\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    const bidId = required(
      /candidatures\/([0-9a-f-]{36})/.exec(coordinator.url())?.[1],
      'the bid id in the URL',
    );
    await expectVisible(coordinator, 'Brouillon');
    await checkAccessibility(coordinator, 'apercu');
    await screenshot(coordinator, 'candidature-importee');

    // Two partners invited by mail, each as its organisation's signatory.
    await openSection(coordinator, 'Membres');
    for (const partner of PARTNERS) await invite(coordinator, partner);
    await checkAccessibility(coordinator, 'membres');
    await screenshot(coordinator, 'partenaires-invites');

    // The call for capacities opens, until tomorrow.
    await openSection(coordinator, 'Aperçu');
    await coordinator.getByRole('button', { name: 'Ouvrir l’appel à capacités' }).click();
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    await coordinator.getByLabel(/^Clôture de l’appel à capacités/).fill(localDateTime(tomorrow));
    await coordinator.getByRole('button', { name: 'Confirmer' }).click();
    await expectVisible(coordinator, 'Recueil des capacités');

    // Each partner follows the invitation's link, accepts and declares on the first lot.
    const partners: Page[] = [];
    for (const [index, partner] of PARTNERS.entries()) {
      const { page } = await personBrowser(browser, baseUrl, index === 0 ? 'laptop' : 'phone');
      partners.push(page);
      const invitation = await smtp.waitForMail(partner.email, (mail) =>
        mail.subject.startsWith('Invitation'),
      );
      expect(invitation.text).toContain(partner.name);
      // The invitation's link opens the bid's members page, where the partner answers.
      await followSignInLink(
        page,
        await mailedLink(smtp, partner.email, 'Invitation'),
        'Membres du groupement',
      );
      expect(page.url()).toBe(`${baseUrl}/candidatures/${bidId}/membres`);
      await page.getByRole('button', { name: 'Accepter l’invitation' }).click();
      await page.getByRole('link', { name: 'Déclarer mes capacités' }).click();
      // A text field with the decimal keypad, never <input type="number"> (which reads 12,5 as 125).
      const hours = page.getByRole('textbox', { name: /^Heures, lot 1, / }).first();
      if (index === 0) {
        // A negative number of hours is refused in French, next to the cell.
        await hours.fill('-5');
        await page.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
        await expectVisible(page, 'Indiquez un nombre positif.');
        // « 1.200 » reads two ways: refused with how to write it, as soon as the cell is left.
        await hours.fill('1.200');
        await hours.blur();
        await expectVisible(page, 'écrivez 1 200 pour des milliers, ou 1,2 pour des décimales');
        await screenshot(page, 'capacites-erreur');
      }
      // French decimals: « 12,5 » is twelve hours and a half, shown so once the cell is left.
      await hours.fill(index === 0 ? '12,5' : '400');
      await hours.blur();
      if (index === 0) expect(await hours.inputValue()).toBe('12,5');
      await page
        .getByRole('combobox', { name: /^Préférence, lot 1, / })
        .first()
        .selectOption({ label: 'Principal' });
      await page.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
      await expectVisible(page, 'Déclaration enregistrée');
      if (index === 0) expect(await offeredHours(partner.name)).toEqual([12.5]);
      await checkAccessibility(page, `capacites-${index + 1}`);
      await screenshot(page, `capacites-partenaire-${index + 1}`);
    }

    // The call closes; the allocation runs with its progress bar to the end; it goes to the vote.
    await openSection(coordinator, 'Aperçu');
    await coordinator.getByRole('button', { name: 'Clore l’appel à capacités' }).click();
    await coordinator.getByRole('button', { name: 'Confirmer' }).click();
    await expectVisible(coordinator, 'Répartition en cours');

    // Before the vote, the coordinator chooses the double majority and raises its bar on members:
    // the rule's sentence follows the figure as it is typed.
    await openSection(coordinator, 'Décision');
    await chooseDoubleMajority(coordinator);
    await checkAccessibility(coordinator, 'regle-de-decision');
    await screenshot(coordinator, 'regle-double-majorite');
    await openSection(coordinator, 'Répartition');
    await coordinator.getByRole('button', { name: 'Lancer la répartition' }).click();
    const progress = coordinator.getByRole('progressbar', {
      name: 'Progression de la répartition',
    });
    await expectVisible(coordinator, 'Répartition terminée', 60_000);
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    await checkAccessibility(coordinator, 'repartition');
    await screenshot(coordinator, 'repartition-terminee');
    // The example leaves work to no member: the coordinator says it was seen before the vote.
    await expectVisible(coordinator, 'Une part du marché n’est confiée à aucun membre');
    await coordinator
      .getByRole('checkbox', { name: 'J’ai pris connaissance de la part non couverte' })
      .check();
    await coordinator.getByRole('button', { name: 'Soumettre au vote' }).click();
    await expectVisible(coordinator, 'Répartition proposée');

    // Both partners approve in the app; the imported members then vote through the api until
    // the double majority is reached.
    for (const [index, page] of partners.entries()) {
      await page.goto(`/candidatures/${bidId}/decision`);
      await page.getByRole('button', { name: 'J’approuve' }).click();
      await expectVisible(page, /Votre vote est enregistré|Vote enregistré/);
      await checkAccessibility(page, `decision-${index + 1}`);
      await screenshot(page, `decision-partenaire-${index + 1}`);
    }
    await votesOfImportedMembers(bidId);
    // On a phone the current section stays in view, and each lot's amounts too (cards, not a
    // table wider than the screen).
    const phone = at(partners, 1);
    await phone.goto(`/candidatures/${bidId}/repartition`);
    await expectVisible(phone, 'Montant HT');
    const width = phone.viewportSize()?.width ?? 0;
    const current = phone
      .getByRole('navigation', { name: 'Rubriques de la candidature' })
      .getByRole('link', { name: 'Répartition', exact: true });
    expect(await current.getAttribute('aria-current')).toBe('page');
    await expectWithin(current, width);
    const amount = phone.getByText('Montant HT', { exact: true }).first();
    await expectWithin(amount, width);
    const figure = amount.locator('xpath=following-sibling::*[1]');
    expect(await figure.textContent()).toMatch(/^[\d\u202f\u00a0]+,\d{2}\u00a0€$/);
    await expectWithin(figure, width);
    await checkAccessibility(phone, 'repartition-telephone');
    await screenshot(phone, 'repartition-telephone');

    await coordinator.reload();
    await expectVisible(coordinator, 'Répartition approuvée');

    // The convention: generated, frozen, open for signature.
    await openSection(coordinator, 'Convention');
    // Before generating, the clauses with their articles as the PDF will word them.
    await setConventionClauses(coordinator);
    await checkAccessibility(coordinator, 'convention-apercu');
    await screenshot(coordinator, 'convention-apercu-des-clauses');
    await generateFreezeAndOpenSigning(coordinator);
    await screenshot(coordinator, 'convention-ouverte');

    // Each partner signs with the code received by mail.
    for (const [index, page] of partners.entries()) {
      const partner = at(PARTNERS, index);
      await page.goto(`/candidatures/${bidId}/convention`);
      if (index === 1) await ownCertificateUploadedAndRemoved(page, partner);
      const mailsBefore = smtp.to(partner.email).length;
      await page.getByRole('button', { name: 'Recevoir mon code de signature' }).click();
      await waitUntil(() => smtp.to(partner.email).length > mailsBefore);
      await page.getByLabel(/^Code reçu par mail/).fill(await smtp.lastCode(partner.email));
      await page.getByRole('button', { name: 'Signer la convention' }).click();
      await expectVisible(page, /^Convention signée$/, 60_000);
      await checkAccessibility(page, `signature-${index + 1}`);
      await screenshot(page, `signature-partenaire-${index + 1}`);
    }

    // Each signature's certificate is named by its holder and issuer, not a serial number.
    const lastSigner = at(partners, 1);
    await lastSigner
      .getByText(/délivré par /)
      .first()
      .waitFor();
    expect(await lastSigner.getByText(/Certificat n°|CN=/).count()).toBe(0);

    // The signed PDF downloads from the app and passes the shared checker with both signatures.
    const [download] = await Promise.all([
      lastSigner.waitForEvent('download'),
      lastSigner.getByRole('link', { name: 'Télécharger la convention signée (PDF)' }).click(),
    ]);
    const folder = mkdtempSync(path.join(tmpdir(), 'cordage-browser-'));
    const pdfPath = path.join(folder, 'convention-signee.pdf');
    await download.saveAs(pdfPath);
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    const authority = await fetch(`${baseUrl}/api/signing/authority.pem`);
    const caPath = path.join(folder, 'authority.pem');
    writeFileSync(caPath, await authority.text());
    const verdict = verifyWithSharedTool(pdfPath, caPath, 2);
    expect(verdict).toMatchObject({ status: 0 });

    // Every member reads the bid's history.
    const reader = at(partners, 0);
    await reader.goto(`/candidatures/${bidId}/historique`);
    await expectVisible(reader, 'Candidature importée');
    await checkAccessibility(reader, 'historique');
    await screenshot(reader, 'historique');

    // Every page seen along the way passes axe-core's WCAG 2.1 AA checks.
    expect(a11y).toEqual({});
  });

  /**
   * A partner uploads its own PKCS#12 certificate, reads whose it is, from whom and until when,
   * and removes it (the shared checker below trusts Cordage's authority only).
   */
  async function ownCertificateUploadedAndRemoved(
    page: Page,
    partner: (typeof PARTNERS)[number],
  ): Promise<void> {
    await uploadOwnCertificate(page, {
      name: 'Directrice du membre',
      organisation: partner.name,
      identifier: `NTRFR-${partner.siret.slice(0, 9)}`,
      email: partner.email,
    });
    await checkAccessibility(page, 'certificat-propre');
    await screenshot(page, 'certificat-propre');
    await removeOwnCertificate(page);
  }

  /** The coordinator's invitation form, for an organisation Cordage does not know yet. */
  async function invite(page: Page, partner: (typeof PARTNERS)[number]): Promise<void> {
    await page.getByRole('button', { name: 'Inviter une structure' }).click();
    await page.getByLabel(/^Adresse e-mail de la personne invitée/).fill(partner.email);
    await page.getByLabel(/^Numéro SIRET/).fill(partner.siret);
    await page.getByLabel(/^Cette personne signera aussi la convention/).check();
    await page.getByLabel(/^La structure n’est pas encore inscrite/).check();
    await page.getByLabel(/^Raison sociale/).fill(partner.name);
    await page
      .getByLabel(/^Type de structure/)
      .selectOption({ label: 'Entreprise d’insertion (EI)' });
    await page.getByLabel(/^Nombre de salariés/).fill('24');
    await page.getByRole('combobox', { name: /^Commune du siège/ }).pressSequentially('Bondy');
    await page.getByRole('option', { name: /Bondy/ }).first().click();
    await page.getByLabel(/^Nom du représentant légal/).fill('Claire Petit');
    await page.getByLabel(/^Qualité du représentant/).fill('Directrice');
    await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await expectVisible(page, partner.name);
  }

  /** The hours of a member's offers as the api stored them. */
  async function offeredHours(legalName: string): Promise<number[]> {
    const rows = await dataSource.query<{ hours: string }[]>(
      `SELECT o.hours FROM offers o JOIN members m ON m.id = o.member_id
         JOIN organisations g ON g.id = m.organisation_id WHERE g.legal_name = $1`,
      [legalName],
    );
    return rows.map((row) => Number(row.hours));
  }

  /**
   * Each imported member's editor approves through the api (the partners do it in the app), until
   * the rule is met: the vote then closes and the bid is agreed.
   */
  async function votesOfImportedMembers(bidId: string): Promise<void> {
    const rows = await dataSource.query<{ id: string; key: string; organisation_id: string }[]>(
      `SELECT m.id, m.key, m.organisation_id FROM members m
        WHERE m.bid_id = $1 AND m.role = 'COTRAITANT' AND m.status = 'ACCEPTED'
          AND m.invited_email IS NULL`,
      [bidId],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const editor: SignedIn = await signIn(api, dataSource, `editeur@${row.key}.test`, [
        { role: 'EDITOR', organisationId: row.organisation_id },
      ]);
      const workflow = await editor.get(`/api/bids/${bidId}/workflow`).expect(200);
      if ((workflow.body as { status: string }).status !== 'PROPOSED') return;
      await editor
        .post(`/api/bids/${bidId}/members/${row.id}/votes`)
        .send({ choice: 'APPROVE' })
        .expect(200);
    }
  }
});

async function waitUntil(done: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A section of the bid, from its navigation. */
function openSection(page: Page, name: string): Promise<void> {
  return page
    .getByRole('navigation', { name: 'Rubriques de la candidature' })
    .getByRole('link', { name, exact: true })
    .click();
}

/** The element lies within the screen's width, not pushed out of sight to the right. */
async function expectWithin(element: Locator, width: number): Promise<void> {
  const box = await element.boundingBox();
  if (!box) throw new Error('the element is not displayed');
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
}

/** Waits for a text; when it never comes, the page as it was is kept beside the screenshots. */
async function expectVisible(page: Page, text: string | RegExp, timeout = 30_000): Promise<void> {
  try {
    await page.getByText(text).first().waitFor({ state: 'visible', timeout });
  } catch (error) {
    await screenshot(page, 'ECHEC');
    throw error;
  }
}

/** What a datetime-local field takes: the person's own clock (Europe/Paris in these browsers). */
function localDateTime(date: Date): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
  return parts.replace(' ', 'T');
}
