import type { Page } from 'playwright-core';
import { AccessRepository } from '@cordage/persistence';
import { exampleScenario, siretFor } from '@cordage/testing';
import { signIn } from '../e2e/support/actors';
import { moveBid } from '../e2e/support/bid-state';
import { importExampleBid } from '../e2e/support/example-bid';
import { screenshot } from './support/browser';
import {
  accessibilityLog,
  expectVisible,
  horizontalOverflow,
  signedInPage,
  webSystemForTests,
} from './support/web-system';

const COORDINATOR = 'coordination@reseau-fiches.test';
/** A structure of the recorded SIAE register (examples/registries/siae.json). */
const REGISTERED_SIRET = '80000000100019';

/** A Mantine select: opened by its label, its option clicked by name. */
async function pick(page: Page, label: string | RegExp, option: string | RegExp) {
  await page.getByLabel(label, { exact: true }).first().click();
  await page.getByRole('option', { name: option }).click();
}

describe('The coordinator adds an organisation to the directory by hand and edits it, in Chromium', () => {
  const system = webSystemForTests({ worker: false });
  const a11y = accessibilityLog();

  it('prefills from the register, sees a wrong field refused at the field, adds, edits and lists it', async () => {
    const access = system.persistence.get(AccessRepository);
    const networkId = await access.ensureNetwork('Réseau des fiches');
    const user = await access.ensureUser(COORDINATOR, 'Coordination');
    await access.grant(user.id, 'COORDINATOR', { networkId });

    // On a phone: the form opens and reads well.
    const phone = await signedInPage(
      system,
      { email: COORDINATOR, userId: user.id },
      `/reseaux/${networkId}/annuaire`,
      'phone',
    );
    await phone.getByRole('button', { name: 'Ajouter une structure' }).click();
    await phone.getByRole('button', { name: 'Préremplir depuis le registre' }).waitFor();
    await a11y.check(phone, 'annuaire-ajout-phone');
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'annuaire-ajout-telephone');

    const page = await signedInPage(
      system,
      { email: COORDINATOR, userId: user.id },
      `/reseaux/${networkId}/annuaire`,
      'laptop',
    );
    await page.getByRole('button', { name: 'Ajouter une structure' }).click();
    const identifier = page.getByRole('textbox', { name: /^Identifiant/ });

    // An identifier no register knows: said plainly, nothing filled.
    await identifier.fill(siretFor(79, 1));
    await page.getByRole('button', { name: 'Préremplir depuis le registre' }).click();
    await expectVisible(page, /Aucune structure trouvée avec cet identifiant/);

    // A registered one: the empty fields are filled from the register.
    await identifier.fill(REGISTERED_SIRET);
    await page.getByRole('button', { name: 'Préremplir depuis le registre' }).click();
    await expectVisible(page, /Fiche trouvée/);
    expect(await page.getByLabel('Raison sociale').inputValue()).toBe(
      'Régie de quartier exemple (fictive)',
    );
    expect(await page.getByLabel('Territoires où elle travaille').inputValue()).not.toBe('');

    // One wrong field: the api's French refusal stands next to it, nothing is added.
    await page.getByLabel('Nom du représentant').fill('Awa Diallo');
    await page.getByLabel('Qualité').fill('présidente');
    await page.getByLabel('E-mail du représentant').fill('awa.diallo@');
    await page.getByLabel('Effectif').fill('12');
    await page.getByLabel('Heures au plus').fill('1 500');
    await page.getByRole('button', { name: 'Ajouter à l’annuaire' }).click();
    await expectVisible(page, 'e-mail du représentant : adresse e-mail invalide');
    expect(await page.getByLabel('E-mail du représentant').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await a11y.check(page, 'annuaire-ajout-refuse');
    await screenshot(page, 'annuaire-ajout-refuse');
    expect(
      await system.dataSource.query(
        'SELECT count(*)::int AS n FROM network_organisations WHERE network_id = $1',
        [networkId],
      ),
    ).toEqual([{ n: 0 }]);

    // Corrected: added, and its page opens.
    await page.getByLabel('E-mail du représentant').fill('awa.diallo@regie-exemple.test');
    await page.getByRole('button', { name: 'Ajouter à l’annuaire' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Régie de quartier exemple (fictive)' })
      .waitFor({ timeout: 30_000 });
    await expectVisible(page, 'Effectif : 12');
    await expectVisible(page, /Awa Diallo, présidente/);

    // Edited: the staff and the revenue limit, with a decimal comma.
    await page.getByRole('button', { name: 'Modifier la fiche' }).click();
    await a11y.check(page, 'annuaire-modification');
    await page.getByLabel('Effectif').fill('14');
    await page.getByLabel('Chiffre d’affaires au plus').fill('250 000,50');
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await expectVisible(page, 'Effectif : 14');
    expect(
      await system.dataSource.query(
        `SELECT max_revenue_cents::text AS cents, max_hours AS hours
           FROM network_organisations WHERE network_id = $1`,
        [networkId],
      ),
    ).toEqual([{ cents: '25000050', hours: 1500 }]);
    await screenshot(page, 'annuaire-fiche-modifiee');

    // In the list.
    await page.getByRole('link', { name: '← Annuaire du réseau' }).click();
    await expectVisible(page, '1 organisation');
    await page.getByRole('link', { name: 'Régie de quartier exemple (fictive)' }).waitFor();
    await a11y.check(page, 'annuaire-liste');

    expect(a11y.violations).toEqual({});
  }, 300_000);

  it('revokes the invitation link of a member still invited, after a confirmation', async () => {
    const access = system.persistence.get(AccessRepository);
    const networkId = await access.ensureNetwork('Réseau des liens');
    const email = 'coordination@reseau-liens.test';
    await access.ensureUser(email, 'Camille Leroy');
    const coordinator = await signIn(system.api, system.dataSource, email, [
      { role: 'COORDINATOR', networkId },
    ]);
    await coordinator
      .post(`/api/networks/${networkId}/organisations`)
      .send({
        idScheme: 'SIRET',
        id: siretFor(79, 7),
        legalName: 'Atelier des Liens',
        kind: 'ESAT',
        territories: ['DEP:93'],
        representatives: [{ name: 'Inès Moreau', title: 'directrice', email: 'ines@liens.test' }],
      })
      .expect(201);
    const bidId = await importExampleBid(
      system.persistence,
      networkId,
      exampleScenario({ reference: 'LIENS-2027' }),
    );
    await moveBid(system.dataSource, bidId, 'COLLECTING');

    const page = await signedInPage(
      system,
      { email, userId: coordinator.userId },
      `/reseaux/${networkId}/annuaire`,
      'laptop',
    );
    await page.getByRole('link', { name: 'Atelier des Liens' }).click();
    await page.getByRole('heading', { name: 'Inviter dans une candidature' }).waitFor();
    await pick(page, /^Candidature/, /^LIENS-2027 — /);
    await page.getByRole('button', { name: 'Inviter', exact: true }).click();
    await expectVisible(page, 'Invitation envoyée');

    await page.goto(new URL(`/candidatures/${bidId}/membres`, system.baseUrl).toString());
    await page
      .getByRole('button', { name: 'Révoquer le lien d’invitation de Atelier des Liens' })
      .click();
    const dialog = page.getByRole('dialog', { name: /Révoquer le lien d’invitation/ });
    await dialog.waitFor();
    await a11y.check(page, 'membres-revoquer-lien');
    await screenshot(page, 'membres-revoquer-lien');
    await dialog.getByRole('button', { name: 'Révoquer le lien' }).click();
    await expectVisible(page, /Le lien d’invitation de Atelier des Liens ne fonctionne plus/);
    const links = await system.dataSource.query<{ live: number; revoked: number }[]>(
      `SELECT count(*) FILTER (WHERE l.revoked_at IS NOT NULL)::int AS revoked,
              count(*) FILTER (WHERE l.revoked_at IS NULL AND l.used_at IS NULL)::int AS live
         FROM invitation_links l JOIN members m ON m.id = l.member_id
         JOIN organisations o ON o.id = m.organisation_id
        WHERE m.bid_id = $1 AND o.id_value = $2`,
      [bidId, siretFor(79, 7)],
    );
    expect(links).toEqual([{ live: 0, revoked: 1 }]);
    expect(a11y.violations).toEqual({});
  }, 300_000);
});
