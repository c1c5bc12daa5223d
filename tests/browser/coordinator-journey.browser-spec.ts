import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { required } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import { SmtpSink, issueLoginToken } from '@cordage/testing';
import { type SignedIn, openSession } from '../e2e/support/actors';
import { moveBid } from '../e2e/support/bid-state';
import { importExampleBid } from '../e2e/support/example-bid';
import { signWithCode } from '../e2e/support/signing';
import { screenshot } from './support/browser';
import {
  chooseDoubleMajority,
  generateFreezeAndOpenSigning,
  moveHours,
  openMoveHours,
  removeCellByCorrigendum,
  setConventionClauses,
  uploadOwnCertificate,
} from './support/steps';
import {
  accessibilityLog,
  expectVisible,
  horizontalOverflow,
  signedInPage,
  webSystemForTests,
} from './support/web-system';

jest.setTimeout(1_200_000);

const COORDINATOR = 'coordination@reseau-avenants.test';
/** The four parties of the consortium (the ten others declined); the last one leaves. */
const PARTIES = ['org-001', 'org-002', 'org-003', 'org-004'] as const;
/** Has not declared: reminded, then declares with a decimal comma and signs with its own certificate. */
const LATE = 'org-002';
const LEAVING = 'Envol Bâtiment';

interface Party {
  key: string;
  memberId: string;
  organisationId: string;
  email: string;
  userId: string;
  legalName: string;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The coordinator's whole job in Chromium, on one bid with four parties: a member who has not
 * declared reminded (« Relancer »), a corrigendum that removes a cell and flags the declarations
 * it outdates, a partner's declaration with a decimal comma, the decision rule changed, the
 * allocation computed and hours moved between two members in one override, the vote, the
 * convention's clauses set with their preview, the signature (a partner with its own PKCS#12
 * certificate); then, after the signature, a member who can no longer perform leaves by a change
 * request: the split among the others, their vote in the app, the amendment and the letter to the
 * buyer, each member's signature of the amendment. The sign-in by mail, the import, the
 * invitations and the verification of the signed PDF are journey.browser-spec.ts's.
 */
describe('The coordinator’s and the partners’ whole job in the web app, in Chromium', () => {
  const smtp = new SmtpSink();
  beforeAll(async () => {
    process.env.MAIL_MODE = 'smtp';
    process.env.MAIL_SMTP_URL = await smtp.start();
  });
  afterAll(async () => {
    await smtp.stop();
    delete process.env.MAIL_MODE;
    delete process.env.MAIL_SMTP_URL;
  });
  const system = webSystemForTests();
  const a11y = accessibilityLog();

  /** The example bid collecting capacities, four parties in, each with its person. */
  async function collectingBid(networkId: string): Promise<{ bidId: string; parties: Party[] }> {
    const { dataSource, persistence } = system;
    const access = persistence.get(AccessRepository);
    const bidId = await importExampleBid(persistence, networkId);
    await dataSource.query(
      `UPDATE members SET status = CASE WHEN key = ANY($2) THEN 'ACCEPTED' ELSE 'DECLINED' END
        WHERE bid_id = $1 AND role = 'COTRAITANT'`,
      [bidId, PARTIES],
    );
    const rows = await dataSource.query<
      { key: string; id: string; organisation_id: string; legal_name: string }[]
    >(
      `SELECT m.key, m.id, m.organisation_id, o.legal_name FROM members m
         JOIN organisations o ON o.id = m.organisation_id
        WHERE m.bid_id = $1 AND m.key = ANY($2) ORDER BY m.key`,
      [bidId, PARTIES],
    );
    const parties: Party[] = [];
    for (const row of rows) {
      const email = `direction@${row.key}.test`;
      const user = await access.ensureUser(email, `Direction de ${row.legal_name}`);
      await access.grant(user.id, 'EDITOR', { organisationId: row.organisation_id });
      await access.grant(user.id, 'SIGNATORY', { organisationId: row.organisation_id });
      parties.push({
        key: row.key,
        memberId: row.id,
        organisationId: row.organisation_id,
        email,
        userId: user.id,
        legalName: row.legal_name,
      });
    }
    const late = required(
      parties.find((party) => party.key === LATE),
      'the late member',
    );
    await dataSource.query('DELETE FROM offers WHERE member_id = $1', [late.memberId]);
    await moveBid(dataSource, bidId, 'COLLECTING');
    return { bidId, parties };
  }

  /** A person's api session (the partners who are not driven in the browser at that step). */
  async function sessionOf(person: { email: string; userId: string }): Promise<SignedIn> {
    const token = required(await issueLoginToken(system.persistence, person), 'a login token');
    return openSession(system.api, token, person.email, person.userId);
  }

  /** axe-core's verdict, a screenshot, and no sideways scrolling of the whole page. */
  async function checked(page: Page, step: string): Promise<void> {
    await a11y.check(page, step);
    await screenshot(page, `parcours-${step}`);
    expect(await horizontalOverflow(page)).toBe(0);
  }

  /**
   * Where hours can move in `version`: a party holding at least 20 h on a cell, and another party,
   * without a ceiling of its own, whose offer there leaves room for 10,5 h more.
   */
  async function movableHours(
    coordinator: SignedIn,
    bidId: string,
    version: number,
    parties: readonly Party[],
  ) {
    const bid = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body as {
      lots: {
        number: number;
        title: string;
        cells: { territory: string; territoryName: string; label: string | null }[];
      }[];
      members: { key: string; limits: { maxHours: number | null } | null }[];
    };
    // A member without a ceiling of its own takes the hours: no cap refuses them.
    const unbounded = new Set(
      bid.members
        .filter((member) => member.limits === null || member.limits.maxHours === null)
        .map((member) => member.key),
    );
    const { lines } = (
      await coordinator.get(`/api/bids/${bidId}/allocations/${version}`).expect(200)
    ).body.result as { lines: { org: string; lot: number; territory: string; hours: number }[] };
    const keys = new Set(parties.map((party) => party.key));
    for (const lot of bid.lots) {
      const offers = (
        await coordinator.get(`/api/bids/${bidId}/offers?lot=${lot.number}&limit=1000`).expect(200)
      ).body.items as { member: string; territory: string; hours: number }[];
      for (const line of lines.filter((l) => l.lot === lot.number && l.hours >= 20)) {
        if (!keys.has(line.org)) continue;
        const held = (org: string) =>
          lines.find((l) => l.lot === lot.number && l.territory === line.territory && l.org === org)
            ?.hours ?? 0;
        const taker = offers.find(
          (offer) =>
            offer.territory === line.territory &&
            offer.member !== line.org &&
            keys.has(offer.member) &&
            unbounded.has(offer.member) &&
            offer.hours - held(offer.member) >= 10.5,
        );
        if (!taker) continue;
        const cell = required(
          lot.cells.find((c) => c.territory === line.territory),
          'the cell',
        );
        const name = (key: string) =>
          required(
            parties.find((party) => party.key === key),
            key,
          ).legalName;
        return {
          lot: lot.title,
          territory: new RegExp(`^${escaped(cell.label ?? cell.territoryName)}`),
          fromName: name(line.org),
          toName: name(taker.member),
        };
      }
    }
    throw new Error('no hours to move between two parties in this version');
  }

  it('reminds, corrects the tender, sets the rule, moves hours, sets the clauses, has it signed, then has a member leave by a signed amendment', async () => {
    const { dataSource, persistence } = system;
    const access = persistence.get(AccessRepository);
    const networkId = await access.ensureNetwork('Réseau des avenants');
    const coordinator = await access.ensureUser(COORDINATOR, 'Camille Martin');
    await access.grant(coordinator.id, 'COORDINATOR', { networkId });
    const { bidId, parties } = await collectingBid(networkId);
    const party = (key: string) =>
      required(
        parties.find((p) => p.key === key),
        key,
      );
    const late = party(LATE);
    const base = `/candidatures/${bidId}`;

    // The coordinator reminds the member who has not declared.
    const page = await signedInPage(
      system,
      { email: COORDINATOR, userId: coordinator.id },
      `${base}/membres`,
    );
    await page.getByRole('heading', { name: 'Membres du groupement' }).waitFor();
    const table = page.locator('table').filter({ hasText: 'Structure' });
    await table.getByRole('button', { name: `Relancer ${late.legalName}` }).click();
    await expectVisible(page, `${late.legalName} est relancé`);
    await table
      .getByRole('row')
      .filter({ hasText: late.legalName })
      .getByText(/^Relancé le \d{1,2} \S+ \d{4}/)
      .waitFor();
    await checked(page, 'relance');

    // The buyer's corrigendum removes Saint-Denis from lot 1: the declarations there are flagged.
    await page.goto(`${base}/avis-rectificatifs`);
    const outdated = await removeCellByCorrigendum(page, {
      reference: 'AR-01',
      reason: 'Le collège de Saint-Denis sort du lot 1.',
      lot: '1',
      territory: 'COM:93066',
    });
    expect(await outdated.getByRole('row').count()).toBeGreaterThan(1);
    await checked(page, 'avis-rectificatif-apercu');
    await page.getByRole('button', { name: 'Appliquer l’avis rectificatif n° 1' }).click();
    await page.getByRole('heading', { name: /^Avis rectificatif n° 1 \(AR-01\)/ }).waitFor();
    const first = party('org-001');
    const flagged = await signedInPage(
      system,
      first,
      `${base}/membres/${first.memberId}/capacites`,
      'phone',
    );
    await expectVisible(flagged, 'Déclarations périmées par un avis rectificatif');
    await checked(flagged, 'capacites-perimees-telephone');
    await flagged.context().close();

    // The reminded partner declares: « 12,5 » is twelve hours and a half, shown so.
    const partner = await signedInPage(system, late, `${base}/membres/${late.memberId}/capacites`);
    const hours = partner.getByRole('textbox', { name: /^Heures, lot 1, / }).first();
    await hours.fill('12,5');
    await hours.blur();
    expect(await hours.inputValue()).toBe('12,5');
    await partner
      .getByRole('combobox', { name: /^Préférence, lot 1, / })
      .first()
      .selectOption({ label: 'Principal' });
    await partner.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
    await expectVisible(partner, 'Déclaration enregistrée');
    const offered = await dataSource.query<{ hours: string }[]>(
      'SELECT hours FROM offers WHERE member_id = $1',
      [late.memberId],
    );
    expect(offered.map((row) => Number(row.hours))).toEqual([12.5]);
    await checked(partner, 'declaration-virgule');

    // The call closes; the coordinator chooses the double majority before the vote.
    await page.goto(base);
    await page.getByRole('button', { name: 'Clore l’appel à capacités' }).click();
    await page.getByRole('button', { name: 'Confirmer' }).click();
    await expectVisible(page, 'Répartition en cours');
    await page.goto(`${base}/decision`);
    await chooseDoubleMajority(page);
    await checked(page, 'regle-de-decision');

    // The split, computed; hours moved from one member to another in one override.
    await page.goto(`${base}/repartition`);
    await page.getByRole('button', { name: 'Lancer la répartition' }).click();
    await expectVisible(page, 'Répartition terminée : la version 1 a été créée.', {
      timeout: 120_000,
    });
    const api = await sessionOf({ email: COORDINATOR, userId: coordinator.id });
    const move = await movableHours(api, bidId, 1, parties);
    const dialog = await openMoveHours(page);
    await moveHours(page, dialog, {
      lot: move.lot,
      territory: move.territory,
      from: new RegExp(`^${escaped(move.fromName)} \\(`),
      to: new RegExp(`^${escaped(move.toName)} \\(`),
      hours: '10,5',
      reason: 'Reprise d’un chantier par un membre voisin',
    });
    const moved = page.getByRole('heading', { name: 'Version 2', exact: true });
    const refused = dialog.getByRole('alert');
    await moved.or(refused).first().waitFor({ timeout: 60_000 });
    if ((await refused.count()) > 0) throw new Error(`move refused: ${await dialog.textContent()}`);
    await expectVisible(
      page,
      new RegExp(
        `^10,5\\s+h déplacées de ${escaped(move.fromName)} vers ${escaped(move.toName)}, `,
      ),
    );
    await checked(page, 'heures-deplacees');
    const acknowledge = page.getByRole('checkbox', {
      name: 'J’ai pris connaissance de la part non couverte',
    });
    if ((await acknowledge.count()) > 0) await acknowledge.check();
    await page.getByRole('button', { name: 'Soumettre au vote' }).click();
    await expectVisible(page, 'La version 2 est soumise au vote des membres.');

    // The members approve until the double majority is reached (the vote in the app is driven
    // after the signature, below).
    for (const member of parties) {
      const session = await sessionOf(member);
      const workflow = await session.get(`/api/bids/${bidId}/workflow`).expect(200);
      if ((workflow.body as { status: string }).status !== 'PROPOSED') break;
      await session
        .post(`/api/bids/${bidId}/members/${member.memberId}/votes`)
        .send({ choice: 'APPROVE' })
        .expect(200);
    }

    // The convention's clauses, read in the preview before generating; then signing opens.
    await page.goto(`${base}/convention`);
    await setConventionClauses(page);
    await checked(page, 'clauses-apercu');
    await generateFreezeAndOpenSigning(page);

    // Three members sign through the api; the reminded partner signs in the app with its own
    // PKCS#12 certificate.
    const documents = (await api.get(`/api/bids/${bidId}/documents`).expect(200)).body as {
      id: string;
      kind: string;
      frozenAt: string | null;
    }[];
    const convention = required(
      documents.find((document) => document.kind === 'CONVENTION' && document.frozenAt !== null),
      'the frozen convention',
    );
    for (const member of parties.filter((p) => p !== late)) {
      const signed = await signWithCode(await sessionOf(member), smtp, {
        bidId,
        memberId: member.memberId,
        documentId: convention.id,
      });
      expect(signed.state).toBe('completed');
    }
    await partner.goto(`${base}/convention`);
    await uploadOwnCertificate(partner, {
      name: 'Directrice du membre',
      organisation: late.legalName,
      identifier: 'NTRFR-123456789',
      email: late.email,
    });
    await checked(partner, 'certificat-propre');
    await partner.getByRole('button', { name: 'Recevoir mon code de signature' }).click();
    await partner.getByLabel(/^Code reçu par mail/).fill(await smtp.lastCode(late.email));
    await partner.getByRole('button', { name: 'Signer la convention' }).click();
    await expectVisible(partner, /^Convention signée$/, { timeout: 60_000 });
    await partner
      .getByText(/délivré par Prestataire de confiance/)
      .first()
      .waitFor();
    await checked(partner, 'signature-certificat-propre');
    await partner.context().close();
    await page.goto(base);
    await expectVisible(page, 'Convention signée');

    await memberLeaves(page, bidId, parties);

    // The coordinator's pages of the journey, on a phone too.
    const phone = await signedInPage(
      system,
      { email: COORDINATOR, userId: coordinator.id },
      `${base}/membres`,
      'phone',
    );
    const sections: [string, string][] = [
      ['membres', 'Membres du groupement'],
      ['avis-rectificatifs', 'Avis rectificatifs'],
      ['decision', 'Décision sur la répartition'],
      ['repartition', 'Répartition'],
      ['convention', 'Convention et documents'],
      ['modifications', 'Modifications du groupement'],
    ];
    for (const [section, heading] of sections) {
      await phone.goto(`${base}/${section}`);
      await phone.getByRole('heading', { name: heading, exact: true }).waitFor();
      await a11y.check(phone, `${section}-telephone`);
      await screenshot(phone, `parcours-${section}-telephone`);
    }
    expect(a11y.violations).toEqual({});
  });

  /**
   * After the signature: the coordinator opens a change request, computes the split among the
   * remaining members and puts it to their vote; each approves in the app; the coordinator
   * generates the amendment and the letter to the buyer, downloads the letter and opens the
   * amendment's signature; each member signs it with the code received by mail; the request
   * closes at the last signature.
   */
  async function memberLeaves(page: Page, bidId: string, parties: Party[]): Promise<void> {
    const { dataSource } = system;
    const leaving = required(
      parties.find((party) => party.legalName === LEAVING),
      LEAVING,
    );
    const remaining = parties.filter((party) => party !== leaving);
    const changePage = `/candidatures/${bidId}/modifications`;

    // The coordinator opens the request: who leaves, why, what happened.
    await page.goto(changePage);
    await page.getByRole('heading', { name: 'Modifications du groupement' }).waitFor();
    await page.getByRole('button', { name: 'Ouvrir la demande' }).click();
    await expectVisible(page, 'Choisissez le membre qui quitte.');
    await checked(page, 'modification-formulaire');
    await page.getByLabel(/^Membre qui quitte le groupement/).selectOption({ label: LEAVING });
    await page
      .getByLabel(/^Motif/)
      .selectOption({ label: 'Le membre ne peut plus exécuter sa part' });
    await page
      .getByLabel(/^Ce qui s’est passé/)
      .fill('Placée en liquidation judiciaire le 3 mars : elle ne peut plus exécuter sa part.');
    await page.getByRole('button', { name: 'Ouvrir la demande' }).click();
    await page
      .getByRole('heading', { name: `Avenant n° 1 : ${LEAVING} quitte le groupement` })
      .waitFor();
    await expectVisible(page, 'Nouvelle répartition à calculer');
    await checked(page, 'modification-ouverte');

    // The split among the remaining members, computed and put to their vote.
    await page.getByRole('link', { name: 'calculer la nouvelle répartition' }).click();
    await page.getByRole('button', { name: 'Lancer la répartition' }).click();
    await expectVisible(page, 'Répartition terminée : la version 3 a été créée.', {
      timeout: 120_000,
    });
    await page.getByRole('button', { name: 'Soumettre au vote' }).click();
    await expectVisible(page, 'La version 3 est soumise au vote des membres.');
    await page.goto(changePage);
    await expectVisible(page, 'Vote des membres restants');
    await checked(page, 'modification-vote-coordination');

    // Each remaining member approves from the app, the last one on a phone.
    for (const [index, member] of remaining.entries()) {
      const phone = index === remaining.length - 1;
      const voter = await signedInPage(system, member, changePage, phone ? 'phone' : 'laptop');
      await voter.getByRole('button', { name: 'J’approuve' }).click();
      await expectVisible(voter, /Votre vote est enregistré|Vote enregistré/);
      if (index === 0) await checked(voter, 'modification-vote-membre');
      if (phone) await checked(voter, 'modification-vote-membre-telephone');
      await voter.context().close();
    }

    // The coordinator generates the amendment and the letter to the buyer, downloads the letter,
    // and opens the amendment's signature.
    await page.reload();
    await page.getByRole('button', { name: 'Générer l’avenant et la lettre à l’acheteur' }).click();
    await page
      .getByRole('button', { name: 'Ouvrir la signature de l’avenant' })
      .waitFor({ timeout: 120_000 });
    await checked(page, 'modification-avenant-genere');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^Télécharger Lettre à l’acheteur version 1/ }).click(),
    ]);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await page.getByRole('button', { name: 'Ouvrir la signature de l’avenant' }).click();
    await expectVisible(page, 'Avenant en signature');

    // Each remaining member's signatory signs the amendment with the code received by mail.
    for (const [index, member] of remaining.entries()) {
      const phone = index === remaining.length - 1;
      const signer = await signedInPage(system, member, changePage, phone ? 'phone' : 'laptop');
      await signer.getByRole('button', { name: 'Recevoir mon code de signature' }).click();
      await signer.getByLabel(/^Code reçu par mail/).fill(await smtp.lastCode(member.email));
      await signer.getByRole('button', { name: 'Signer l’avenant' }).click();
      await expectVisible(signer, /^Avenant signé$/, { timeout: 60_000 });
      if (index === 0) await checked(signer, 'modification-signature-membre');
      if (phone) await checked(signer, 'modification-signature-membre-telephone');
      await signer.context().close();
    }

    // The last signature closed the request: the member has left, the letter stays to download.
    await page.reload();
    await expectVisible(page, 'Close : avenant signé');
    await expectVisible(page, /^Tous les membres restants ont signé l’avenant n° 1/);
    await page.getByRole('link', { name: 'Télécharger la lettre à l’acheteur (PDF)' }).waitFor();
    await page.getByRole('link', { name: 'Télécharger l’avenant signé (PDF)' }).waitFor();
    await checked(page, 'modification-close');
    const closed = await dataSource.query<{ status: string; member: string }[]>(
      `SELECT c.status, m.status AS member FROM change_requests c
         JOIN members m ON m.id = c.member_id WHERE c.bid_id = $1`,
      [bidId],
    );
    expect(closed).toEqual([{ status: 'CLOSED', member: 'WITHDRAWN' }]);
  }
});
