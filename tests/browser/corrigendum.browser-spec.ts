import { AccessRepository } from '@cordage/persistence';
import { moveBid } from '../e2e/support/bid-state';
import { importExampleBid } from '../e2e/support/example-bid';
import { screenshot } from './support/browser';
import { removeCellByCorrigendum } from './support/steps';
import {
  accessibilityLog,
  memberEditorPerson,
  signedInPage,
  webSystemForTests,
} from './support/web-system';

jest.setTimeout(300_000);

const COORDINATOR = 'coordination@reseau-avis.test';
const PARTNER = 'ed@org-001.test';

describe('A corrigendum entered by the coordinator and seen by a partner, in Chromium', () => {
  const system = webSystemForTests({ worker: false });
  const a11y = accessibilityLog();
  let bidId: string;

  it('previews, applies and shows the outdated declarations, on a laptop and a phone', async () => {
    const access = system.persistence.get(AccessRepository);
    const networkId = await access.ensureNetwork('Réseau des avis');
    const coordinator = await access.ensureUser(COORDINATOR, 'Coordination');
    await access.grant(coordinator.id, 'COORDINATOR', { networkId });
    bidId = await importExampleBid(system.persistence, networkId);
    await moveBid(system.dataSource, bidId, 'COLLECTING');
    const { member, person: partner } = await memberEditorPerson(system, bidId, 'org-001', {
      email: PARTNER,
      name: 'Éditrice org-001',
    });

    const page = await signedInPage(
      system,
      { email: COORDINATOR, userId: coordinator.id },
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
    await a11y.check(page, 'aperçu (ordinateur)');
    await screenshot(page, 'avis-rectificatif-apercu');
    await page.getByRole('button', { name: 'Appliquer l’avis rectificatif n° 1' }).click();
    await page.getByRole('heading', { name: /^Avis rectificatif n° 1 \(AR-01\)/ }).waitFor();
    await a11y.check(page, 'historique (ordinateur)');
    await screenshot(page, 'avis-rectificatif-applique');

    // The partner, on a phone: its declaration on Saint-Denis is kept and flagged.
    const phone = await signedInPage(
      system,
      partner,
      `/candidatures/${bidId}/membres/${member.id}/capacites`,
      'phone',
    );
    await phone.getByText('Déclarations périmées par un avis rectificatif').waitFor();
    await phone.getByRole('link', { name: 'avis rectificatif n° 1' }).first().waitFor();
    await a11y.check(phone, 'capacités périmées (téléphone)');
    await screenshot(phone, 'avis-rectificatif-partenaire-telephone');
    await phone.getByRole('link', { name: 'avis rectificatif n° 1' }).first().click();
    await phone.getByRole('heading', { name: /^Avis rectificatif n° 1/ }).waitFor();
    await a11y.check(phone, 'historique (téléphone)');

    expect(a11y.violations).toEqual({});
  });
});
