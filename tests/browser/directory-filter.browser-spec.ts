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

const COORDINATOR = 'coordination@reseau-filtre.test';

/** A Mantine select: opened by its label, its option clicked by name. */
async function pick(page: Page, label: string | RegExp, option: string | RegExp) {
  await page.getByLabel(label, { exact: true }).first().click();
  await page.getByRole('option', { name: option }).click();
}

describe('The coordinator filters the directory and invites an organisation from it, in Chromium', () => {
  const system = webSystemForTests({ worker: false });
  const a11y = accessibilityLog();

  it('finds the small ESAT of the 93 by kind, territory and size, and invites it into a bid', async () => {
    const access = system.persistence.get(AccessRepository);
    const networkId = await access.ensureNetwork('Réseau du filtre');
    await access.ensureUser(COORDINATOR, 'Camille Leroy');
    const coordinator = await signIn(system.api, system.dataSource, COORDINATOR, [
      { role: 'COORDINATOR', networkId },
    ]);
    const entries = [
      { n: 1, legalName: 'Atelier Vert', kind: 'ESAT', staff: 30, territory: 'DEP:93' },
      { n: 2, legalName: 'Entreprise Bleue', kind: 'EI', staff: 30, territory: 'DEP:93' },
      { n: 3, legalName: 'Atelier Rouge', kind: 'ESAT', staff: 300, territory: 'DEP:93' },
      { n: 4, legalName: 'Atelier Jaune', kind: 'ESAT', staff: 30, territory: 'DEP:94' },
    ];
    for (const entry of entries) {
      await coordinator
        .post(`/api/networks/${networkId}/organisations`)
        .send({
          idScheme: 'SIRET',
          id: siretFor(79, entry.n),
          legalName: entry.legalName,
          kind: entry.kind,
          staff: entry.staff,
          territories: [entry.territory],
          representatives: [
            {
              name: `Direction ${entry.n}`,
              title: 'directrice',
              email: `direction@filtre-${entry.n}.test`,
            },
          ],
        })
        .expect(201);
    }
    const bidId = await importExampleBid(
      system.persistence,
      networkId,
      exampleScenario({ reference: 'ANNUAIRE-2027' }),
    );
    await moveBid(system.dataSource, bidId, 'COLLECTING');

    for (const screen of ['laptop', 'phone'] as const) {
      const page = await signedInPage(
        system,
        { email: COORDINATOR, userId: coordinator.userId },
        `/reseaux/${networkId}/annuaire`,
        screen,
      );
      await page.getByRole('heading', { name: 'Annuaire du réseau' }).waitFor();
      await expectVisible(page, 'Atelier Rouge');
      await pick(page, 'Type de structure', /\(ESAT\)$/);
      await page.getByLabel('Territoire', { exact: true }).fill('DEP:93');
      await pick(page, 'Taille', '10 à 49 salariés');
      await expectVisible(page, /^1 organisation$/);
      const table = page.getByRole('region', { name: 'Organisations du réseau' });
      await table.getByRole('link', { name: 'Atelier Vert' }).waitFor();
      for (const hidden of ['Entreprise Bleue', 'Atelier Rouge', 'Atelier Jaune']) {
        expect(await table.getByRole('link', { name: hidden }).count()).toBe(0);
      }
      await a11y.check(page, `annuaire-filtre-${screen}`);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `annuaire-filtre-${screen}`);

      await table.getByRole('link', { name: 'Atelier Vert' }).click();
      await page.getByRole('heading', { name: 'Atelier Vert', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Inviter dans une candidature' }).waitFor();
      if (screen === 'laptop') {
        await pick(page, /^Candidature/, /^ANNUAIRE-2027 — /);
        // The directory's representative, entered once, is who gets the link.
        expect(await page.getByLabel(/^E-mail de la personne invitée/).inputValue()).toBe(
          'direction@filtre-1.test',
        );
        await page.getByRole('button', { name: 'Inviter', exact: true }).click();
        await expectVisible(page, 'Invitation envoyée');
        await page
          .getByRole('link', { name: /^ANNUAIRE-2027 — / })
          .first()
          .waitFor();
        const members = await system.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM members m JOIN organisations o ON o.id = m.organisation_id
           WHERE m.bid_id = $1 AND o.id_value = $2 AND m.status = 'INVITED'`,
          [bidId, siretFor(79, 1)],
        );
        expect(members).toEqual([{ n: 1 }]);
      } else {
        // Already in the only open bid: nothing left to invite it into.
        await expectVisible(page, /Aucune candidature du réseau n’accueille de nouveaux membres/);
      }
      await a11y.check(page, `annuaire-inviter-${screen}`);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `annuaire-inviter-${screen}`);
    }
    expect(a11y.violations).toEqual({});
  }, 300_000);
});
