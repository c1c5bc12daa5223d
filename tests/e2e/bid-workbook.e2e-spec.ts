import ExcelJS from 'exceljs';
import type request from 'supertest';
import { DOCUMENT_MEDIA_TYPES, required } from '@cordage/domain';
import { BidScenarioRepository } from '@cordage/persistence';
import { clearData, exampleScenario } from '@cordage/testing';
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
