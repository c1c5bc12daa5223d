import { required } from '@cordage/domain';
import { awardedExampleBid, monthsAgo } from '../e2e/support/after-award';
import { screenshot } from './support/browser';
import {
  expectVisible,
  horizontalOverflow,
  memberEditorPerson,
  signedInPage,
  webSystemWithBid,
} from './support/web-system';

const COORDINATOR = 'coordination@reseau-execution.test';
const PARTNER = 'direction@partenaire-execution.test';

describe('After the award in Chromium: the award, a month declared on a phone, planned against realised', () => {
  // An awarded bid, set up through the api as the e2e test does: the allocation computed and
  // taken as signed, then the AWARD step.
  const { system, a11y, bid } = webSystemWithBid(
    (started) =>
      awardedExampleBid(started, { network: 'Réseau exécution', coordinatorEmail: COORDINATOR }),
    180_000,
  );

  it('records the award and a contract, takes a month with decimal commas on a phone, shows the plan against the realised', async () => {
    const { bidId, coordinator } = bid();
    // The coordinator records the award: lot 3 lost, lot 2 at another amount typed the French way.
    const page = await signedInPage(
      system,
      { email: COORDINATOR, userId: coordinator.userId },
      `/candidatures/${bidId}/attribution`,
    );
    await page.getByRole('heading', { name: 'Attribution du marché' }).waitFor();
    await page.getByLabel(/^Date de la notification/).fill(monthsAgo(7));
    await page
      .getByRole('group', { name: /^Lot 3 / })
      .getByRole('radio', { name: 'Perdu' })
      .check();
    const amount = page.getByRole('group', { name: /^Lot 2 / }).getByLabel(/^Montant attribué/);
    await amount.fill('250000,01');
    await amount.blur();
    // Shown as understood: thousands grouped, the comma kept.
    expect((await amount.inputValue()).replace(/\s/g, ' ')).toBe('250 000,01');
    await expectVisible(page, /Compris : 250\s000,01\s€ HT/);
    await a11y.check(page, 'attribution-saisie');
    await screenshot(page, 'apres-attribution-saisie');
    await page.getByRole('button', { name: 'Enregistrer l’attribution' }).click();
    await expectVisible(page, 'Attribution enregistrée.');
    await expectVisible(page, /montant attribué 250\s000,01\s€ HT/);

    // Lot 1's contract: twelve monthly periods from six months ago.
    const contract = page.getByRole('group', { name: 'Le marché du lot 1' });
    await contract.getByLabel(/^Premier jour d’exécution/).fill(monthsAgo(6));
    await contract.getByLabel(/^Durée du marché/).fill('12');
    await page.getByRole('button', { name: 'Fixer le marché du lot 1' }).click();
    await expectVisible(page, /Marché du lot 1 fixé : 12 périodes/);
    await expectVisible(page, /12 périodes de déclaration \(chaque mois\)/);
    await a11y.check(page, 'attribution-enregistree');
    await screenshot(page, 'apres-attribution-enregistree');

    const award = (await coordinator.get(`/api/bids/${bidId}/award`).expect(200)).body as {
      lots: { lot: number; outcome: string; awardedCents: number | null }[];
      cells: { member: string | null; lot: number; territory: string }[];
    };
    expect(award.lots.map((lot) => [lot.lot, lot.outcome, lot.awardedCents])).toEqual([
      [1, 'WON', expect.any(Number)],
      [2, 'WON', 25_000_001],
      [3, 'LOST', null],
      [4, 'WON', expect.any(Number)],
    ]);

    // A partner with a planned share on lot 1 declares last month on its phone.
    const key = required(
      award.cells.find((cell) => cell.lot === 1 && cell.member !== null)?.member,
      'a member with a plan on lot 1',
    );
    const { member, person: partner } = await memberEditorPerson(system, bidId, key, {
      email: PARTNER,
      name: 'Direction du partenaire',
    });
    const phone = await signedInPage(system, partner, `/candidatures/${bidId}/realise`, 'phone');
    await phone.getByRole('heading', { name: 'Déclarer le réalisé' }).waitFor();
    const first = phone.getByRole('group').filter({ has: phone.getByLabel(/^Heures travaillées/) });
    const cell = first.first();
    const hours = cell.getByLabel(/^Heures travaillées/);
    // A negative figure is refused in French, next to its field, as soon as it is left.
    await hours.fill('-3');
    await hours.blur();
    await expectVisible(phone, 'Indiquez un nombre positif.');
    await hours.fill('151,67');
    await cell.getByLabel(/^Chiffre d’affaires facturé/).fill('4250,5');
    await cell.getByLabel(/^Heures d’insertion/).fill('35,5');
    await cell.getByLabel(/^Personnes en insertion/).fill('2');
    await cell.getByLabel(/^Personnes en insertion/).blur();
    expect(
      (await cell.getByLabel(/^Chiffre d’affaires facturé/).inputValue()).replace(/\s/g, ' '),
    ).toBe('4 250,5');
    await expectVisible(phone, /Compris : 4\s250,50\s€/);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await a11y.check(phone, 'declaration-telephone');
    await screenshot(phone, 'apres-attribution-declaration-telephone');
    await phone.getByRole('button', { name: 'Déclarer ce mois' }).click();
    await expectVisible(phone, /Enregistré : 1 territoire/);

    // A correction without its reason: the api's French message, next to the reason's field.
    await cell.getByLabel(/^Chiffre d’affaires facturé/).fill('4300');
    await phone.getByRole('button', { name: 'Déclarer ce mois' }).click();
    await expectVisible(phone, 'Motif de la correction obligatoire.');
    await screenshot(phone, 'apres-attribution-correction-sans-motif');
    await phone.getByLabel(/^Motif de la correction/).fill('Facture complétée');
    await phone.getByRole('button', { name: 'Déclarer ce mois' }).click();
    await expectVisible(phone, /dont 1 correction/);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);

    const [entries] = await system.dataSource.query<{ n: number; last: string }[]>(
      `SELECT count(*)::int AS n, max(revenue_cents)::text AS last FROM realised_entries
       WHERE member_id = $1`,
      [member.id],
    );
    expect(entries).toEqual({ n: 2, last: '430000' });

    // The coordinator may declare for a member: the page says on whose behalf.
    await page.goto(`/candidatures/${bidId}/realise`);
    await page.getByRole('heading', { name: 'Déclarer le réalisé' }).waitFor();
    await expectVisible(page, 'Déclaration pour le compte d’un membre');
    await page.getByRole('button', { name: 'Déclarer pour son compte' }).waitFor();
    await a11y.check(page, 'declaration-pour-le-compte');

    // The coordinator reads the plan against the realised, with its charts and heat map.
    await page.goto(`/candidatures/${bidId}/suivi`);
    await page.getByRole('heading', { name: 'Prévu et réalisé', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'Écarts par territoire et par mois' }).waitFor();
    await page
      .getByRole('table', { name: /^Écarts au prévu par territoire et par mois/ })
      .waitFor();
    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBeGreaterThan(0);
    const partnerChart = page.locator('figure').filter({ hasText: /./ });
    expect(await partnerChart.count()).toBeGreaterThan(0);
    await expectVisible(page, 'Alertes d’écart');
    await a11y.check(page, 'prevu-realise');
    await screenshot(page, 'apres-attribution-prevu-realise');

    // The partner reads its own figures on its phone: cards, every amount in view.
    await phone.goto(`/candidatures/${bidId}/suivi`);
    await phone.getByRole('heading', { name: 'Écarts par territoire et par mois' }).waitFor();
    await phone.getByRole('listitem').filter({ hasText: 'Réalisé cumulé' }).first().waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await a11y.check(phone, 'prevu-realise-telephone');
    await screenshot(phone, 'apres-attribution-prevu-realise-telephone');

    expect(a11y.violations).toEqual({});
  }, 300_000);
});
