import { testPersistence } from '@cordage/testing';
import { ApplicationModule } from '../application.module';
import { TerritoriesService } from './territories.service';

describe('TerritoriesService.search on Postgres: where the search happens comes first', () => {
  const context = testPersistence({ imports: [ApplicationModule] });
  let territories: TerritoriesService;

  beforeAll(() => {
    territories = context.get(TerritoriesService);
  });

  const montreuils = async (context: string[]) =>
    (await territories.search('Montreuil', 10, context))
      .filter((t) => t.name === 'Montreuil')
      .map((t) => `${t.code} ${t.parentName}`);

  it('puts Montreuil (Seine-Saint-Denis) first for a bid in Seine-Saint-Denis', async () => {
    // Saint-Denis is a cell of the bid: its département's communes come before their namesakes.
    const near = await montreuils(['COM:93066']);
    expect(near[0]).toBe('COM:93048 Seine-Saint-Denis');
    expect(near).toContain('COM:28267 Eure-et-Loir');
    // The département itself as the context does the same.
    expect((await montreuils(['DEP:93']))[0]).toBe('COM:93048 Seine-Saint-Denis');
  });

  it('puts the namesake of another département first when that is where the bid is', async () => {
    const [first] = await montreuils(['COM:28085']);
    expect(first).toBe('COM:28267 Eure-et-Loir');
  });

  it('keeps the usual order without a context, and for a context elsewhere', async () => {
    const plain = await territories.search('Montreuil', 10);
    expect(await territories.search('Montreuil', 10, [])).toEqual(plain);
    // Nothing named Montreuil in Corsica: the order stays the plain one.
    expect(await territories.search('Montreuil', 10, ['COM:2A004'])).toEqual(plain);
  });
});
