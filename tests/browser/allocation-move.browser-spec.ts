import type { Locator, Page } from 'playwright-core';
import { AccessRepository } from '@cordage/persistence';
import { type SignedIn, signIn } from '../e2e/support/actors';
import { moveBid } from '../e2e/support/bid-state';
import { importExampleBid } from '../e2e/support/example-bid';
import { pollJob } from '../e2e/support/harness';
import { accessibilityViolations, screenshot } from './support/browser';
import { moveHours, openMoveHours } from './support/steps';
import { signedInPage, webSystemForTests } from './support/web-system';

const COORDINATOR = 'coordination@reseau-deplacement.test';

describe('The coordinator moves hours between two members in one override, in Chromium', () => {
  const system = webSystemForTests();
  let bidId: string;
  let coordinator: SignedIn;

  beforeAll(async () => {
    const { api, dataSource, persistence } = system;
    const networkId = await persistence.get(AccessRepository).ensureNetwork('Réseau déplacement');
    bidId = await importExampleBid(persistence, networkId);
    // Known by name: the versions say « par Claire Martin », not her address.
    await persistence.get(AccessRepository).ensureUser(COORDINATOR, 'Claire Martin');
    coordinator = await signIn(api, dataSource, COORDINATOR, [{ role: 'COORDINATOR', networkId }]);
    await moveBid(dataSource, bidId, 'ALLOCATING');
    const run = await coordinator.post(`/api/bids/${bidId}/allocations`).expect(202);
    expect((await pollJob(coordinator, run.body.jobId)).last.state).toBe('completed');
  }, 180_000);

  async function openAllocation(screen: 'laptop' | 'phone'): Promise<Page> {
    const page = await signedInPage(
      system,
      { email: COORDINATOR, userId: coordinator.userId },
      `/candidatures/${bidId}/repartition`,
      screen,
    );
    await page.getByRole('heading', { name: /^Version \d/ }).waitFor();
    return page;
  }

  /** The field is marked invalid and its own message is among what describes it. */
  async function expectFieldError(dialog: Locator, label: RegExp, message: string): Promise<void> {
    // Once shown: the form checks its fields asynchronously.
    await dialog.getByText(message, { exact: true }).waitFor();
    const field = dialog.getByLabel(label);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
    const descriptions = await Promise.all(
      ids.map((id) => dialog.locator(`[id="${id}"]`).textContent()),
    );
    expect(descriptions).toContain(message);
  }

  it('says next to each field what an empty move or line change lacks', async () => {
    const page = await openAllocation('laptop');
    const dialog = await openMoveHours(page);
    await dialog.getByRole('button', { name: 'Déplacer les heures' }).click();
    await expectFieldError(dialog, /^Lot/, 'Choisissez le lot.');
    await expectFieldError(
      dialog,
      /^Heures à déplacer/,
      'Indiquez le nombre d’heures à déplacer, plus de zéro.',
    );
    await expectFieldError(
      dialog,
      /^Motif/,
      'Expliquez en quelques mots pourquoi vous modifiez la répartition.',
    );

    await dialog.getByText('Changer une ligne').click();
    await dialog.getByRole('button', { name: 'Enregistrer la modification' }).click();
    await expectFieldError(dialog, /^Membre/, 'Choisissez le membre dont la ligne change.');
    await expectFieldError(
      dialog,
      /^Heures attribuées/,
      'Indiquez le nombre d’heures à donner à ce membre (0 pour aucune).',
    );
    await expectFieldError(
      dialog,
      /^Motif/,
      'Expliquez en quelques mots pourquoi vous modifiez la répartition.',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
  }, 120_000);

  it('refuses a move by names, then moves 120 h on Aubervilliers from one member to another', async () => {
    const page = await openAllocation('laptop');
    const dialog = await openMoveHours(page);
    await moveHours(page, dialog, {
      lot: 'Lot 1 - Plaine Commune',
      territory: /^Aubervilliers/,
      from: /^Peintures Solidaires 93 /,
      to: /^Envol Bâtiment /,
      hours: '600',
      reason: 'Reprise du chantier par un voisin',
    });
    // The refusal says who holds what, where, by name.
    await dialog.getByRole('alert').getByText('Le déplacement est refusé').waitFor();
    await dialog
      .getByText(/^Peintures Solidaires 93 n’a que 500\s+h sur Aubervilliers au lot 1/)
      .waitFor();
    expect(await dialog.textContent()).not.toMatch(/COM:|org-\d/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'deplacement-refuse');

    await dialog.getByLabel(/^Heures à déplacer/).fill('120,5');
    await dialog.getByRole('button', { name: 'Déplacer les heures' }).click();
    await page.getByRole('heading', { name: 'Version 2', exact: true }).waitFor();
    await page.getByText('Heures déplacées à la main').waitFor();
    const shown = page.getByRole('region', { name: 'Version 2', exact: true });
    await shown.getByText(/, d’après la version 1 par Claire Martin\.$/).waitFor();
    expect(await shown.getByText(COORDINATOR).count()).toBe(0);
    await page
      .getByText(
        /^120,5\s+h déplacées de Peintures Solidaires 93 vers Envol Bâtiment, lot 1, Aubervilliers/,
      )
      .waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'deplacement-version');
  }, 180_000);

  it('shows the moved version without a violation on a phone', async () => {
    const page = await openAllocation('phone');
    await page.getByText('Heures déplacées à la main').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'deplacement-telephone');
  }, 120_000);
});
