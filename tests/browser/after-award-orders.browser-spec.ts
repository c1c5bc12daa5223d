import { required } from '@cordage/domain';
import { contractUnderWay, monthsAgo } from '../e2e/support/after-award';
import { screenshot } from './support/browser';
import {
  expectVisible,
  horizontalOverflow,
  memberEditorPerson,
  signedInPage,
  webSystemWithBid,
} from './support/web-system';

const COORDINATOR = 'coordination@reseau-commandes.test';
const PARTNER = 'direction@partenaire-commandes.test';

describe('Orders (bons de commande) in Chromium: an order recorded on a phone', () => {
  const { system, a11y, bid } = webSystemWithBid(
    (started) =>
      contractUnderWay(started, { network: 'Réseau commandes', coordinatorEmail: COORDINATOR }),
    300_000,
  );

  it('proposes the split to the cent, lets it be adjusted, records the order', async () => {
    const { bidId, coordinator } = bid();
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

  it('lets a member pick the order its figures carry out on a phone, refuses one placed after the month, warns past its part', async () => {
    const { bidId, coordinator } = bid();
    const award = (await coordinator.get(`/api/bids/${bidId}/award`).expect(200)).body as {
      cells: { member: string | null; lot: number; territory: string }[];
    };
    const cell = required(
      award.cells.find((c) => c.lot === 1 && c.member !== null),
      'a planned cell of lot 1',
    );
    const { member, person: partner } = await memberEditorPerson(
      system,
      bidId,
      required(cell.member, 'a key'),
      { email: PARTNER, name: 'Direction du partenaire' },
    );
    // Two orders on the member's cell, all of each assigned to it: one placed in period 2, one
    // in period 5.
    const record = (number: string, monthsBack: number, amountCents: number) =>
      coordinator
        .post(`/api/bids/${bidId}/orders`)
        .send({
          number,
          orderedOn: `${monthsAgo(monthsBack).slice(0, 8)}10`,
          lot: 1,
          territories: [cell.territory],
          amountCents,
          assignments: [{ memberId: member.id, amountCents }],
        })
        .expect(201);
    const early = (await record('BC-2027-100', 5, 10_000)).body as { id: string; period: number };
    const later = (await record('BC-2027-200', 2, 50_000)).body as { id: string; period: number };
    expect([early.period, later.period]).toEqual([2, 5]);

    const phone = await signedInPage(system, partner, `/candidatures/${bidId}/realise`, 'phone');
    await phone.getByRole('heading', { name: 'Déclarer le réalisé' }).waitFor();
    await phone.getByLabel('Mois déclaré').selectOption('3');
    const group = phone
      .getByRole('group')
      .filter({ has: phone.getByLabel(/^Bon de commande exécuté/) })
      .first();
    const picker = group.getByLabel(/^Bon de commande exécuté/);
    await picker.waitFor();
    // The order placed after the month is listed, and cannot be chosen.
    const options = picker.locator('option');
    const after = options.filter({ hasText: 'BC-2027-200' });
    expect(await after.textContent()).toBe('BC-2027-200 : passé après ce mois, non utilisable');
    expect(await after.isDisabled()).toBe(true);
    await picker.selectOption(early.id);
    await group.getByLabel(/^Heures travaillées/).fill('10');
    await group.getByLabel(/^Chiffre d’affaires facturé/).fill('150');
    await group.getByLabel(/^Chiffre d’affaires facturé/).blur();
    // 150 € on an order whose part is 100 €: accepted, with a warning.
    await expectVisible(phone, /dépasse votre part \(100,00\s€\) de 50,00\s€/);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await a11y.check(phone, 'declaration-bon-de-commande-telephone');
    await screenshot(phone, 'declaration-bon-de-commande-telephone');
    await phone.getByRole('button', { name: 'Déclarer ce mois' }).click();
    await expectVisible(phone, /Enregistré : 1 territoire/);
    await expectVisible(phone, /réalisé sur le bon de commande BC-2027-100/);
    const [figure] = await system.dataSource.query<{ order_id: string }[]>(
      `SELECT order_id FROM realised_figures WHERE member_id = $1 AND period_number = 3`,
      [member.id],
    );
    expect(figure?.order_id).toBe(early.id);

    // The api refuses the later order for this month, in French, naming the field.
    const refused = await coordinator
      .post(`/api/bids/${bidId}/members/${member.id}/realised`)
      .send({
        entries: [
          {
            lot: 1,
            territory: cell.territory,
            period: 3,
            hours: 1,
            revenueCents: 100,
            insertionHours: 0,
            insertionPeople: 0,
            orderId: later.id,
          },
        ],
        reason: 'Autre bon',
      })
      .expect(422);
    expect(refused.body.problems[0]).toMatchObject({
      path: 'entries[0].orderId',
      code: 'ORDER_AFTER_PERIOD',
    });
    expect(refused.body.problems[0].message).toMatch(/passé après la période 3/);
    expect(a11y.violations).toEqual({});
  }, 300_000);
});
