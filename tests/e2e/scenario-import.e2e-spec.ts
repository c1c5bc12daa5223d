import { DOCUMENT_MEDIA_TYPES, at, required, validateScenario } from '@cordage/domain';
import { scenarioWorkbook } from '@cordage/documents';
import { bidTableCounts, clearData, exampleScenario } from '@cordage/testing';
import { pollJob } from './support/harness';
import { systemForTests } from './support/system';
import { type SignedIn, coordinatorOfNewNetwork } from './support/actors';

describe('Importing a scenario through the api (real Postgres, Redis and worker)', () => {
  const system = systemForTests();
  let coordinator: SignedIn;

  beforeEach(async () => {
    await clearData(system.dataSource);
    ({ coordinator } = await coordinatorOfNewNetwork(system.api, system.dataSource));
  });

  /** Imports the example through the api and waits for the job: the bid's id. */
  async function importExample(): Promise<string> {
    const accepted = await coordinator.post('/api/scenarios').send(exampleScenario()).expect(202);
    const { last } = await pollJob(coordinator, accepted.body.jobId);
    return required(last.result, 'the result of the import').bidId;
  }

  it('imports the example bid and reads it back with its lots, members, offers and totals', async () => {
    const file = exampleScenario();
    const accepted = await coordinator.post('/api/scenarios').send(file).expect(202);
    expect(accepted.body).toEqual({
      jobId: expect.any(String),
      statusUrl: `/api/jobs/${accepted.body.jobId}`,
    });

    const { last, seen } = await pollJob(coordinator, accepted.body.jobId);
    expect(last.state).toBe('completed');
    expect(last.progress).toBe(100);
    expect(seen.every((status, i) => i === 0 || status.progress >= at(seen, i - 1).progress)).toBe(
      true,
    );
    const { bidId, counts } = required(last.result, 'the result of the import');
    expect(counts).toMatchObject({
      lots: 4,
      cells: 39,
      members: 19,
      offers: 142,
      limits: 7,
      subcontracts: 5,
    });

    const bid = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body;
    const tender = file.tender as {
      reference: string;
      lots: { number: number; amountCents: number; cells: { demandHours: number }[] }[];
    };
    const offers = file.offers as { org: string; hours: number }[];
    expect(bid.tender).toMatchObject({
      reference: tender.reference,
      buyer: { idScheme: 'SIRET', id: '22930008201453' },
    });
    expect(
      bid.lots.map((lot: { number: number; amountCents: number }) => [lot.number, lot.amountCents]),
    ).toEqual(tender.lots.map((lot) => [lot.number, lot.amountCents]));
    expect(bid.totals).toEqual({
      lots: 4,
      cells: 39,
      members: 19,
      offers: 142,
      amountCents: tender.lots.reduce((sum, lot) => sum + lot.amountCents, 0),
      insertionHours: (file.tender as { lots: { insertionHours: number }[] }).lots.reduce(
        (s, l) => s + l.insertionHours,
        0,
      ),
      demandHours: tender.lots
        .flatMap((lot) => lot.cells)
        .reduce((sum, cell) => sum + cell.demandHours, 0),
      offeredHours: offers.reduce((sum, offer) => sum + offer.hours, 0),
    });
    const member = bid.members.find((m: { key: string }) => m.key === 'org-001');
    expect(member).toMatchObject({
      role: 'COTRAITANT',
      organisation: {
        legalName: "Rénov'Plaine",
        idScheme: 'SIRET',
        idValue: '47360714636845',
        kind: 'EI',
        home: 'COM:93066',
      },
      offerCount: offers.filter((offer) => offer.org === 'org-001').length,
    });

    const all: { member: string; hours: number }[] = [];
    let next: string | null = null;
    do {
      const page: { body: { items: { member: string; hours: number }[]; next: string | null } } =
        await coordinator
          .get(`/api/bids/${bidId}/offers`)
          .query(next ? { limit: 40, after: next } : { limit: 40 })
          .expect(200);
      all.push(...page.body.items);
      next = page.body.next;
    } while (next);
    expect(all).toHaveLength(142);
    expect(all.reduce((sum, offer) => sum + offer.hours, 0)).toBe(bid.totals.offeredHours);
  });

  it('refuses an invalid file with every problem by JSON path, and writes nothing', async () => {
    const file = exampleScenario();
    const offers = file.offers as Record<string, unknown>[];
    at(offers, 12).territory = 'COM:99999';
    at(offers, 3).hours = -4;
    at((file.tender as { lots: Record<string, unknown>[] }).lots, 1).amountCents = 1234.5;
    at(file.organizations as Record<string, unknown>[], 2).id = '12345678901234';
    const before = await bidTableCounts(system.dataSource);

    const response = await coordinator.post('/api/scenarios').send(file).expect(422);
    expect(response.body.code).toBe('INVALID_SCENARIO');
    expect(response.body.message).toMatch(/rien n’a été importé/);
    const paths = response.body.problems.map((problem: { path: string }) => problem.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'offers[3].hours',
        'tender.lots[1].amountCents',
        'organizations[2].id',
      ]),
    );
    expect(await bidTableCounts(system.dataSource)).toEqual(before);
    expect(await system.dataSource.query('SELECT count(*)::int AS n FROM outbox_messages')).toEqual(
      [{ n: 0 }],
    );

    // Shape first: an unknown territory is reported once the shape is right.
    const unknownTerritory = exampleScenario();
    const offer = at(unknownTerritory.offers as { lot: number; territory: string }[], 12);
    offer.territory = 'COM:99999';
    const { lot } = offer;
    const cells = required(
      (
        unknownTerritory.tender as { lots: { number: number; cells: Record<string, unknown>[] }[] }
      ).lots.find((l) => l.number === lot),
      `the lot ${lot}`,
    ).cells;
    cells.push({ territory: 'COM:99999', demandHours: 10 });
    const second = await coordinator.post('/api/scenarios').send(unknownTerritory).expect(422);
    expect(second.body.problems).toContainEqual({
      path: `tender.lots[${lot - 1}].cells[${cells.length - 1}].territory`,
      code: 'UNKNOWN_TERRITORY',
      message: 'territoire inconnu COM:99999',
    });
  });

  it('imports the same bid from an XLSX workbook, and names sheet, row and column of each mistake', async () => {
    const validation = validateScenario(exampleScenario());
    if (!validation.ok) throw new Error('the example does not validate');
    const before = await bidTableCounts(system.dataSource);
    const broken = structuredClone(validation.scenario);
    at(broken.offers, 3).org = 'inconnue';
    at(broken.offers, 5).lot = 42;
    const refused = await coordinator
      .post('/api/scenarios/xlsx')
      .set('Content-Type', DOCUMENT_MEDIA_TYPES.XLSX)
      .send(await scenarioWorkbook(broken))
      .expect(422);
    expect(refused.body.code).toBe('INVALID_SCENARIO');
    expect(refused.body.message).toMatch(/rien n’a été importé/);
    const paths = refused.body.problems.map((problem: { path: string }) => problem.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^feuille « Offres », ligne 5, colonne A/),
        expect.stringMatching(/^feuille « Offres », ligne 7, colonne B/),
      ]),
    );
    expect(await bidTableCounts(system.dataSource)).toEqual(before);

    const notAWorkbook = await coordinator
      .post('/api/scenarios/xlsx')
      .set('Content-Type', DOCUMENT_MEDIA_TYPES.XLSX)
      .send(Buffer.from('pas un classeur'))
      .expect(422);
    expect(notAWorkbook.body.problems[0].message).toMatch(/classeur XLSX/);

    const accepted = await coordinator
      .post('/api/scenarios/xlsx')
      .set('Content-Type', DOCUMENT_MEDIA_TYPES.XLSX)
      .send(await scenarioWorkbook(validation.scenario))
      .expect(202);
    const { last } = await pollJob(coordinator, accepted.body.jobId);
    expect(last.result).toMatchObject({ counts: { lots: 4, members: 19, offers: 142 } });
  });

  it('refuses the same tender twice with 409, without a second bid', async () => {
    const first = await coordinator.post('/api/scenarios').send(exampleScenario()).expect(202);
    const { last } = await pollJob(coordinator, first.body.jobId);
    const response = await coordinator.post('/api/scenarios').send(exampleScenario()).expect(409);
    expect(response.body).toMatchObject({
      code: 'DUPLICATE_TENDER',
      details: { bidId: required(last.result, 'the result of the first import').bidId },
    });
    expect(await system.dataSource.query('SELECT count(*)::int AS n FROM bids')).toEqual([
      { n: 1 },
    ]);
  });

  it('lets another network answer the same tender, never telling it who else does', async () => {
    const first = await importExample();
    const { coordinator: other } = await coordinatorOfNewNetwork(
      system.api,
      system.dataSource,
      'Autre réseau',
      'coordination@autre-reseau.test',
    );
    const accepted = await other.post('/api/scenarios').send(exampleScenario()).expect(202);
    const { last } = await pollJob(other, accepted.body.jobId);
    expect(last.state).toBe('completed');
    const second = required(last.result, 'the other network’s import').bidId;
    expect(second).not.toBe(first);
    // Each sees its own bid only.
    await other.get(`/api/bids/${first}`).expect(404);
    await coordinator.get(`/api/bids/${second}`).expect(404);
  });

  it('lets a second consortium of the network answer the tender under another mandataire, unless the tender forbids sharing members (R2142-21)', async () => {
    await importExample();
    const file = exampleScenario() as {
      tender: { exclusiveMembership?: boolean };
      consortium: { mandataire: string };
    };
    // Another mandataire (org-002), the same firms: allowed where the tender does not forbid it.
    file.consortium.mandataire = 'org-002';
    file.tender.exclusiveMembership = true;
    const refused = await coordinator.post('/api/scenarios').send(file).expect(422);
    expect(refused.body.code).toBe('WORKFLOW_RULE_VIOLATED');
    expect(refused.body.message).toMatch(/R2142-21/);
    expect(refused.body.problems[0]).toMatchObject({
      path: 'organizations[0].id',
      code: 'MEMBER_OF_ANOTHER_CONSORTIUM',
    });
    expect(refused.body.problems[0].message).toMatch(/mandataire : Rénov'Plaine/);
    file.tender.exclusiveMembership = false;
    const accepted = await coordinator.post('/api/scenarios').send(file).expect(202);
    expect((await pollJob(coordinator, accepted.body.jobId)).last.state).toBe('completed');
    expect(await system.dataSource.query('SELECT count(*)::int AS n FROM bids')).toEqual([
      { n: 2 },
    ]);
  });

  it('refuses to invite into a consortium a member of another one for a tender that forbids it (R2142-21)', async () => {
    const file = exampleScenario() as {
      tender: { exclusiveMembership?: boolean };
      consortium: { mandataire: string };
      organizations: { key: string; idScheme: string; id: string; legalName: string }[];
      offers: { org: string }[];
      limits: unknown[];
      subcontracts: { subcontractor: string }[];
    };
    file.tender.exclusiveMembership = true;
    const accepted = await coordinator.post('/api/scenarios').send(file).expect(202);
    expect((await pollJob(coordinator, accepted.body.jobId)).last.state).toBe('completed');
    // A second consortium of the network for the tender, of the first one's subcontractors
    // only (not candidates there), under one of them as mandataire.
    const lent = new Set(file.subcontracts.map((subcontract) => subcontract.subcontractor));
    const second = {
      ...file,
      consortium: { ...file.consortium, mandataire: 'org-015' },
      organizations: file.organizations.filter((organisation) => lent.has(organisation.key)),
      offers: file.offers.filter((offer) => lent.has(offer.org)),
      limits: [],
      subcontracts: [],
    };
    const job = await coordinator.post('/api/scenarios').send(second).expect(202);
    const { last } = await pollJob(coordinator, job.body.jobId);
    const secondBid = required(last.result, 'the second consortium').bidId;
    const atelier = required(
      file.organizations.find((organisation) => organisation.key === 'org-003'),
      'org-003',
    );
    const refused = await coordinator
      .post(`/api/bids/${secondBid}/invitations`)
      .send({ email: 'direction@atelier.test', idScheme: atelier.idScheme, id: atelier.id })
      .expect(422);
    expect(refused.body.code).toBe('WORKFLOW_RULE_VIOLATED');
    expect(refused.body.problems).toEqual([
      {
        path: 'id',
        code: 'MEMBER_OF_ANOTHER_CONSORTIUM',
        message: "déjà membre du groupement de Rénov'Plaine pour cette consultation",
      },
    ]);
    expect(
      await system.dataSource.query('SELECT count(*)::int AS n FROM members WHERE bid_id = $1', [
        secondBid,
      ]),
    ).toEqual([{ n: 5 }]);
  });

  it('reports a race lost at the worker as a failed job with its reason, writing nothing', async () => {
    // Both pass the api's check before either is written: the database settles it.
    const [a, b] = await Promise.all([
      coordinator.post('/api/scenarios').send(exampleScenario()).expect(202),
      coordinator.post('/api/scenarios').send(exampleScenario()).expect(202),
    ]);
    const results = await Promise.all([
      pollJob(coordinator, a.body.jobId),
      pollJob(coordinator, b.body.jobId),
    ]);
    const states = results.map((r) => r.last.state).sort();
    expect(states).toEqual(['completed', 'failed']);
    const failed = required(
      results.find((r) => r.last.state === 'failed'),
      'the failed import',
    ).last;
    expect(failed.failure).toMatchObject({ code: 'DUPLICATE_TENDER' });
    expect(await system.dataSource.query('SELECT count(*)::int AS n FROM bids')).toEqual([
      { n: 1 },
    ]);
  });

  it('answers bad requests with a clear 4xx', async () => {
    const malformed = await coordinator
      .post('/api/scenarios')
      .set('Content-Type', 'application/json')
      .send('{"format": ')
      .expect(400);
    expect(malformed.body.message).toBe('Le corps de la requête n’est pas un JSON valide.');
    await coordinator.get('/api/jobs/not-a-uuid').expect(404);
    await coordinator.get('/api/jobs/6d1f7f0e-2b9a-4c55-8c43-3c8f4b0c2a11').expect(404);
    await coordinator.get('/api/bids/6d1f7f0e-2b9a-4c55-8c43-3c8f4b0c2a11').expect(404);
    const bidId = await importExample();
    const badQuery = await coordinator.get(`/api/bids/${bidId}/offers?limit=0`).expect(400);
    expect(badQuery.body.problems[0]).toMatchObject({ path: 'limit' });
    expect(badQuery.body.problems[0].message).toMatch(/attendu|Trop petit/i);
  });

  it('never leaks a stack trace: unknown errors are a 500 with an error id', async () => {
    const bidId = await importExample();
    const bids = system.api.get((await import('@cordage/persistence')).BidReadRepository);
    jest
      .spyOn(bids, 'findBidAtRevision')
      .mockRejectedValueOnce(new Error('secret internal detail'));
    const response = await coordinator.get(`/api/bids/${bidId}`).expect(500);
    expect(response.body).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: expect.any(String),
      errorId: expect.any(String),
      requestId: expect.any(String),
    });
    expect(JSON.stringify(response.body)).not.toMatch(/secret|stack|at /);
  });

  it('serves health, the OpenAPI document, security headers and a request id', async () => {
    const health = await coordinator.get('/api/health').expect(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
    expect(health.headers['x-request-id']).toEqual(expect.any(String));
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    const echoed = await coordinator.get('/api/health').set('X-Request-Id', 'trace-42').expect(200);
    expect(echoed.headers['x-request-id']).toBe('trace-42');

    const openapi = (await coordinator.get('/api/docs-json').expect(200)).body;
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/scenarios',
        '/api/jobs/{jobId}',
        '/api/bids/{bidId}',
        '/api/bids/{bidId}/offers',
        '/api/health',
      ]),
    );
    await coordinator.get('/api/docs').expect(200);
  });

  it('limits request bodies: small elsewhere, large for scenario files', async () => {
    const big = { format: 'cordage.scenario/1', padding: 'x'.repeat(2_000_000) };
    const refused = await coordinator.post('/api/bids').send(big);
    expect(refused.status).toBe(413);
    // 2 MB passes the scenario route's limit and is then refused for its content.
    await coordinator.post('/api/scenarios').send(big).expect(422);
  });
});
