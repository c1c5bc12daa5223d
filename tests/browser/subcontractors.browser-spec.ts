import { required } from '@cordage/domain';
import { SubcontractingService } from '@cordage/application';
import { AccessRepository } from '@cordage/persistence';
import { siretFor } from '@cordage/testing';
import { moveBid } from '../e2e/support/bid-state';
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

const PRINCIPAL_EDITOR = 'direction@renov-plaine.test';
const SUBCONTRACTOR = 'direction@ai-plaine.test';
const ACTOR = { userId: null, label: 'Rénov’Plaine', requestId: null };

describe('A subcontractor accepts and declares on a phone; its principal follows on its page, in Chromium', () => {
  const system = webSystemForTests({ worker: false });
  const a11y = accessibilityLog();
  let bidId: string;
  let principalId: string;
  let subcontractorId: string;

  beforeAll(async () => {
    const access = system.persistence.get(AccessRepository);
    const networkId = await access.ensureNetwork('Réseau des sous-traitants');
    bidId = await importExampleBid(system.persistence, networkId);
    await moveBid(system.dataSource, bidId, 'COLLECTING');
    const principal = await memberByKey(system.dataSource, bidId, 'org-001');
    principalId = principal.id;
    const editor = await access.ensureUser(PRINCIPAL_EDITOR, 'Direction Rénov’Plaine');
    await access.grant(editor.id, 'EDITOR', { organisationId: principal.organisationId });
    const invited = await system.persistence.get(SubcontractingService).invite(
      bidId,
      principalId,
      {
        email: SUBCONTRACTOR,
        idScheme: 'SIRET',
        id: siretFor(42, 1),
        organisation: {
          legalName: 'Association intermédiaire Plaine Emploi',
          kind: 'AI',
          employees: 8,
          home: 'COM:93066',
          representative: { name: 'Inès Bouzid', title: 'Directrice' },
        },
      },
      ACTOR,
      { ttlDays: 7 },
    );
    subcontractorId = invited.memberId;
  }, 120_000);

  const person = async (email: string) => {
    const user = required(
      await system.persistence.get(AccessRepository).findUserByEmail(email),
      email,
    );
    return { email, userId: user.id };
  };

  it('accepts and declares its hours with a decimal comma on a phone, then reads the same on a laptop', async () => {
    const page = await signedInPage(
      system,
      await person(SUBCONTRACTOR),
      `/sous-traitance/${bidId}/${subcontractorId}`,
      'phone',
    );
    await page.getByRole('heading', { name: /^Sous-traitance pour / }).waitFor();
    await a11y.check(page, 'sous-traitant-invite-telephone');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'sous-traitant-invite-telephone');

    await page.getByRole('button', { name: 'Accepter' }).click();
    const firstCell = page.locator('fieldset').first().getByRole('textbox').first();
    await firstCell.waitFor();
    await firstCell.fill('12,5');
    await page.locator('fieldset').first().getByRole('textbox').nth(1).fill('1 200');
    await page.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
    await expectVisible(page, /Déclaration enregistrée : 1\s212,5 h/);
    await a11y.check(page, 'sous-traitant-declaration-telephone');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'sous-traitant-declaration-telephone');
    const saved = await system.dataSource.query<{ hours: string }[]>(
      'SELECT hours FROM subcontractor_capacities WHERE member_id = $1 ORDER BY hours',
      [subcontractorId],
    );
    expect(saved.map((row) => Number(row.hours))).toEqual([12.5, 1200]);
    // Nothing else of the bid: its page is not found.
    await page.goto(new URL(`/candidatures/${bidId}`, system.baseUrl).toString());
    await expectVisible(page, /introuvable|pas accessible/i);

    const laptop = await signedInPage(
      system,
      await person(SUBCONTRACTOR),
      `/sous-traitance/${bidId}/${subcontractorId}`,
      'laptop',
    );
    await laptop.getByRole('button', { name: 'Enregistrer ma déclaration' }).waitFor();
    expect(await laptop.locator('fieldset').first().getByRole('textbox').first().inputValue()).toBe(
      '12,5',
    );
    await a11y.check(laptop, 'sous-traitant-declaration-portable');
    expect(a11y.violations).toEqual({});
  }, 300_000);

  it('shows the principal its subcontractor and takes a subcontract in euros with a decimal comma', async () => {
    for (const screen of ['laptop', 'phone'] as const) {
      const page = await signedInPage(
        system,
        await person(PRINCIPAL_EDITOR),
        `/candidatures/${bidId}/membres`,
        screen,
      );
      await page.getByRole('heading', { name: /^Sous-traitants de / }).waitFor();
      await expectVisible(page, 'Association intermédiaire Plaine Emploi');
      await expectVisible(page, /1\s212,5 h/);
      await a11y.check(page, `sous-traitants-membre-${screen}`);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      if (screen === 'phone') continue;

      await page.getByRole('button', { name: 'Nouvelle sous-traitance' }).click();
      const form = page.getByRole('region', { name: 'Nouvelle sous-traitance' });
      await form.getByLabel(/^Lot/).selectOption({ index: 1 });
      await form.getByLabel(/^Prestations confiées/).fill('Préparation des supports');
      await form.getByLabel(/^Durée/).fill('12');
      await form.getByLabel(/^Montant maximal HT/).fill('1 500,50');
      await form.getByLabel(/^Montant maximal TTC/).fill('1 800,60');
      await expectVisible(page, /Paiement direct par l’acheteur/);
      await a11y.check(page, 'sous-traitance-formulaire');
      await form.getByRole('button', { name: 'Enregistrer' }).click();
      await expectVisible(page, /l’acheteur la paiera directement/);
      await screenshot(page, 'sous-traitance-enregistree');
      const [row] = await system.dataSource.query<
        { max_amount_cents: string; amount_incl_vat_cents: string }[]
      >(
        'SELECT max_amount_cents, amount_incl_vat_cents FROM subcontracts WHERE subcontractor_id = $1',
        [subcontractorId],
      );
      expect(row).toEqual({ max_amount_cents: '150050', amount_incl_vat_cents: '180060' });
    }
    expect(a11y.violations).toEqual({});
  }, 300_000);
});
