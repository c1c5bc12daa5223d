import {
  DomainErrorCode,
  type ImportedBid,
  type Scenario,
  ScenarioImport,
  tenderRefOf,
  at,
  required,
  validateScenario,
} from '@cordage/domain';
import {
  bidTableCounts,
  countRows,
  exampleScenario,
  testPersistence,
  clearData,
} from '@cordage/testing';
import { AccessRepository } from './access.repository';
import { BidReadRepository } from './bid-read.repository';
import { TypeOrmScenarioStore } from './scenario.store';
import { TransactionHost } from '../unit-of-work';

function validated(input: Record<string, unknown>): Scenario {
  const validation = validateScenario(input);
  if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
  return validation.scenario;
}

describe('TypeOrmScenarioStore on Postgres', () => {
  const persistence = testPersistence();
  let store: TypeOrmScenarioStore;
  let reader: BidReadRepository;
  let scenarioImport: ScenarioImport;
  let networkId: string;
  let save: (scenario: Scenario) => Promise<ImportedBid>;

  beforeAll(() => {
    store = persistence.get(TypeOrmScenarioStore);
    reader = persistence.get(BidReadRepository);
    scenarioImport = persistence.get(ScenarioImport);
  });
  beforeEach(async () => {
    await clearData(persistence.dataSource);
    networkId = await persistence.get(AccessRepository).ensureNetwork('Réseau de test');
    // The store writes inside its caller's unit of work, as ScenarioImporter opens it.
    save = (scenario) =>
      persistence.get(TransactionHost).withTransaction(() => store.save(scenario, { networkId }));
  });

  it('writes the example bid whole and reads it back with the file’s totals', async () => {
    const input = exampleScenario();
    const scenario = validated(input);
    const imported = await save(scenario);

    expect(imported.counts).toEqual({
      lots: 4,
      cells: 39,
      organisations: 19,
      organisationsReused: 0,
      members: 19,
      offers: 142,
      limits: 7,
      subcontracts: 5,
    });
    const bid = required(await reader.findBid(imported.bidId), 'the imported bid');
    const lots = scenario.tender.lots;
    expect(bid.totals.amountCents).toBe(lots.reduce((sum, lot) => sum + lot.amountCents, 0));
    expect(bid.totals.demandHours).toBe(
      lots.flatMap((lot) => lot.cells).reduce((sum, cell) => sum + cell.demandHours, 0),
    );
    expect(bid.totals.offeredHours).toBe(
      scenario.offers.reduce((sum, offer) => sum + offer.hours, 0),
    );
    expect(bid.tender.reference).toBe('2027-D93-PEINT');
    expect(bid.consortium.mandataire.legalName).toBe(at(scenario.organizations, 0).legalName);
    expect(bid.lots.map((lot) => lot.amountCents)).toEqual(lots.map((lot) => lot.amountCents));
    // Subcontractors that make no offer are members of the bid, but not co-contractors.
    const roles = Object.fromEntries(bid.members.map((member) => [member.key, member.role]));
    expect(roles['org-015']).toBe('SOUS_TRAITANT');
    expect(roles['org-001']).toBe('COTRAITANT');
    const limited = required(
      bid.members.find((member) => member.key === 'org-001'),
      'the member org-001',
    );
    expect(limited.limits).toEqual({ maxHours: 1800, maxRevenueCents: 19000000 });
    expect(bid.subcontracts).toHaveLength(5);
  });

  it('finds the consortia of a tender in its network only, their mandataire and co-contractors by firm', async () => {
    const scenario = validated(exampleScenario());
    const { bidId } = await save(scenario);
    const tender = tenderRefOf(scenario);
    const [found, ...more] = await store.consortiaOfTender(tender, networkId);
    expect(more).toEqual([]);
    expect(found?.bidId).toBe(bidId);
    expect(found?.mandataire).toEqual({ entity: 'SIREN:473607146', legalName: "Rénov'Plaine" });
    // 19 organisations, 5 of them only subcontractors: not candidates.
    expect(found?.members).toHaveLength(14);
    const otherNetwork = await persistence.get(AccessRepository).ensureNetwork('Autre réseau');
    await expect(store.consortiaOfTender(tender, otherNetwork)).resolves.toEqual([]);
    await expect(
      store.consortiaOfTender({ ...tender, reference: 'AUTRE' }, networkId),
    ).resolves.toEqual([]);
  });

  it('judges two imports of one tender in one network one after the other: one bid, one refusal', async () => {
    const host = persistence.get(TransactionHost);
    const runs = await Promise.allSettled(
      [1, 2].map(() =>
        host.withTransaction(() => scenarioImport.run(exampleScenario(), { networkId })),
      ),
    );
    expect(runs.map((run) => run.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = runs.find((run) => run.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: DomainErrorCode.DUPLICATE_TENDER });
    // Another network answers the same tender with the same firms: its own bid.
    const otherNetwork = await persistence.get(AccessRepository).ensureNetwork('Autre réseau');
    await host.withTransaction(() =>
      scenarioImport.run(exampleScenario(), { networkId: otherNetwork }),
    );
    const bids = await persistence.dataSource.query<{ n: number; tenders: number }[]>(
      'SELECT count(*)::int AS n, count(DISTINCT tender_id)::int AS tenders FROM bids',
    );
    expect(bids).toEqual([{ n: 2, tenders: 2 }]);
  });

  it('rolls everything back when the last write fails', async () => {
    const scenario = validated(exampleScenario());
    // Bypass the domain's check on purpose: the database refuses a self-subcontract, last step.
    const subcontract = at(scenario.subcontracts, 0);
    scenario.subcontracts.push({ ...subcontract, subcontractor: subcontract.principal });
    const before = await bidTableCounts(persistence.dataSource);
    await expect(save(scenario)).rejects.toThrow(/check constraint/);
    expect(await bidTableCounts(persistence.dataSource)).toEqual(before);
  });

  it('reuses an organisation already known by its identifier in another bid', async () => {
    await save(validated(exampleScenario()));
    const second = await save(validated(exampleScenario({ reference: 'AUTRE-REF' })));
    expect(second.counts.organisationsReused).toBe(19);
    expect(await countRows(persistence.dataSource, 'organisations')).toBe(19);
    expect(await countRows(persistence.dataSource, 'members')).toBe(38);
  });

  it('creates SITE territories per bid under their parent, and Belgian codes on first use', async () => {
    const input = exampleScenario();
    const tender = input.tender as { lots: { cells: Record<string, unknown>[] }[] };
    at(tender.lots, 0).cells.push(
      {
        territory: 'SITE:college-jean-vilar',
        parent: 'COM:93066',
        label: 'Collège Jean Vilar',
        demandHours: 300,
      },
      { territory: 'BE:21004', demandHours: 50 },
    );
    const first = await save(validated(input));
    (input.tender as { reference: string }).reference = 'AUTRE-REF';
    const second = await save(validated(input));

    const sites: { code: string; name: string; parent: string; bid_id: string }[] =
      await persistence.dataSource.query(
        `SELECT s.code, s.name, p.code AS parent, s.bid_id FROM territories s
       JOIN territories p ON p.id = s.parent_id WHERE s.level = 'SITE' ORDER BY s.created_at`,
      );
    expect(sites).toEqual([
      {
        code: 'SITE:college-jean-vilar',
        name: 'Collège Jean Vilar',
        parent: 'COM:93066',
        bid_id: first.bidId,
      },
      {
        code: 'SITE:college-jean-vilar',
        name: 'Collège Jean Vilar',
        parent: 'COM:93066',
        bid_id: second.bidId,
      },
    ]);
    const belgian = await persistence.dataSource.query(
      `SELECT code FROM territories WHERE level = 'BE'`,
    );
    expect(belgian).toEqual([{ code: 'BE:21004' }]);
    const bid = required(await reader.findBid(first.bidId), 'the first bid');
    const cell = at(bid.lots, 0).cells.find((c) => c.territory === 'SITE:college-jean-vilar');
    expect(cell).toMatchObject({
      parent: 'COM:93066',
      label: 'Collège Jean Vilar',
      demandHours: 300,
    });
  });

  it('keeps money exact: amounts beyond 2^31 cents survive the round trip', async () => {
    const input = exampleScenario();
    at((input.tender as { lots: { amountCents: number }[] }).lots, 0).amountCents = 987_654_321_012;
    const imported = await save(validated(input));
    const bid = required(await reader.findBid(imported.bidId), 'the imported bid');
    expect(at(bid.lots, 0).amountCents).toBe(987_654_321_012);
  });

  it('pages offers with a stable cursor and filters by lot and member', async () => {
    const imported = await save(validated(exampleScenario()));
    const seen = new Set<string>();
    let after: string | undefined;
    do {
      const page = await reader.findOffers(imported.bidId, { limit: 50, after });
      page.items.forEach((offer) => seen.add(offer.id));
      after = page.next ?? undefined;
    } while (after);
    expect(seen.size).toBe(142);
    const lot2 = await reader.findOffers(imported.bidId, {
      limit: 1000,
      lot: 2,
      member: 'org-002',
    });
    expect(lot2.items.length).toBeGreaterThan(0);
    expect(lot2.items.every((offer) => offer.lot === 2 && offer.member === 'org-002')).toBe(true);
  });
});
