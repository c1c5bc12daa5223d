import { at } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import { siretFor } from '@cordage/testing';
import { moveBid } from '../e2e/support/bid-state';
import { importExampleBid } from '../e2e/support/example-bid';
import { memberByKey } from '../e2e/support/system';
import { screenshot } from './support/browser';
import {
  accessibilityLog,
  expectVisible,
  horizontalOverflow,
  signedInPage,
  webSystemForTests,
} from './support/web-system';

// One long journey on a busy machine: generous, never a timed assertion.
jest.setTimeout(900_000);

const COORDINATOR = 'coordination@reseau-charte.test';
const PARTNER = 'editeur@org-001-charte.test';

describe('The coordinator’s charter, declarations on behalf, roles and signatories, in Chromium', () => {
  const system = webSystemForTests({ worker: false });
  const a11y = accessibilityLog();

  it('publishes the charter and sees who accepted it, declares for a partner who then sees it, invites a subcontractor, changes a signatory', async () => {
    const { dataSource, persistence } = system;
    const access = persistence.get(AccessRepository);
    const networkId = await access.ensureNetwork('Réseau de la charte');
    const coordinator = await access.ensureUser(COORDINATOR, 'Marie Dupont');
    await access.grant(coordinator.id, 'COORDINATOR', { networkId });
    const bidId = await importExampleBid(persistence, networkId);
    await moveBid(dataSource, bidId, 'COLLECTING');
    const member = await memberByKey(dataSource, bidId, 'org-001');
    await dataSource.query('DELETE FROM offers WHERE member_id = $1', [member.id]);
    const partner = await access.ensureUser(PARTNER, 'Paul Martin');
    await access.grant(partner.id, 'EDITOR', { organisationId: member.organisationId });
    const { legal_name: name } = at(
      await dataSource.query<{ legal_name: string }[]>(
        'SELECT legal_name FROM organisations WHERE id = $1',
        [member.organisationId],
      ),
      0,
    );
    const asCoordinator = { email: COORDINATOR, userId: coordinator.id };
    const asPartner = { email: PARTNER, userId: partner.id };
    const capacities = `/candidatures/${bidId}/membres/${member.id}/capacites`;

    // The coordinator writes the first version of the charter, reached from the header.
    const page = await signedInPage(system, asCoordinator, '/');
    await page.getByRole('link', { name: 'Charte', exact: true }).click();
    await page.getByRole('heading', { name: 'Charte du réseau', level: 1 }).waitFor();
    await expectVisible(page, 'Le réseau n’a pas encore de charte.');
    await page.getByRole('textbox', { name: 'Titre' }).fill('Charte de coopération');
    await page
      .getByRole('textbox', { name: /^Texte de la charte/ })
      .fill('Transparence des offres, équité de la répartition, aucun membre évincé.');
    await page.getByRole('button', { name: 'Publier la charte' }).click();
    await expectVisible(page, 'Version 1 : Charte de coopération');
    await expectVisible(page, 'acceptée par aucune organisation');
    await page.getByRole('button', { name: 'Publier la version 2' }).waitFor();
    await a11y.check(page, 'charte-redaction');
    await screenshot(page, 'charte-redaction');

    // The partner reads and accepts it on its capacity page.
    const partnerPage = await signedInPage(system, asPartner, capacities);
    await partnerPage.getByRole('button', { name: 'J’accepte la charte' }).click();
    await expectVisible(partnerPage, 'Charte acceptée');

    // The coordinator sees who accepted it, by organisation and person, with the date.
    await page.reload();
    await expectVisible(page, 'acceptée par 1 organisation');
    const accepted = page.getByRole('row').filter({ hasText: name });
    await accepted.getByText('Paul Martin').waitFor();
    await accepted.getByText(/\d{1,2} \S+ \d{4}/).waitFor();
    await a11y.check(page, 'charte-acceptations');
    await screenshot(page, 'charte-acceptations');

    // By phone, the coordinator enters the partner's declaration for it, with a decimal comma.
    await page.goto(new URL(capacities, system.baseUrl).toString());
    await expectVisible(page, 'Saisie pour le compte du membre');
    const hours = page.getByRole('textbox', { name: /^Heures, lot 1, / }).first();
    await hours.fill('12,5');
    await hours.blur();
    expect(await hours.inputValue()).toBe('12,5');
    await page
      .getByRole('combobox', { name: /^Préférence, lot 1, / })
      .first()
      .selectOption({ label: 'Principal' });
    await page.getByRole('button', { name: 'Enregistrer pour son compte' }).click();
    await expectVisible(page, `Déclaration enregistrée pour le compte de ${name}`);
    await expectVisible(page, `Saisi par Marie Dupont (coordination) pour le compte de ${name}`);
    await a11y.check(page, 'capacites-pour-le-compte');
    await screenshot(page, 'capacites-pour-le-compte');
    const stored = await dataSource.query<{ hours: string; on_behalf: boolean }[]>(
      'SELECT hours, on_behalf FROM offers WHERE member_id = $1',
      [member.id],
    );
    expect(stored.map((offer) => [Number(offer.hours), offer.on_behalf])).toEqual([[12.5, true]]);

    // The partner sees who entered it for it, and when.
    await partnerPage.reload();
    await expectVisible(
      partnerPage,
      /^Saisi par Marie Dupont \(coordination\) pour votre compte le/,
    );
    await a11y.check(partnerPage, 'capacites-vues-du-partenaire');
    await screenshot(partnerPage, 'capacites-vues-du-partenaire');

    // A subcontractor of the partner, invited with its role and its contract (DC4).
    // Known to the network already: its seat and representative are the network's own entry.
    await dataSource.query(
      `WITH created AS (
         INSERT INTO organisations (legal_name, kind, id_scheme, id_value)
         SELECT 'Atelier Sous-traitant', kind, 'SIRET', $2 FROM organisations WHERE id = $1
         RETURNING id)
       INSERT INTO network_organisations (network_id, organisation_id, staff, home_territory_id,
         representatives)
       SELECT n.network_id, created.id, 8, n.home_territory_id, $3::jsonb
         FROM network_organisations n, created
        WHERE n.organisation_id = $1 AND n.network_id = $4`,
      [
        member.organisationId,
        siretFor(92, 1),
        JSON.stringify([{ name: 'Léa Petit', title: 'Gérante', email: 'lea@sous-traitant.test' }]),
        networkId,
      ],
    );
    await page.goto(new URL(`/candidatures/${bidId}/membres`, system.baseUrl).toString());
    await page.getByRole('button', { name: 'Inviter une structure' }).click();
    await page
      .getByRole('textbox', { name: /^Adresse e-mail de la personne invitée/ })
      .fill('lea@sous-traitant.test');
    await page.getByRole('textbox', { name: /^Numéro SIRET/ }).fill(siretFor(92, 1));
    await page
      .getByRole('combobox', { name: 'Rôle de la structure dans le groupement' })
      .selectOption({ label: 'Sous-traitant d’un membre' });
    await page.getByRole('combobox', { name: /^Sous-traitant de/ }).selectOption({ label: name });
    const lot = page.getByRole('combobox', { name: /^Lot/ });
    await lot.selectOption({ index: 1 });
    await page
      .getByRole('textbox', { name: /^Prestations sous-traitées/ })
      .fill('Préparation des supports');
    await page.getByRole('textbox', { name: /^Montant maximum/ }).fill('12 500,50');
    await a11y.check(page, 'invitation-sous-traitant');
    await screenshot(page, 'invitation-sous-traitant');
    await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await expectVisible(page, 'Invitation envoyée à lea@sous-traitant.test');
    const invited = page.getByRole('row').filter({ hasText: 'Atelier Sous-traitant' });
    await invited.getByText('Sous-traitant').first().waitFor();
    const contracts = await dataSource.query<{ max_amount_cents: string }[]>(
      `SELECT s.max_amount_cents FROM subcontracts s JOIN members m ON m.id = s.subcontractor_id
       JOIN organisations o ON o.id = m.organisation_id WHERE o.legal_name = 'Atelier Sous-traitant'`,
    );
    expect(contracts).toEqual([{ max_amount_cents: '1250050' }]);

    // The partner's signatory changes: name, capacity, e-mail, shown on the members page.
    await page.getByRole('button', { name: `Changer le signataire de ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Signataire de ${name}` });
    await dialog.getByRole('textbox', { name: /^Prénom et nom/ }).fill('Claire Bernard');
    await dialog.getByRole('textbox', { name: /^Qualité/ }).fill('Présidente');
    await dialog.getByRole('textbox', { name: /^Adresse e-mail/ }).fill('pas-une-adresse');
    await dialog.getByRole('button', { name: 'Enregistrer le signataire' }).click();
    await expectVisible(page, /^Indiquez une adresse e-mail valable/);
    await a11y.check(page, 'signataire');
    await screenshot(page, 'signataire');
    await dialog.getByRole('textbox', { name: /^Adresse e-mail/ }).fill('claire@org-001.test');
    await dialog.getByRole('button', { name: 'Enregistrer le signataire' }).click();
    await expectVisible(page, /^Claire Bernard signera pour/);
    await page
      .getByRole('row')
      .filter({ hasText: name })
      .getByText('Claire Bernard')
      .first()
      .waitFor();

    // The same pages on a phone.
    for (const [who, path, step, shown] of [
      [asCoordinator, `/reseaux/${networkId}/charte`, 'charte-telephone', /Marie Dupont/],
      [asCoordinator, capacities, 'capacites-pour-le-compte-telephone', /Marie Dupont/],
      [asCoordinator, `/candidatures/${bidId}/membres`, 'membres-telephone', /Claire Bernard/],
      [asPartner, capacities, 'capacites-vues-du-partenaire-telephone', /pour votre compte le/],
    ] as const) {
      const phone = await signedInPage(system, who, path, 'phone');
      // The last: on a phone the members are cards, after the (hidden) laptop table.
      await phone.getByText(shown).last().waitFor();
      await a11y.check(phone, step);
      expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
      await screenshot(phone, step);
    }

    // Signed out of every device at once, from the session menu.
    await page.getByRole('button', { name: 'Ma session' }).click();
    await page.getByRole('menuitem', { name: 'Se déconnecter de tous les appareils' }).click();
    await page.getByRole('button', { name: /lien de connexion/i }).waitFor();
    const sessions = await dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL',
      [coordinator.id],
    );
    expect(sessions).toEqual([{ n: 0 }]);

    expect(a11y.violations).toEqual({});
  });
});
