import { type Scenario, at, required, validateScenario } from '@cordage/domain';
import { clearData, exampleScenario, importTestBid, testPersistence } from '@cordage/testing';
import { BidScenarioRepository } from './bid-scenario.repository';

const byKey = <T>(items: readonly T[], key: (item: T) => string) =>
  [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

describe('BidScenarioRepository on Postgres', () => {
  const persistence = testPersistence();
  let exporter: BidScenarioRepository;
  let bidId: string;
  let original: Scenario;

  beforeAll(async () => {
    await clearData(persistence.dataSource);
    exporter = new BidScenarioRepository(persistence.dataSource);
    const input = exampleScenario();
    const cells = at(
      (input.tender as { lots: { cells: Record<string, unknown>[] }[] }).lots,
      0,
    ).cells;
    cells.push({
      territory: 'SITE:college-vilar',
      parent: 'COM:93066',
      label: 'Collège Jean Vilar',
      demandHours: 120,
    });
    const validation = validateScenario(input);
    if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
    original = validation.scenario;
    ({ bidId } = await importTestBid(persistence, input));
  });

  it('gives back the imported file, as a valid scenario', async () => {
    const exported = required(await exporter.exportScenario(bidId), 'the exported scenario');
    expect(validateScenario(exported)).toMatchObject({ ok: true });
    expect(new Date(exported.tender.deadline).getTime()).toBe(
      new Date(original.tender.deadline).getTime(),
    );
    expect({ ...exported.tender, deadline: null, lots: null }).toEqual({
      ...original.tender,
      deadline: null,
      lots: null,
    });
    expect(exported.tender.lots).toEqual(
      original.tender.lots.map((lot) => ({
        ...lot,
        cells: byKey(lot.cells, (cell) => cell.territory),
      })),
    );
    expect(exported.consortium).toEqual(original.consortium);
    expect(exported.organizations).toEqual(byKey(original.organizations, (o) => o.key));
    expect(exported.offers).toEqual(
      byKey(original.offers, (o) => `${o.org}|${String(o.lot).padStart(4, '0')}|${o.territory}`),
    );
    expect(exported.limits).toEqual(byKey(original.limits, (l) => l.org));
    expect(exported.subcontracts).toEqual(
      byKey(
        original.subcontracts,
        (s) => `${String(s.lot).padStart(4, '0')}|${s.principal}|${s.subcontractor}`,
      ),
    );
    expect(exported.policy).toEqual(original.policy);
  });

  it('leaves out withdrawn and declining members, their offers and subcontracts', async () => {
    await persistence.dataSource.query(
      `UPDATE members SET status = 'WITHDRAWN' WHERE bid_id = $1 AND key = 'org-002'`,
      [bidId],
    );
    const exported = required(await exporter.exportScenario(bidId), 'the exported scenario');
    expect(exported.organizations.map((o) => o.key)).not.toContain('org-002');
    expect(exported.offers.some((o) => o.org === 'org-002')).toBe(false);
    expect(exported.subcontracts.some((s) => s.principal === 'org-002')).toBe(false);
    expect(validateScenario(exported)).toMatchObject({ ok: true });
  });

  it('answers null for an unknown bid', async () => {
    expect(await exporter.exportScenario('6d1f7f0e-2b9a-4c55-8c43-3c8f4b0c2a11')).toBeNull();
  });
});
