import type { SignedIn } from '../e2e/support/actors';
import { awardedExampleBid, recordExampleAward } from '../e2e/support/after-award';
import { screenshot } from './support/browser';
import {
  accessibilityLog,
  expectVisible,
  horizontalOverflow,
  signedInPage,
  webSystemForTests,
} from './support/web-system';

const COORDINATOR = 'coordination@reseau-renouvellement.test';

describe('Renewal in Chromium: the next tender started from the finished one, on a phone', () => {
  const system = webSystemForTests();
  const a11y = accessibilityLog();
  let bidId: string;
  let coordinator: SignedIn;

  beforeAll(async () => {
    ({ bidId, coordinator } = await awardedExampleBid(system, {
      network: 'Réseau renouvellement',
      coordinatorEmail: COORDINATOR,
    }));
    await recordExampleAward(coordinator, bidId);
  }, 300_000);

  it('types the next tender from the previous lots, then shows the carry-over in French', async () => {
    const phone = await signedInPage(
      system,
      { email: COORDINATOR, userId: coordinator.userId },
      `/candidatures/${bidId}`,
      'phone',
    );
    const renewal = phone.getByRole('region', { name: 'Renouvellement du marché' });
    await renewal.waitFor();
    await renewal.getByRole('link', { name: 'Renouveler', exact: true }).click();
    await phone.getByRole('heading', { name: 'Renouveler le marché', level: 2 }).waitFor();
    // The previous lots come typed: lot 1's amount is there, to be changed.
    const lot1 = phone.getByRole('region', { name: 'Lot n° 1' });
    const amount = lot1.getByLabel(/^Montant du lot/);
    await expectVisible(phone, 'Lot n° 4');
    expect(await amount.inputValue()).toBe('237185,99');
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await a11y.check(phone, 'renouvellement-saisie-telephone');

    // Sent without its new reference: refused next to the field, nothing created.
    await phone.getByRole('button', { name: 'Créer la candidature renouvelée' }).click();
    await expectVisible(phone, 'Indiquez la référence de la consultation.');

    await phone.getByLabel(/^Référence de la consultation/).fill('2031-D93-PEINT');
    await phone.getByLabel(/^Date limite de remise des offres/).fill('2035-11-15');
    await amount.fill('247185,99');
    await amount.blur();
    await phone.getByRole('button', { name: 'Créer la candidature renouvelée' }).click();

    await phone.getByRole('heading', { name: 'Reprise du marché précédent' }).waitFor();
    await expectVisible(phone, /Cette candidature renouvelle/);
    await expectVisible(phone, /\+10\s000,00\s€/);
    await expectVisible(phone, /sous-traitant : à déclarer de nouveau par son mandant/);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await a11y.check(phone, 'reprise-marche-precedent-telephone');
    await screenshot(phone, 'reprise-marche-precedent-telephone');

    const url = new URL(phone.url());
    const next = url.pathname.split('/')[2] ?? '';
    expect(next).not.toBe(bidId);
    const [bid] = await system.dataSource.query<{ status: string }[]>(
      'SELECT status FROM bids WHERE id = $1',
      [next],
    );
    expect(bid?.status).toBe('DRAFT');
    expect(a11y.violations).toEqual({});
  }, 300_000);
});
