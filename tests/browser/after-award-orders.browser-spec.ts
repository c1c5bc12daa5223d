import { required } from '@cordage/domain';
import type { SignedIn } from '../e2e/support/actors';
import { awardedExampleBid, exampleAward, monthsAgo } from '../e2e/support/after-award';
import { screenshot } from './support/browser';
import {
  accessibilityLog,
  expectVisible,
  horizontalOverflow,
  signedInPage,
  webSystemForTests,
} from './support/web-system';

const COORDINATOR = 'coordination@reseau-commandes.test';

describe('Orders (bons de commande) in Chromium: an order recorded on a phone', () => {
  const system = webSystemForTests();
  const a11y = accessibilityLog();
  let bidId: string;
  let coordinator: SignedIn;

  beforeAll(async () => {
    ({ bidId, coordinator } = await awardedExampleBid(system, {
      network: 'Réseau commandes',
      coordinatorEmail: COORDINATOR,
    }));
    await coordinator
      .post(`/api/bids/${bidId}/award`)
      .send(exampleAward(monthsAgo(7)))
      .expect(204);
    await coordinator
      .post(`/api/bids/${bidId}/award/contracts`)
      .send({ lot: 1, startOn: monthsAgo(6), durationMonths: 12 })
      .expect(200);
  }, 300_000);

  it('proposes the split to the cent, lets it be adjusted, records the order', async () => {
    const award = (await coordinator.get(`/api/bids/${bidId}/award`).expect(200)).body as {
      cells: { member: string | null; lot: number; territory: string }[];
    };
    const territory = required(
      award.cells.find((cell) => cell.lot === 1 && cell.member !== null),
      'a planned cell of lot 1',
    ).territory;
    const phone = await signedInPage(
      system,
      { email: COORDINATOR, userId: coordinator.userId },
      `/candidatures/${bidId}/bons-de-commande`,
      'phone',
    );
    await phone.getByRole('heading', { name: 'Bons de commande', level: 2 }).waitFor();
    await expectVisible(phone, 'Aucun bon de commande enregistré pour l’instant.');
    await phone.getByLabel(/^Numéro du bon/).fill('BC-2027-014');
    await phone.getByLabel(/^Date du bon/).fill(`${monthsAgo(5).slice(0, 8)}10`);
    const amount = phone.getByLabel(/^Montant du bon/);
    await amount.fill('12345,67');
    await amount.blur();
    await expectVisible(phone, /Compris : 12\s345,67\s€ HT/);
    await phone.locator(`input[type="checkbox"][value="${territory}"]`).check();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await a11y.check(phone, 'bon-de-commande-saisie-telephone');
    await phone.getByRole('button', { name: 'Proposer l’attribution' }).click();
    await phone.getByRole('group', { name: 'Attribution aux membres' }).waitFor();
    await expectVisible(phone, /Total des parts : 12\s345,67\s€ pour un bon de 12\s345,67\s€/);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await a11y.check(phone, 'bon-de-commande-attribution-telephone');
    await screenshot(phone, 'bon-de-commande-attribution-telephone');

    // A part changed so that the total no longer adds up: the api refuses, in French.
    const parts = phone
      .getByRole('group', { name: 'Attribution aux membres' })
      .getByRole('textbox');
    const first = parts.first();
    const before = await first.inputValue();
    await first.fill('1');
    await first.blur();
    await expectVisible(phone, /à ajuster/);
    await phone.getByRole('button', { name: 'Enregistrer le bon et son attribution' }).click();
    await expectVisible(phone, /doivent être égales au centime près/);
    await first.fill(before);
    await first.blur();
    await phone.getByRole('button', { name: 'Enregistrer le bon et son attribution' }).click();
    await expectVisible(phone, /Bon n° BC-2027-014 enregistré/);
    await phone.getByRole('heading', { name: /^Bon n° BC-2027-014 du/ }).waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await a11y.check(phone, 'bons-de-commande-liste-telephone');
    await screenshot(phone, 'bons-de-commande-liste-telephone');

    const orders = (await coordinator.get(`/api/bids/${bidId}/orders`).expect(200)).body.orders as {
      amountCents: number;
      assignments: { amountCents: number }[];
    }[];
    expect(orders).toHaveLength(1);
    const [order] = orders;
    expect(order?.amountCents).toBe(1_234_567);
    expect(order?.assignments.reduce((sum, part) => sum + part.amountCents, 0)).toBe(1_234_567);
    expect(a11y.violations).toEqual({});
  }, 300_000);
});
