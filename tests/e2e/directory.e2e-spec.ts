import ExcelJS from 'exceljs';
import { DIRECTORY_COLUMNS, DOCUMENT_MEDIA_TYPES } from '@cordage/domain';
import { exampleScenario, siretFor } from '@cordage/testing';
import { systemForTests } from './support/system';
import { type SignedIn, coordinatorOfNewNetwork } from './support/actors';
import {
  type BidOfMember,
  type DirectoryLine,
  directoryOrganisationInBids,
  hoursBeyondLimitWarnings,
  importDirectory,
} from './support/directory';

jest.setTimeout(120_000);

const XLSX = DOCUMENT_MEDIA_TYPES.XLSX;
const WORKSHOPS = 49;

function workshop(index: number): DirectoryLine {
  return {
    idScheme: 'SIRET',
    id: siretFor(77, index),
    legalName: `Atelier protégé ${String(index).padStart(2, '0')}`,
    kind: index % 7 === 0 ? 'EA' : 'ESAT',
    legalForm: 'ASSOCIATION_LOI_1901',
    address: `${index} rue des Ateliers, 93200 Saint-Denis`,
    staff: 5 + index * 6,
    approvalNumber: `ESAT-93-${index}`,
    approvalDate: '2020-01-15',
    territories: index % 2 === 0 ? 'DEP:93, COM:93066' : 'DEP:94',
    contactName: `Contact ${index}`,
    contactEmail: `contact@atelier-${index}.test`,
    representativeName: `Directrice ${index}`,
    representativeTitle: 'directrice',
    representativeEmail: `direction@atelier-${index}.test`,
    maxHours: index === 1 ? 1000 : 100_000,
    maxRevenue: '1 500 000',
    maxInsertionHours: 5000,
  };
}

describe('The network’s directory: imported once, reused by its bids, its commitments watched', () => {
  const system = systemForTests({ worker: false });
  let networkId: string;
  let coordinator: SignedIn;
  const directoryRows = async (network: string) =>
    (
      await system.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM network_organisations WHERE network_id = $1',
        [network],
      )
    )[0]?.n;

  beforeAll(async () => {
    ({ networkId, coordinator } = await coordinatorOfNewNetwork(
      system.api,
      system.dataSource,
      'Fédération',
    ));
  });

  it('gives the template to fill in', async () => {
    const template = await coordinator
      .get(`/api/networks/${networkId}/organisations/template`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('Content-Type', XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.body as ArrayBuffer);
    const header = book.getWorksheet('Organisations')?.getRow(1).values as string[];
    expect(header.slice(1)).toEqual(DIRECTORY_COLUMNS.map((column) => column.header));
  });

  it('refuses a file with mistakes as a whole, each located by line and column in French', async () => {
    const lines = Array.from({ length: WORKSHOPS }, (_, i) => workshop(i + 1));
    const bad = lines.map((line) => ({ ...line }));
    const siret = String(bad[3]?.id);
    bad[3] = { ...bad[3], id: `${siret.slice(0, 13)}${(Number(siret[13]) + 1) % 10}` }; // line 5
    bad[5] = { ...bad[5], kind: 'SCOP' }; // line 7
    bad[7] = { ...bad[7], territories: 'DEP:999' }; // line 9
    bad[9] = { ...bad[9], maxHours: 'beaucoup' }; // line 11
    bad[11] = { ...bad[11], id: lines[0]?.id }; // line 13: the same as line 2
    const refused = await importDirectory(coordinator, networkId, bad, 422);
    expect(refused.body.code).toBe('INVALID_INPUT');
    expect(refused.body.problems.map((p: { path: string }) => p.path)).toEqual([
      'ligne 5, colonne « Identifiant »',
      'ligne 7, colonne « Type de structure »',
      'ligne 11, colonne « Heures maximum »',
      'ligne 13, colonne « Identifiant »',
    ]);
    expect(refused.body.problems[0].message).toBe(
      'identifiant : SIRET invalide (clé de contrôle de Luhn incorrecte)',
    );
    expect(refused.body.problems[3].message).toBe('identifiant : déjà donné ligne 2');
    expect(await directoryRows(networkId)).toBe(0);

    // The file's own checks pass; the territory is checked against the official list.
    for (const index of [3, 5, 9, 11]) bad[index] = { ...lines[index] };
    const unknown = await importDirectory(coordinator, networkId, bad, 422);
    expect(unknown.body.problems).toEqual([
      {
        path: 'ligne 9, colonne « Territoires »',
        code: 'UNKNOWN_TERRITORY',
        message: 'territoires : territoire inconnu DEP:999',
      },
    ]);
    expect(await directoryRows(networkId)).toBe(0);
    expect(
      (
        await system.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM organisations WHERE id_value LIKE '7077%'`,
        )
      )[0]?.n,
    ).toBe(0);
  });

  it('imports 49 workshops from a workbook, then lists, searches and filters them', async () => {
    const lines = Array.from({ length: WORKSHOPS }, (_, i) => workshop(i + 1));
    const started = Date.now();
    const imported = await importDirectory(coordinator, networkId, lines, 201);
    console.info(`directory import: ${WORKSHOPS} organisations in ${Date.now() - started} ms`);
    expect(imported.body).toMatchObject({ imported: WORKSHOPS, alreadyKnown: 0 });
    expect(await directoryRows(networkId)).toBe(WORKSHOPS);

    const base = `/api/networks/${networkId}/organisations`;
    const all = (await coordinator.get(`${base}?limit=500`).expect(200)).body;
    expect(all.total).toBe(WORKSHOPS);
    expect(all.items[0]).toMatchObject({
      legalName: 'Atelier protégé 01',
      idScheme: 'SIRET',
      kind: 'ESAT',
      size: 'SMALL',
      territories: ['DEP:94'],
      limits: { maxHours: 1000, maxRevenueCents: 150_000_000, maxInsertionHours: 5000 },
      approvalDate: '2020-01-15',
    });
    const eas = (await coordinator.get(`${base}?kind=EA`).expect(200)).body;
    expect(eas.total).toBe(7);
    const inSaintDenis = (await coordinator.get(`${base}?territory=COM:93066`).expect(200)).body;
    expect(inSaintDenis.total).toBe(24);
    const micro = (await coordinator.get(`${base}?size=MICRO`).expect(200)).body;
    expect(micro.items.map((o: { staff: number }) => o.staff)).toEqual([]);
    const large = (await coordinator.get(`${base}?size=LARGE&kind=ESAT`).expect(200)).body;
    expect(large.items.every((o: { staff: number }) => o.staff >= 250)).toBe(true);
    const byName = (await coordinator.get(`${base}?search=protégé 1`).expect(200)).body;
    expect(byName.items.map((o: { legalName: string }) => o.legalName)).toEqual(
      expect.arrayContaining(['Atelier protégé 10', 'Atelier protégé 19']),
    );
    const byId = (
      await coordinator.get(`${base}?search=${siretFor(77, 3).slice(0, 12)}`).expect(200)
    ).body;
    expect(byId.items.map((o: { legalName: string }) => o.legalName)).toContain(
      'Atelier protégé 03',
    );
    // Wildcards are text.
    expect((await coordinator.get(`${base}?search=%25`).expect(200)).body.total).toBe(0);
  });

  it('adds one organisation, refuses it twice (409) and names a bad field in French', async () => {
    const base = `/api/networks/${networkId}/organisations`;
    const entry = {
      idScheme: 'SIRET',
      id: siretFor(78, 1),
      legalName: 'Association intermédiaire du canal',
      kind: 'AI',
      territories: ['DEP:93'],
      representatives: [{ name: 'Paul Martin', title: 'président', email: 'p@ai.test' }],
      limits: { maxHours: 2000 },
    };
    const created = (await coordinator.post(base).send(entry).expect(201)).body;
    expect(created).toMatchObject({
      kind: 'AI',
      limits: { maxHours: 2000, maxRevenueCents: null },
    });
    const twice = await coordinator.post(base).send(entry).expect(409);
    expect(twice.body.code).toBe('ALREADY_IN_DIRECTORY');
    const badSiret = await coordinator
      .post(base)
      .send({ ...entry, id: `${entry.id.slice(0, 13)}${(Number(entry.id[13]) + 1) % 10}` })
      .expect(400);
    expect(JSON.stringify(badSiret.body)).toContain('identifiant : SIRET invalide');
    const badKind = await coordinator
      .post(base)
      .send({ ...entry, kind: 'SCOP' })
      .expect(400);
    expect(JSON.stringify(badKind.body)).toContain('type : une valeur parmi');
    const updated = await coordinator
      .patch(`${base}/${created.organisationId}`)
      .send({ staff: 12, limits: { maxHours: 2500 } })
      .expect(200);
    expect(updated.body).toMatchObject({ staff: 12, size: 'SMALL', limits: { maxHours: 2500 } });
    const history = await system.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`,
      [created.organisationId],
    );
    expect(history.map((event) => event.action)).toEqual([
      'directory.organisation_added',
      'directory.organisation_updated',
    ]);
  });

  it('prefills an entry from the recorded official registries', async () => {
    const found = await coordinator
      .get(`/api/networks/${networkId}/registry?idScheme=SIRET&id=80000000400013`)
      .expect(200);
    expect(found.body).toMatchObject({ source: 'EA', kind: 'EA', approvalNumber: 'EA-93-0004' });
    await coordinator
      .get(`/api/networks/${networkId}/registry?idScheme=SIRET&id=${siretFor(79, 1)}`)
      .expect(404);
  });

  describe('three bids, one workshop declaring beyond its limits', () => {
    let bids: BidOfMember[] = [];
    let workshopId: string;
    let editor: SignedIn;

    beforeAll(async () => {
      const [row] = await system.dataSource.query<{ id: string }[]>(
        'SELECT id FROM organisations WHERE id_value = $1',
        [siretFor(77, 1)],
      );
      workshopId = String(row?.id);
      // Entered once: each bid adds the workshop by its SIRET alone and finds the directory's.
      ({ bids, editor } = await directoryOrganisationInBids(
        system,
        coordinator,
        networkId,
        {
          organisationId: workshopId,
          email: 'direction@atelier-1.test',
          idScheme: 'SIRET',
          id: siretFor(77, 1),
        },
        [1, 2, 3].map((n) => {
          const reference = `FED-2027-${n}`;
          return { reference, scenario: exampleScenario({ reference }) };
        }),
      ));
    });

    const declare = (bid: { id: string; memberId: string }, hours: number) =>
      editor.put(`/api/bids/${bid.id}/members/${bid.memberId}/offers`).send({
        offers: [{ lot: 1, territory: 'COM:93066', hours, preference: 'PRIMARY' }],
      });

    it('says nothing while within the limits, and warns past them naming the other bids', async () => {
      const [first, second, third] = bids as [(typeof bids)[0], (typeof bids)[0], (typeof bids)[0]];
      expect((await declare(first, 400).expect(200)).body.warnings).toEqual([]);
      expect((await declare(second, 400).expect(200)).body.warnings).toEqual([]);
      const beyond = (await declare(third, 300).expect(200)).body;
      expect(beyond.offers).toBe(1);
      expect(beyond.warnings).toEqual(
        hoursBeyondLimitWarnings([
          { id: first.id, reference: 'FED-2027-1' },
          { id: second.id, reference: 'FED-2027-2' },
        ]),
      );
      expect(beyond.warnings[0].message).toContain('FED-2027-1');
      expect(beyond.warnings[0].message).toContain('FED-2027-2');
    });

    it('shows the over-commitment on the network’s page and the workshop’s page', async () => {
      const over = (await coordinator.get(`/api/networks/${networkId}/commitments`).expect(200))
        .body;
      expect(over.items).toHaveLength(1);
      expect(over.items[0]).toMatchObject({
        organisationId: workshopId,
        legalName: 'Atelier protégé 01',
        assessment: {
          totals: { DECLARED: { HOURS: 1100 } },
          overages: [expect.objectContaining({ measure: 'HOURS', basis: 'DECLARED', total: 1100 })],
        },
      });
      const page = (
        await coordinator.get(`/api/networks/${networkId}/organisations/${workshopId}`).expect(200)
      ).body;
      expect(page.bids.map((bid: { reference: string }) => bid.reference).sort()).toEqual([
        'FED-2027-1',
        'FED-2027-2',
        'FED-2027-3',
      ]);
      expect(page.commitments.bids).toHaveLength(3);
      expect(page.commitments.overages).toHaveLength(1);
    });

    it('lists a bid’s members bare, and lets the coordinator enter their details once', async () => {
      const [member] = await system.dataSource.query<
        { id: string; id_scheme: string; id_value: string }[]
      >(
        `SELECT o.id, o.id_scheme, o.id_value FROM members m JOIN organisations o
         ON o.id = m.organisation_id WHERE m.bid_id = $1 AND m.key = 'org-001'`,
        [bids[0]?.id],
      );
      const base = `/api/networks/${networkId}/organisations`;
      const bare = (await coordinator.get(`${base}/${member?.id}`).expect(200)).body;
      // Bare of the directory's details; the representative the bid's file gave is the network's.
      expect(bare.organisation).toMatchObject({
        territories: [],
        contactEmail: null,
        representatives: [
          { name: 'Représentant 1', title: 'Directeur', email: 'rep1@example.org' },
        ],
      });
      const entry = {
        idScheme: member?.id_scheme,
        id: member?.id_value,
        legalName: 'ignoré : le nom partagé reste',
        kind: 'EI',
        territories: ['COM:93066'],
        representatives: [{ name: 'Rep', title: 'gérant', email: 'rep@org-001.test' }],
        staff: 30,
      };
      const completed = await coordinator.post(base).send(entry).expect(201);
      expect(completed.body).toMatchObject({ organisationId: member?.id, staff: 30 });
      await coordinator.post(base).send(entry).expect(409);
    });

    it('shows a second network only the identifier and legal name of a shared workshop', async () => {
      const other = await coordinatorOfNewNetwork(
        system.api,
        system.dataSource,
        'Autre réseau',
        'coord@autre.test',
      );
      const base = `/api/networks/${other.networkId}/organisations`;
      // Network A's directory, pages and commitments: hidden as if they did not exist.
      await other.coordinator.get(`/api/networks/${networkId}/organisations`).expect(404);
      await other.coordinator
        .get(`/api/networks/${networkId}/organisations/${workshopId}`)
        .expect(404);
      await other.coordinator.get(`/api/networks/${networkId}/commitments`).expect(404);
      await other.coordinator.get(`${base}/${workshopId}`).expect(404);
      await other.coordinator
        .patch(`/api/networks/${networkId}/organisations/${workshopId}`)
        .send({ staff: 1 })
        .expect(404);

      // B lists the same workshop with what it knows of it.
      const added = await other.coordinator
        .post(base)
        .send({
          idScheme: 'SIRET',
          id: siretFor(77, 1),
          legalName: 'Nom que B croyait',
          kind: 'EA',
          territories: ['COM:93066'],
          representatives: [{ name: 'X', title: 'président', email: 'x@b.test' }],
        })
        .expect(201);
      expect(added.body).toMatchObject({
        organisationId: workshopId,
        legalName: 'Atelier protégé 01',
        kind: 'ESAT',
        territories: ['COM:93066'],
        staff: null,
        address: null,
        contactEmail: null,
        approvalNumber: null,
        limits: { maxHours: null, maxRevenueCents: null, maxInsertionHours: null },
      });
      const page = (await other.coordinator.get(`${base}/${workshopId}`).expect(200)).body;
      expect(page.bids).toEqual([]);
      expect(page.commitments.bids).toEqual([]);
      const seen = JSON.stringify(page) + JSON.stringify((await other.coordinator.get(base)).body);
      for (const secret of [
        'FED-2027',
        'direction@atelier-1.test',
        'contact@atelier-1.test',
        'ESAT-93-1',
        '1 rue des Ateliers',
        ...bids.map((bid) => bid.id),
      ]) {
        expect(seen).not.toContain(secret);
      }
      expect(
        (await other.coordinator.get(`/api/networks/${other.networkId}/commitments`)).body,
      ).toEqual({ items: [] });
      // A's page is unchanged by B's entry.
      const mine = (
        await coordinator.get(`/api/networks/${networkId}/organisations/${workshopId}`).expect(200)
      ).body;
      expect(mine.organisation).toMatchObject({ territories: ['DEP:94'], staff: 11 });
    });
  });

  it('answers hostile input with a French 4xx, never a 500', async () => {
    const base = `/api/networks/${networkId}/organisations`;
    const answers = [
      await coordinator.get(`${base}?limit=99999999999`),
      await coordinator.get(`${base}?size=HUGE`),
      await coordinator.get(`${base}?kind=';DROP TABLE organisations;--`),
      await coordinator.get(`${base}/not-a-uuid`),
      await coordinator.get(`${base}/00000000-0000-4000-8000-000000000000`),
      await coordinator.post(base).send({ idScheme: 'SIRET', id: '1'.repeat(5000) }),
      await coordinator.post(base).send([]),
      await coordinator.patch(`${base}/00000000-0000-4000-8000-000000000000`).send({ staff: -3 }),
      await coordinator.patch(`${base}/00000000-0000-4000-8000-000000000000`).send({}),
      await coordinator
        .post(`${base}/import`)
        .set('Content-Type', XLSX)
        .send(Buffer.from('PK garbage')),
      await coordinator
        .post(`${base}/import`)
        .set('Content-Type', 'text/csv')
        .send(Buffer.from([0xff, 0xfe, 0x00])),
      await coordinator.post(`${base}/import`).set('Content-Type', 'text/csv').send('a;"b\n'),
      await coordinator
        .post(`${base}/import`)
        .set('Content-Type', 'text/csv')
        .send('Identifiant;Raison sociale\n'),
      await coordinator.post(`${base}/import`).send({ file: 'x' }),
      await coordinator.get(`/api/networks/${networkId}/registry?idScheme=SIRET&id=123`),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([
      400, 400, 400, 400, 404, 400, 400, 400, 400, 422, 422, 422, 422, 422, 422,
    ]);
    for (const answer of answers) expect(typeof answer.body.message).toBe('string');
    expect(answers[9]?.body.problems[0].message).toBe('ce n’est pas un classeur XLSX');
    expect(answers[12]?.body.problems.map((p: { message: string }) => p.message)).toContain(
      'colonne « Type de structure » absente',
    );
  });

  it('imports a CSV written by French Excel (semicolons, BOM, quoted fields)', async () => {
    const header = DIRECTORY_COLUMNS.map((column) => column.header).join(';');
    const line = DIRECTORY_COLUMNS.map((column) => {
      const value = { ...workshop(60), address: '1 rue "du Port"; bât. A' }[column.key];
      return value === undefined ? '' : `"${String(value).replace(/"/g, '""')}"`;
    }).join(';');
    const imported = await coordinator
      .post(`/api/networks/${networkId}/organisations/import`)
      .set('Content-Type', 'text/csv; charset=utf-8')
      .send(`\uFEFF${header}\r\n${line}\r\n`)
      .expect(201);
    expect(imported.body.organisations[0]).toMatchObject({
      line: 2,
      legalName: 'Atelier protégé 60',
    });
    const page = (
      await coordinator
        .get(
          `/api/networks/${networkId}/organisations/${imported.body.organisations[0].organisationId}`,
        )
        .expect(200)
    ).body;
    expect(page.organisation.address).toBe('1 rue "du Port"; bât. A');
  });
});
