import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ownPkcs12 } from '../../e2e/support/signing';
import { expectVisible } from './web-system';

// Steps of the web app that several browser tests drive, each as a person does it.

/** A Mantine select: opened by its label, its option clicked by name. */
export async function pick(
  page: Page,
  scope: Locator,
  label: RegExp,
  option: string | RegExp,
): Promise<void> {
  await scope.getByLabel(label).click();
  await page.getByRole('option', { name: option }).click();
}

/**
 * On « Décision », before the vote: the double majority of members and amounts, its bar on
 * members raised to 60 %; the rule's sentence follows the figure as it is typed.
 */
export async function chooseDoubleMajority(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'Double majorité des membres et des montants' }).check();
  await page.getByRole('textbox', { name: 'Plus de … % des membres' }).fill('60');
  await expectVisible(page, /plus de 60\u00a0% des membres détenant ensemble plus de 50\u00a0%/);
  await page.getByRole('button', { name: 'Enregistrer la règle' }).click();
  await expectVisible(page, 'Règle de décision enregistrée.');
}

/**
 * On « Convention », before generating: the payment flow, the redistribution delay and the exit
 * notice, each read in the preview of the articles as the PDF will word them, then saved.
 */
export async function setConventionClauses(page: Page): Promise<void> {
  const preview = page.getByRole('region', { name: /^Aperçu des articles modifiés/ });
  await expectVisible(page, 'Modifiez une clause');
  await page.getByRole('combobox', { name: 'Flux de paiement' }).click();
  await page.getByRole('option', { name: 'Compte unique tenu par le mandataire' }).click();
  await preview.getByRole('heading', { name: 'Article 6 — Prix et flux de paiement' }).waitFor();
  await preview
    .getByText('Mode de paiement retenu : compte unique tenu par le mandataire.')
    .waitFor();
  await preview.getByText(/dans un délai de 15\u00a0jours à compter de la réception/).waitFor();
  // The preview follows each change (debounced): the redistribution delay, then the notice.
  await page.getByRole('textbox', { name: 'Délai de reversement aux membres (jours)' }).fill('10');
  await preview.getByText(/dans un délai de 10\u00a0jours à compter de la réception/).waitFor();
  await page
    .getByRole('textbox', { name: 'Préavis de retrait avant la remise des offres (jours)' })
    .fill('5');
  await preview.getByRole('heading', { name: /^Article \d+ — Retrait d’un membre$/ }).waitFor();
  await preview.getByText(/au moins 5\u00a0jours à l’avance/).waitFor();
}

/** Saves the clauses, generates the convention, freezes it and opens the signature. */
export async function generateFreezeAndOpenSigning(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Enregistrer les clauses' }).click();
  await expectVisible(page, 'Clauses de la convention enregistrées.');
  await page.getByRole('button', { name: 'Générer la convention' }).click();
  await page.getByRole('button', { name: 'Figer la convention' }).click({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Figer définitivement' }).click();
  await page.getByRole('button', { name: 'Ouvrir la signature' }).click();
  await expectVisible(page, 'Signature de la convention');
}

export interface CertificateHolder {
  name: string;
  organisation: string;
  identifier: string;
  email: string;
}

/**
 * On the signing form: a partner uploads its own PKCS#12 certificate (a wrong password refused
 * first), then reads whose it is, from whom and until when, never a serial number or an X.509 DN.
 */
export async function uploadOwnCertificate(page: Page, holder: CertificateHolder): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), 'cordage-p12-'));
  const p12 = await ownPkcs12(folder, holder);
  const panel = page.getByRole('region', { name: 'Certificat de signature' });
  await panel.getByText(/Cordage vous délivrera un certificat/).waitFor();
  await panel.getByLabel(/^Mot de passe du certificat/).fill('mauvais');
  await panel.locator('input[type=file]').setInputFiles(p12);
  await panel.getByRole('button', { name: 'Enregistrer mon certificat' }).click();
  await panel.getByText('Mot de passe du certificat PKCS#12 incorrect.').waitFor();
  await panel.getByLabel(/^Mot de passe du certificat/).fill('secret');
  await panel.getByRole('button', { name: 'Enregistrer mon certificat' }).click();
  await panel
    .getByText(
      new RegExp(
        `^Votre propre certificat au nom de ${holder.name}, ${holder.organisation}, délivré ` +
          'par Prestataire de confiance, valable du \\d{1,2} \\S+ \\d{4} au',
      ),
    )
    .waitFor();
  if (/CN=|[0-9a-f]{16}/.test((await panel.textContent()) ?? '')) {
    throw new Error('the certificate panel shows an X.509 DN or a serial number');
  }
}

/** Removes the uploaded certificate: Cordage's own signs again. */
export async function removeOwnCertificate(page: Page): Promise<void> {
  const panel = page.getByRole('region', { name: 'Certificat de signature' });
  await panel.getByRole('button', { name: 'Retirer ce certificat' }).click();
  await panel.getByText(/Cordage vous délivrera un certificat/).waitFor();
}

export interface HoursMove {
  lot: string | RegExp;
  territory: string | RegExp;
  from: string | RegExp;
  to: string | RegExp;
  hours: string;
  reason: string;
}

/** On « Répartition », « Modifier à la main »: hours moved between two members in one change. */
export async function openMoveHours(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Modifier à la main' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('Déplacer des heures').waitFor();
  return dialog;
}

/** Fills the move's form in the open dialog and sends it. */
export async function moveHours(page: Page, dialog: Locator, move: HoursMove): Promise<void> {
  await pick(page, dialog, /^Lot/, move.lot);
  await pick(page, dialog, /^Territoire/, move.territory);
  await pick(page, dialog, /^De /, move.from);
  await pick(page, dialog, /^Vers /, move.to);
  await dialog.getByLabel(/^Heures à déplacer/).fill(move.hours);
  await dialog.getByLabel(/^Motif/).fill(move.reason);
  await dialog.getByRole('button', { name: 'Déplacer les heures' }).click();
}

/**
 * On « Avis rectificatifs »: one cell removed from a lot, the declarations it outdates previewed
 * (returned, to be checked), then the corrigendum applied.
 */
export async function removeCellByCorrigendum(
  page: Page,
  corrigendum: { reference: string; reason: string; lot: string; territory: string },
): Promise<Locator> {
  await page.getByRole('heading', { name: 'Reporter un avis rectificatif' }).waitFor();
  await page.getByLabel('Référence de l’avis chez l’acheteur').fill(corrigendum.reference);
  await page.getByLabel('Motif').fill(corrigendum.reason);
  await page.getByLabel('Nature du changement').selectOption('CELL_REMOVED');
  await page.getByLabel('Lot', { exact: true }).selectOption(corrigendum.lot);
  await page.getByLabel('Territoire', { exact: true }).selectOption(corrigendum.territory);
  await page.getByRole('button', { name: 'Ajouter ce changement' }).click();
  await page.getByRole('button', { name: 'Voir ce qui sera périmé' }).click();
  const preview = page.getByRole('table', { name: 'Déclarations qui seront périmées' });
  await preview.waitFor();
  return preview;
}
