import { decimalText, required } from '@cordage/domain';
import { SmtpSink, readExampleScenario } from '@cordage/testing';
import type { SignedIn } from '../e2e/support/actors';
import { awardedExampleBid, recordExampleAward } from '../e2e/support/after-award';
import { moveBid } from '../e2e/support/bid-state';
import { memberByKey } from '../e2e/support/system';
import { personBrowser, screenshot } from './support/browser';
import {
  accessibilityLog,
  expectVisible,
  horizontalOverflow,
  signedInPage,
  webSystemForTests,
} from './support/web-system';

const COORDINATOR = 'coordination@reseau-renouvellement.test';
/** A member with offers on lots 1, 2 and 3 of the example; lot 3 is not in the next tender. */
const CARRIED = 'org-005';
const SIGN_IN_LINK = /https?:\/\/\S+\/api\/auth\/callback\?token=\S+/;

interface CarriedOffer {
  lot: number;
  territory: string;
  hours: number;
  preference: 'PRIMARY' | 'SECONDARY';
}

describe('Renewal in Chromium: the next tender started from the finished one, on a phone', () => {
  const smtp = new SmtpSink();
  const system = webSystemForTests({ smtp });
  const a11y = accessibilityLog();
  let bidId: string;
  let coordinator: SignedIn;
  /** The bid the first test creates. */
  let next: string;

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
    // Lot 3 is not in the next tender: its offers are not carried.
    await phone.getByRole('button', { name: 'Retirer le lot n° 3' }).click();
    await phone.getByRole('button', { name: 'Créer la candidature renouvelée' }).click();

    await phone.getByRole('heading', { name: 'Reprise du marché précédent' }).waitFor();
    await expectVisible(phone, /Cette candidature renouvelle/);
    await expectVisible(phone, /\+10\s000,00\s€/);
    await expectVisible(phone, /sous-traitant : à déclarer de nouveau par son mandant/);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await a11y.check(phone, 'reprise-marche-precedent-telephone');
    await screenshot(phone, 'reprise-marche-precedent-telephone');

    const url = new URL(phone.url());
    next = url.pathname.split('/')[2] ?? '';
    expect(next).not.toBe(bidId);
    const [bid] = await system.dataSource.query<{ status: string }[]>(
      'SELECT status FROM bids WHERE id = $1',
      [next],
    );
    expect(bid?.status).toBe('DRAFT');
    expect(a11y.violations).toEqual({});
  }, 300_000);

  it('signs the representative in from the renewal mail onto its capacity page, its offers prefilled', async () => {
    const example = readExampleScenario() as {
      organizations: { key: string; legalName: string; representative: { email: string } }[];
      tender: { lots: { number: number; title: string }[] };
    };
    const organisation = required(
      example.organizations.find((candidate) => candidate.key === CARRIED),
      CARRIED,
    );
    const email = organisation.representative.email.toLowerCase();
    const { id: memberId } = await memberByKey(system.dataSource, next, CARRIED);
    const mail = await smtp.waitForMail(email, (candidate) =>
      candidate.subject.startsWith('Renouvellement'),
    );
    const link = required(SIGN_IN_LINK.exec(mail.text), 'the sign-in link')[0];

    // The link's page, one click, and the member's capacity page: the invitation to answer.
    const { page } = await personBrowser(system.browser, system.baseUrl);
    await page.goto(link);
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await page.waitForURL(`**/candidatures/${next}/membres/${memberId}/capacites`);
    await page
      .getByRole('heading', { name: `Capacités de ${organisation.legalName}`, level: 2 })
      .waitFor();
    const summary = page.getByRole('region', { name: 'Offres reprises du marché précédent' });
    await summary.waitFor();
    const lot3 = required(example.tender.lots[2], 'lot 3').title;
    await expectVisible(
      page,
      new RegExp(`${lot3}.*ce lot n’est plus dans la nouvelle consultation`),
    );
    await a11y.check(page, 'capacites-reprises-invitation');
    await screenshot(page, 'capacites-reprises-invitation');
    await page.getByRole('button', { name: 'Accepter l’invitation' }).click();
    await expectVisible(page, /L’appel à capacités n’est pas encore ouvert/);

    // Once the call is open, the form holds the carried offers as drafts: nothing saved yet.
    await moveBid(system.dataSource, next, 'COLLECTING');
    const proposal = (
      await coordinator.get(`/api/bids/${next}/members/${memberId}/carried-offers`).expect(200)
    ).body as { offers: CarriedOffer[] };
    expect(proposal.offers.length).toBeGreaterThan(0);
    await page.reload();
    await page.getByRole('button', { name: 'Enregistrer ma déclaration' }).waitFor();
    await expectVisible(page, 'Offres reprises du marché précédent');
    await expectVisible(
      page,
      /rien n’est enregistré tant que la déclaration n’est pas enregistrée/,
    );
    const names = new Map(
      (
        await system.dataSource.query<{ code: string; name: string }[]>(
          'SELECT code, name FROM territories WHERE bid_id IS NULL AND code = ANY($1)',
          [proposal.offers.map((offer) => offer.territory)],
        )
      ).map((row) => [row.code, row.name]),
    );
    for (const offer of proposal.offers) {
      const name = required(names.get(offer.territory), offer.territory);
      const hours = page.getByLabel(`Heures, lot ${offer.lot}, ${name}`, { exact: true });
      expect(await hours.inputValue()).toBe(decimalText(offer.hours));
      const preference = page.getByLabel(`Préférence, lot ${offer.lot}, ${name}`, { exact: true });
      expect(await preference.inputValue()).toBe(offer.preference);
    }
    const [before] = await system.dataSource.query<{ count: string }[]>(
      'SELECT count(*) FROM offers WHERE member_id = $1',
      [memberId],
    );
    expect(before?.count).toBe('0');
    await a11y.check(page, 'capacites-reprises-formulaire');
    await screenshot(page, 'capacites-reprises-formulaire');

    // Confirmed as they are: exactly those offers are written.
    await page.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
    await expectVisible(page, 'Déclaration enregistrée');
    const written = await system.dataSource.query<CarriedOffer[]>(
      `SELECT l.number AS lot, t.code AS territory, o.hours::float8 AS hours, o.preference
         FROM offers o JOIN lot_cells c ON c.id = o.lot_cell_id JOIN lots l ON l.id = c.lot_id
         JOIN territories t ON t.id = c.territory_id
        WHERE o.member_id = $1 ORDER BY l.number, t.code`,
      [memberId],
    );
    const byCell = (offers: CarriedOffer[]) =>
      offers
        .map(({ lot, territory, hours, preference }) => ({ lot, territory, hours, preference }))
        .sort((a, b) => a.lot - b.lot || a.territory.localeCompare(b.territory));
    expect(written).toEqual(byCell(proposal.offers));
    // The declaration now stands: the proposal's notice is gone.
    await page.getByText('Offres reprises du marché précédent').waitFor({ state: 'hidden' });
    expect(a11y.violations).toEqual({});
  }, 300_000);
});
