import ExcelJS from 'exceljs';
import type request from 'supertest';
import { DOCUMENT_MEDIA_TYPES, required } from '@cordage/domain';
import { BidScenarioRepository } from '@cordage/persistence';
import { bidTableCounts, clearData, exampleScenario } from '@cordage/testing';
import { pollJob } from './support/harness';
import { memberByKey, systemForTests } from './support/system';
import { type SignedIn, coordinatorOfNewNetwork, signIn } from './support/actors';

const XLSX = DOCUMENT_MEDIA_TYPES.XLSX;

/** The answer's bytes, whatever its media type. */
const bytes = (test: request.Test) =>
  test.buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });

async function workbookOf(content: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  return workbook;
}

describe('A bid as a workbook: the template, the export and its import back (real api and worker)', () => {
  const system = systemForTests();
  let coordinator: SignedIn;
  let networkId: string;

  beforeEach(async () => {
    await clearData(system.dataSource);
    ({ coordinator, networkId } = await coordinatorOfNewNetwork(system.api, system.dataSource));
  });

  async function importWorkbook(by: SignedIn, content: Buffer, network: string): Promise<string> {
    const accepted = await by
      .post(`/api/scenarios/xlsx?networkId=${network}`)
      .set('Content-Type', XLSX)
      .send(content)
      .expect(202);
    const { last } = await pollJob(by, accepted.body.jobId);
    expect(last.state).toBe('completed');
    return required(last.result, 'the result of the import').bidId;
  }

  it('gives the template in euros and French words, and it imports as it stands', async () => {
    const template = await bytes(coordinator.get(`/api/scenarios/template?networkId=${networkId}`))
      .expect(200)
      .expect('Content-Type', XLSX)
      .expect('Content-Disposition', 'attachment; filename="modele-candidature.xlsx"');
    const workbook = await workbookOf(template.body as Buffer);
    expect(workbook.getWorksheet('Lots')?.getCell('C1').value).toBe('Montant HT (€)');
    expect(workbook.getWorksheet('Lots')?.getCell('C2').value).toBe(125_000.5);
    expect(workbook.getWorksheet('Offres')?.getCell('E2').value).toBe('Principale');
    expect(workbook.getWorksheet('Cellules')?.getCell('B2').value).toBe(
      'Aubervilliers (COM:93001)',
    );

    const bidId = await importWorkbook(coordinator, template.body as Buffer, networkId);
    const bid = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body;
    expect(bid.lots.map((lot: { amountCents: number }) => lot.amountCents)).toEqual([12_500_050]);
    expect(bid.totals).toMatchObject({ lots: 1, cells: 3, members: 2, offers: 4 });
  });

  it('exports the example bid and imports it back in another network as the same bid', async () => {
    const accepted = await coordinator.post('/api/scenarios').send(exampleScenario()).expect(202);
    const { last } = await pollJob(coordinator, accepted.body.jobId);
    const bidId = required(last.result, 'the example imported').bidId;

    const exported = await bytes(coordinator.get(`/api/bids/${bidId}/workbook`))
      .expect(200)
      .expect('Content-Type', XLSX);
    expect(exported.headers['content-disposition']).toBe(
      `attachment; filename="candidature-${bidId}.xlsx"`,
    );
    const workbook = await workbookOf(exported.body as Buffer);
    // Amounts in euros, territories by name: the reader's words, not the file format's.
    expect(workbook.getWorksheet('Lots')?.getCell('C2').value).toBe(237_185.99);
    expect(workbook.getWorksheet('Cellules')?.getCell('B2').value).toBe(
      'Aubervilliers (COM:93001)',
    );

    const other = await coordinatorOfNewNetwork(
      system.api,
      system.dataSource,
      'Autre réseau',
      'coordination@autre-reseau.test',
    );
    const copyId = await importWorkbook(
      other.coordinator,
      exported.body as Buffer,
      other.networkId,
    );
    expect(copyId).not.toBe(bidId);

    // The same lots, cells, amounts (cents), members, offers, limits and subcontracts.
    const scenarios = system.persistence.get(BidScenarioRepository);
    const original = required(await scenarios.exportScenario(bidId), 'the original');
    const copy = required(await scenarios.exportScenario(copyId), 'the copy');
    expect(copy).toEqual(original);
    const [bid, copied] = await Promise.all([
      coordinator.get(`/api/bids/${bidId}`).expect(200),
      other.coordinator.get(`/api/bids/${copyId}`).expect(200),
    ]);
    expect(copied.body.totals).toEqual(bid.body.totals);
    expect(copied.body.totals).toMatchObject({ lots: 4, cells: 39, members: 19, offers: 142 });
  });

  /** The template with these cells rewritten: sheet -> cell address -> text. */
  async function templateWith(cells: Record<string, Record<string, string>>): Promise<Buffer> {
    const template = await bytes(
      coordinator.get(`/api/scenarios/template?networkId=${networkId}`),
    ).expect(200);
    const workbook = await workbookOf(template.body as Buffer);
    for (const [sheet, values] of Object.entries(cells)) {
      for (const [address, text] of Object.entries(values)) {
        required(workbook.getWorksheet(sheet), sheet).getCell(address).value = text;
      }
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('reads territories by name, settles homonyms by the bid, and refuses the rest by cell', async () => {
    const before = await bidTableCounts(system.dataSource);
    // Cells B2-B4 (Aubervilliers, Montreuil, Saint-Denis), seats G2-G3, offers C2-C5.
    const hostile = await templateWith({
      Cellules: { B2: 'Montreuil', B3: 'Saint-Denis', B4: 'Bobigy' },
      Organisations: { G2: 'Bruxelles', G3: 'Berlin' },
      Offres: { C2: 'saint denis', C3: 'Montreuil (59)', C4: 'Montreuil', C5: 'Paris (75)' },
    });
    const refused = await coordinator
      .post(`/api/scenarios/xlsx?networkId=${networkId}`)
      .set('Content-Type', XLSX)
      .send(hostile)
      .expect(422);
    expect(refused.body.code).toBe('INVALID_SCENARIO');
    expect(refused.body.message).toMatch(/rien n’a été importé/);
    const problems = refused.body.problems as { path: string; code: string; message: string }[];
    const at = (path: string) => {
      const found = problems.find((problem) => problem.path === path);
      if (!found) throw new Error(`no problem at ${path}: ${JSON.stringify(problems, null, 1)}`);
      return found;
    };
    // Montreuil and Saint-Denis each name communes of several départements, and the bid's
    // other territories (typos, homonyms, foreign names) settle nothing.
    const montreuil = at('feuille « Cellules », ligne 2, colonne B « Territoire »');
    expect(montreuil.code).toBe('AMBIGUOUS_TERRITORY');
    for (const candidate of [
      'Montreuil — commune, Seine-Saint-Denis (93) — COM:93048',
      'Montreuil — commune, Eure-et-Loir (28) — COM:28267',
      'Montreuil — commune, Vendée (85) — COM:85148',
    ]) {
      expect(montreuil.message).toContain(candidate);
    }
    expect(montreuil.message).toMatch(/écrivez « Montreuil \((93|28|85)\) » ou le code COM:/);
    const saintDenis = at('feuille « Cellules », ligne 3, colonne B « Territoire »');
    expect(saintDenis.code).toBe('AMBIGUOUS_TERRITORY');
    expect(saintDenis.message).toContain('Saint-Denis — commune, La Réunion (974) — COM:97411');
    const typo = at('feuille « Cellules », ligne 4, colonne B « Territoire »');
    expect(typo).toMatchObject({ code: 'UNKNOWN_TERRITORY' });
    expect(typo.message).toContain('aucun territoire ne s’appelle « Bobigy »');
    expect(typo.message).toContain('Bobigny — commune, Seine-Saint-Denis (93) — COM:93008');
    // Another country's city: Cordage knows Belgium's regions and provinces by name.
    const brussels = at('feuille « Organisations », ligne 2, colonne G « Siège (territoire) »');
    expect(brussels.code).toBe('UNKNOWN_TERRITORY');
    expect(brussels.message).toContain(
      'Région de Bruxelles-Capitale — région, Belgique — BE:04000',
    );
    expect(brussels.message).toContain('BE:21004 (code NIS)');
    expect(at('feuille « Offres », ligne 3, colonne C « Territoire »').message).toContain(
      'aucun territoire « Montreuil » ne se trouve en « 59 »',
    );
    expect(at('feuille « Organisations », ligne 3, colonne G « Siège (territoire) »').code).toBe(
      'UNKNOWN_TERRITORY',
    );
    // Paris is a commune and a département: the « 75 » tells them no more apart than the bid.
    expect(at('feuille « Offres », ligne 5, colonne C « Territoire »').message).toMatch(
      /Paris — commune, Paris \(75\) — COM:75056 ; Paris — département, Île-de-France — DEP:75.*écrivez le code/,
    );
    expect(await bidTableCounts(system.dataSource)).toEqual(before);

    // Named as the error says, mixed with codes: each name becomes its commune of the 93.
    const fixed = await templateWith({
      Cellules: { B2: 'aubervilliers', B3: 'Montreuil (93)', B4: 'Saint-Denis (COM:93066)' },
      Organisations: { G2: 'SAINT-DENIS', G3: 'COM:93048' },
      Offres: { C2: 'saint denis', C3: 'Aubervilliers', C4: 'Montreuil', C5: 'COM:93001' },
    });
    const bidId = await importWorkbook(coordinator, fixed, networkId);
    const scenario = required(
      await system.persistence.get(BidScenarioRepository).exportScenario(bidId),
      'the bid imported',
    );
    expect(scenario.tender.lots[0]?.cells.map((cell) => cell.territory)).toEqual([
      'COM:93001',
      'COM:93048',
      'COM:93066',
    ]);
    expect(scenario.organizations.map((organisation) => organisation.home).sort()).toEqual([
      'COM:93048',
      'COM:93066',
    ]);
    expect(scenario.offers.map((offer) => offer.territory).sort()).toEqual([
      'COM:93001',
      'COM:93001',
      'COM:93048',
      'COM:93066',
    ]);
  });

  it('gives the export to the bid’s coordinators only: 404 to another network, 403 to a partner', async () => {
    const accepted = await coordinator.post('/api/scenarios').send(exampleScenario()).expect(202);
    const { last } = await pollJob(coordinator, accepted.body.jobId);
    const bidId = required(last.result, 'the example imported').bidId;

    const other = await coordinatorOfNewNetwork(
      system.api,
      system.dataSource,
      'Autre réseau',
      'coordination@autre-reseau.test',
    );
    const hidden = await other.coordinator.get(`/api/bids/${bidId}/workbook`).expect(404);
    expect(hidden.body.code).toBe('NOT_FOUND');

    const member = await memberByKey(system.dataSource, bidId, 'org-001');
    const partner = await signIn(system.api, system.dataSource, 'editeur@org-001.test', [
      { role: 'EDITOR', organisationId: member.organisationId },
    ]);
    const refused = await partner.get(`/api/bids/${bidId}/workbook`).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');

    await coordinator.get(`/api/bids/00000000-0000-4000-8000-000000000000/workbook`).expect(404);
  });
});
