import type { Page } from 'playwright-core';
import { BidEventsFeed } from '@cordage/application';
import { AccessRepository } from '@cordage/persistence';
import { signIn } from '../e2e/support/actors';
import { proposeFirstAllocation } from '../e2e/support/bid-state';
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

jest.setTimeout(300_000);

const COORDINATOR = 'coordination@reseau-direct.test';
const PARTNER = 'direction@chantier-lilas.test';

/** Marks the page: the mark survives any update in place, never a reload. */
const markPage = (page: Page) =>
  page.evaluate(() => {
    (globalThis as unknown as { cordageNotReloaded: boolean }).cordageNotReloaded = true;
  });
const stillSamePage = (page: Page) =>
  page.evaluate(
    () => (globalThis as unknown as { cordageNotReloaded?: boolean }).cordageNotReloaded === true,
  );

describe('The coordinator’s open page follows a partner’s vote by itself, and the version page with its charts, in Chromium', () => {
  const system = webSystemForTests();
  const a11y = accessibilityLog();
  let bidId: string;
  let coordinatorId: string;
  let partnerId: string;

  beforeAll(async () => {
    const { api, dataSource, persistence } = system;
    const access = persistence.get(AccessRepository);
    const networkId = await access.ensureNetwork('Réseau en direct');
    coordinatorId = (await access.ensureUser(COORDINATOR, 'Claire Martin')).id;
    const coordinator = await signIn(api, dataSource, COORDINATOR, [
      { role: 'COORDINATOR', networkId },
    ]);
    bidId = await importExampleBid(persistence, networkId);
    const member = await memberByKey(dataSource, bidId, 'org-003');
    partnerId = (await access.ensureUser(PARTNER, 'Karim Benali')).id;
    await access.grant(partnerId, 'EDITOR', { organisationId: member.organisationId });
    await proposeFirstAllocation(dataSource, coordinator, bidId);
  }, 240_000);

  it('shows the partner’s vote on the coordinator’s decision page without a reload', async () => {
    const coordinator = await signedInPage(
      system,
      { email: COORDINATOR, userId: coordinatorId },
      `/candidatures/${bidId}/decision`,
    );
    await expectVisible(coordinator, /^0 membre sur \d+ a voté$/, { failureShot: 'direct-avant' });
    await markPage(coordinator);
    // The page follows the bid's event stream: the api holds its subscription.
    const feed = system.api.get(BidEventsFeed);
    const deadline = Date.now() + 60_000;
    while (feed.followers(bidId) < 1) {
      if (Date.now() > deadline) throw new Error('the page never opened the event stream');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // The partner, in a browser of its own, approves the version.
    const partner = await signedInPage(
      system,
      { email: PARTNER, userId: partnerId },
      `/candidatures/${bidId}/decision`,
    );
    await partner.getByRole('button', { name: 'J’approuve' }).click();
    await expectVisible(partner, 'Votre vote est enregistré.', { failureShot: 'direct-vote' });

    // The coordinator's page counts it, by itself.
    await expectVisible(coordinator, /^1 membre sur \d+ a voté$/, {
      failureShot: 'direct-apres',
    });
    expect(await stillSamePage(coordinator)).toBe(true);
    await screenshot(coordinator, 'direct-vote-recu');
    await partner.context().close();
    await coordinator.context().close();
    // Both pages gone: the api released their subscriptions.
    const released = Date.now() + 60_000;
    while (feed.followers(bidId) > 0) {
      if (Date.now() > released) throw new Error('the event stream was never released');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  for (const screen of ['laptop', 'phone'] as const) {
    it(`shows the version with its charts, its table and the printable summary (${screen})`, async () => {
      const page = await signedInPage(
        system,
        { email: COORDINATOR, userId: coordinatorId },
        `/candidatures/${bidId}/repartition`,
        screen,
      );
      await page
        .getByRole('heading', { name: 'Part de chaque membre, tous lots confondus' })
        .waitFor();
      await page
        .getByRole('img', { name: /^Graphique : montant de chaque membre, en barres empilées/ })
        .waitFor();
      expect(
        await page.getByRole('img', { name: /^Graphique : part de chaque membre dans / }).count(),
      ).toBe(4);
      const table = page.getByRole('table', { name: 'Part de chaque membre, tous lots confondus' });
      await table.getByRole('row', { name: /^Total / }).waitFor();

      const summary = page.getByRole('link', { name: 'Résumé imprimable (PDF)' });
      const href = await summary.getAttribute('href');
      expect(href).toBe(`/api/bids/${bidId}/allocations/1/summary`);
      const pdf = await page.request.get(href ?? '');
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');

      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `version-graphiques-${screen}`);
      await a11y.check(page, `version-${screen}`);
      await page.context().close();
    });
  }

  it('passes axe-core on every page seen', () => {
    expect(a11y.violations).toEqual({});
  });
});
