import { newDirectoryOrganisationSchema, required } from '@cordage/domain';
import { DirectoryService, SubcontractingService } from '@cordage/application';
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
/** A name as a pattern that matches it literally. */
const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const COORDINATOR = 'coordination@reseau-sous-traitants.test';
const IN_DIRECTORY = {
  legalName: 'Association intermédiaire Trait d’Union',
  contactEmail: 'contact@trait-union.test',
};

describe('A subcontractor accepts and declares on a phone; its principal follows on its page, in Chromium', () => {
  const system = webSystemForTests({ worker: false });
  const a11y = accessibilityLog();
  let bidId: string;
  let principalId: string;
  let subcontractorId: string;
  let principalName: string;

  beforeAll(async () => {
    const access = system.persistence.get(AccessRepository);
    const networkId = await access.ensureNetwork('Réseau des sous-traitants');
    const coordinator = await access.ensureUser(COORDINATOR, 'Camille Roux');
    await access.grant(coordinator.id, 'COORDINATOR', { networkId });
    await system.persistence.get(DirectoryService).create(
      networkId,
      newDirectoryOrganisationSchema.parse({
        idScheme: 'SIRET',
        id: siretFor(42, 5),
        legalName: IN_DIRECTORY.legalName,
        kind: 'AI',
        territories: ['COM:93066'],
        contactEmail: IN_DIRECTORY.contactEmail,
        representatives: [
          { name: 'Nadia Benali', title: 'Présidente', email: 'presidence@trait-union.test' },
        ],
      }),
      ACTOR,
    );
    bidId = await importExampleBid(system.persistence, networkId);
    await moveBid(system.dataSource, bidId, 'COLLECTING');
    const principal = await memberByKey(system.dataSource, bidId, 'org-001');
    principalId = principal.id;
    const [named] = await system.dataSource.query<{ legal_name: string }[]>(
      'SELECT legal_name FROM organisations WHERE id = $1',
      [principal.organisationId],
    );
    principalName = required(named, 'the principal').legal_name;
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

  /** The principal's editor signed in on its bid's members page, where its subcontractors show. */
  const principalMembersPage = async (screen: 'laptop' | 'phone') =>
    signedInPage(system, await person(PRINCIPAL_EDITOR), `/candidatures/${bidId}/membres`, screen);

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
      const page = await principalMembersPage(screen);
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

  it('gives a subcontractor who lost the mail its way back from its home page, on a phone and a laptop', async () => {
    for (const screen of ['phone', 'laptop'] as const) {
      const page = await signedInPage(system, await person(SUBCONTRACTOR), '/', screen);
      const section = page.getByRole('region', { name: 'Mes sous-traitances' });
      await section.waitFor();
      await expectVisible(page, literally(`sous-traitant de ${principalName}`));
      await a11y.check(page, `sous-traitant-accueil-${screen}`);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `sous-traitant-accueil-${screen}`);
      await section.getByRole('link').first().click();
      await page.getByRole('heading', { name: /^Sous-traitance pour / }).waitFor();
      expect(page.url()).toContain(`/sous-traitance/${bidId}/${subcontractorId}`);
    }
    expect(a11y.violations).toEqual({});
  }, 300_000);

  it('lets the coordinator see every member’s subcontractors, invite one from the directory and withdraw it on the member’s behalf', async () => {
    const phone = await signedInPage(
      system,
      await person(COORDINATOR),
      `/candidatures/${bidId}/membres`,
      'phone',
    );
    await phone.getByRole('heading', { name: 'Sous-traitance des membres' }).waitFor();
    await a11y.check(phone, 'coordination-sous-traitance-telephone');
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'coordination-sous-traitance-telephone');

    const page = await signedInPage(
      system,
      await person(COORDINATOR),
      `/candidatures/${bidId}/membres`,
      'laptop',
    );
    await page.getByRole('heading', { name: 'Sous-traitance des membres' }).waitFor();
    await page
      .getByRole('region', { name: 'Sous-traitance des membres' })
      .getByRole('button', { name: literally(principalName) })
      .click();
    const section = page.getByRole('region', { name: `Sous-traitants de ${principalName}` });
    await section.waitFor();
    await section.getByText(/Ce que vous faites ici l’est pour le compte de/).waitFor();
    await section.getByText('Association intermédiaire Plaine Emploi', { exact: true }).waitFor();
    await section.getByRole('button', { name: 'Inviter un sous-traitant' }).click();
    await section.getByLabel('Chercher dans l’annuaire du réseau').fill('Trait');
    await section.getByRole('button', { name: `Choisir ${IN_DIRECTORY.legalName}` }).click();
    await expectVisible(page, /Structure choisie : Association intermédiaire Trait d’Union/);
    expect(await section.getByLabel(/^Adresse e-mail de la personne invitée/).inputValue()).toBe(
      IN_DIRECTORY.contactEmail,
    );
    await a11y.check(page, 'coordination-invitation-annuaire');
    await screenshot(page, 'coordination-invitation-annuaire');
    await section.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await expectVisible(page, /Invitation envoyée à contact@trait-union\.test/);
    await section.getByRole('button', { name: `Retirer ${IN_DIRECTORY.legalName}` }).waitFor();
    const [invited] = await system.dataSource.query<{ id: string; on_behalf: string }[]>(
      `SELECT m.id, a.after ->> 'onBehalf' AS on_behalf FROM members m
         JOIN organisations o ON o.id = m.organisation_id
         JOIN audit_events a ON a.entity_id = m.id::text AND a.action = 'member.invited'
        WHERE m.bid_id = $1 AND o.legal_name = $2`,
      [bidId, IN_DIRECTORY.legalName],
    );
    expect(invited?.on_behalf).toBe('true');

    await section.getByRole('button', { name: `Retirer ${IN_DIRECTORY.legalName}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Raison du retrait/).fill('Agrément non renouvelé');
    await a11y.check(page, 'coordination-retrait-sous-traitant');
    await dialog.getByRole('button', { name: 'Retirer ce sous-traitant' }).click();
    await expectVisible(page, /Association intermédiaire Trait d’Union est retiré/);
    const [withdrawn] = await system.dataSource.query<{ status: string }[]>(
      'SELECT status FROM members WHERE id = $1',
      [required(invited, 'the invited subcontractor').id],
    );
    expect(withdrawn?.status).toBe('WITHDRAWN');
    // The history says who did it, for whom.
    await page.goto(new URL(`/candidatures/${bidId}/historique`, system.baseUrl).toString());
    await expectVisible(page, 'Sous-traitant retiré');
    await expectVisible(
      page,
      literally(
        `${IN_DIRECTORY.legalName} (pour le compte de ${principalName}, par la coordination)`,
      ),
    );
    await a11y.check(page, 'historique-sous-traitance');
    expect(a11y.violations).toEqual({});
  }, 300_000);

  it('shows the member what the coordination did on its behalf', async () => {
    for (const screen of ['laptop', 'phone'] as const) {
      const page = await principalMembersPage(screen);
      await expectVisible(page, 'Fait par la coordination pour votre compte');
      await expectVisible(page, /Invitation de Association intermédiaire Trait d’Union/);
      await expectVisible(page, /Retrait du sous-traitant Association intermédiaire Trait d’Union/);
      await expectVisible(page, /par Camille Roux/);
      await a11y.check(page, `sous-traitants-pour-son-compte-${screen}`);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    }
    expect(a11y.violations).toEqual({});
  }, 300_000);
});
