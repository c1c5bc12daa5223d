import { countRows, testPersistence } from '@cordage/testing';
import { type Db, TransactionHost } from '../unit-of-work';
import { TerritoryRepository } from './territory.repository';

describe('TerritoryRepository on Postgres', () => {
  const persistence = testPersistence();
  let territories: TerritoryRepository;

  beforeAll(() => {
    territories = persistence.get(TerritoryRepository);
  });

  it('holds the current geography with qualified codes and the administrative tree', async () => {
    const rows: { code: string; name: string; parent: string | null }[] =
      await persistence.dataSource.query(
        `SELECT t.code, t.name, p.code AS parent FROM territories t LEFT JOIN territories p ON p.id = t.parent_id
       WHERE t.code = ANY($1) ORDER BY t.code`,
        [['COM:93066', 'DEP:93', 'REG:11', 'EPT:200057867', 'COM:75101', 'DEP:2A']],
      );
    expect(rows).toEqual([
      { code: 'COM:75101', name: 'Paris 1er Arrondissement', parent: 'COM:75056' },
      { code: 'COM:93066', name: 'Saint-Denis', parent: 'DEP:93' },
      { code: 'DEP:2A', name: 'Corse-du-Sud', parent: 'REG:94' },
      { code: 'DEP:93', name: 'Seine-Saint-Denis', parent: 'REG:11' },
      { code: 'EPT:200057867', name: 'Plaine Commune', parent: null },
      { code: 'REG:11', name: 'Île-de-France', parent: null },
    ]);
  });

  it('finds which codes exist, telling levels apart', async () => {
    const found = await territories.findExisting([
      'COM:93066',
      'DEP:93',
      'REG:93',
      'COM:99999',
      'DEP:99',
    ]);
    expect([...found].sort()).toEqual(['COM:93066', 'DEP:93', 'REG:93']);
  });

  it('finds territories as people type them: without accents, case or hyphens, or by code', async () => {
    const names = async (text: string, limit = 5) =>
      (await territories.search(text, limit)).map((t) => `${t.code} ${t.name}`);
    expect((await names('seine saint denis'))[0]).toBe('DEP:93 Seine-Saint-Denis');
    expect(await names('ile saint denis', 1)).toEqual(["COM:93039 L'Île-Saint-Denis"]);
    // Namesakes come first, in a stable order, each with its parent to tell them apart.
    const namesakes = await territories.search('SAINT-DENIS', 20);
    const exact = namesakes.filter((t) => t.name === 'Saint-Denis');
    expect(namesakes.slice(0, exact.length)).toEqual(exact);
    expect(exact.map((t) => t.code)).toContain('COM:93066');
    expect(exact.find((t) => t.code === 'COM:93066')?.parentName).toBe('Seine-Saint-Denis');
    expect(await territories.search('SAINT-DENIS', 20)).toEqual(namesakes);
    expect(await names('plaine commune', 1)).toEqual(['EPT:200057867 Plaine Commune']);
    expect((await names('93066'))[0]).toBe('COM:93066 Saint-Denis');
    // Larger territories first among names that begin alike; the parent is named.
    const [department] = await territories.search('Paris', 1);
    expect(department).toMatchObject({ code: 'DEP:75', level: 'DEP' });
    const [commune] = await territories.search('Montreuil', 1);
    expect(commune).toMatchObject({ level: 'COM', parentName: expect.any(String) });
    // LIKE's own characters are only text.
    expect(await territories.search('%_', 5)).toEqual([]);
    expect(await territories.search('saint', 3)).toHaveLength(3);
  });

  it('seeds idempotently', async () => {
    const before = await countRows(persistence.dataSource, 'territories');
    const db = persistence.get<Db>(TransactionHost);
    const report = await db.withTransaction(() => territories.seedOfficial());
    expect(report.territories).toBeGreaterThan(36_000);
    expect(await countRows(persistence.dataSource, 'territories')).toBe(before);
  });
});
