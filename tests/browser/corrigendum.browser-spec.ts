import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { loginLinkUrl, required } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import { clearData, issueLoginToken, openTestPersistence } from '@cordage/testing';
import { moveBid } from '../e2e/support/bid-state';
import { importExampleBid } from '../e2e/support/example-bid';
import { memberByKey } from '../e2e/support/system';
import {
  accessibilityViolations,
  launchChromium,
  personBrowser,
  screenshot,
  serveApp,
} from './support/browser';
import { removeCellByCorrigendum } from './support/steps';

jest.setTimeout(300_000);

const COORDINATOR = 'coordination@reseau-avis.test';
const PARTNER = 'ed@org-001.test';

describe('A corrigendum entered by the coordinator and seen by a partner, in Chromium', () => {
  let api: INestApplication;
  let baseUrl: string;
  let persistence: INestApplicationContext;
  let dataSource: DataSource;
  let browser: Browser;
  let bidId: string;
  const a11y: Record<string, string[]> = {};

  const checkAccessibility = async (page: Page, step: string) => {
    const violations = await accessibilityViolations(page);
    if (violations.length > 0) a11y[step] = violations;
  };

  /** A browser signed in as `email` through a login link, opened at `path`. */
  const signedInPage = async (
    email: string,
    userId: string,
    path: string,
    screen: 'laptop' | 'phone',
  ) => {
    const token = await issueLoginToken(persistence, { email, userId });
    const { page } = await personBrowser(browser, baseUrl, screen);
    await page.goto(loginLinkUrl(baseUrl, required(token, 'a login token'), path));
    await page.getByRole('button', { name: 'Me connecter' }).click();
    return page;
  };

  beforeAll(async () => {
    ({ context: persistence, dataSource } = await openTestPersistence());
    await clearData(dataSource);
    ({ app: api, baseUrl } = await serveApp());
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await dataSource?.destroy();
    delete process.env.PUBLIC_URL;
  });

  it('previews, applies and shows the outdated declarations, on a laptop and a phone', async () => {
    const access = persistence.get(AccessRepository);
    const networkId = await access.ensureNetwork('Réseau des avis');
    const coordinator = await access.ensureUser(COORDINATOR, 'Coordination');
    await access.grant(coordinator.id, 'COORDINATOR', { networkId });
    bidId = await importExampleBid(persistence, networkId);
    await moveBid(dataSource, bidId, 'COLLECTING');
    const member = await memberByKey(dataSource, bidId, 'org-001');
    const partner = await access.ensureUser(PARTNER, 'Éditrice org-001');
    await access.grant(partner.id, 'EDITOR', { organisationId: member.organisationId });

    const page = await signedInPage(
      COORDINATOR,
      coordinator.id,
      `/candidatures/${bidId}/avis-rectificatifs`,
      'laptop',
    );
    const preview = await removeCellByCorrigendum(page, {
      reference: 'AR-01',
      reason: 'Le collège de Saint-Denis sort du lot 1.',
      lot: '1',
      territory: 'COM:93066',
    });
    await page.getByText(/: retrait de Saint-Denis$/).waitFor();
    expect(await preview.getByRole('row').count()).toBeGreaterThan(1);
    await checkAccessibility(page, 'aperçu (ordinateur)');
    await screenshot(page, 'avis-rectificatif-apercu');
    await page.getByRole('button', { name: 'Appliquer l’avis rectificatif n° 1' }).click();
    await page.getByRole('heading', { name: /^Avis rectificatif n° 1 \(AR-01\)/ }).waitFor();
    await checkAccessibility(page, 'historique (ordinateur)');
    await screenshot(page, 'avis-rectificatif-applique');

    // The partner, on a phone: its declaration on Saint-Denis is kept and flagged.
    const phone = await signedInPage(
      PARTNER,
      partner.id,
      `/candidatures/${bidId}/membres/${member.id}/capacites`,
      'phone',
    );
    await phone.getByText('Déclarations périmées par un avis rectificatif').waitFor();
    await phone.getByRole('link', { name: 'avis rectificatif n° 1' }).first().waitFor();
    await checkAccessibility(phone, 'capacités périmées (téléphone)');
    await screenshot(phone, 'avis-rectificatif-partenaire-telephone');
    await phone.getByRole('link', { name: 'avis rectificatif n° 1' }).first().click();
    await phone.getByRole('heading', { name: /^Avis rectificatif n° 1/ }).waitFor();
    await checkAccessibility(phone, 'historique (téléphone)');

    expect(a11y).toEqual({});
  });
});
