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

const COORDINATOR = 'coordination@reseau-fiches.test';
/** A structure of the recorded SIAE register (examples/registries/siae.json). */
const REGISTERED_SIRET = '80000000100019';

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
});
