import { type System, startSystem } from './support/system';
import { type SignedIn, signIn } from './support/actors';

describe('Searching a territory through the api, where the search happens', () => {
  let system: System;
  let person: SignedIn;

  beforeAll(async () => {
    system = await startSystem({ worker: false });
    person = await signIn(system.api, system.dataSource, 'coordination@reseau-93.test');
  });
  afterAll(() => system?.stop());

  const montreuils = async (query: string) =>
    (
      (await person.get(`/api/territories?${query}`).expect(200)).body as {
        code: string;
        name: string;
        parentName: string;
      }[]
    )
      .filter((territory) => territory.name === 'Montreuil')
      .map((territory) => `${territory.name} (${territory.parentName})`);

  it('lists Montreuil (Seine-Saint-Denis) first for a bid in Seine-Saint-Denis', async () => {
    // Without a context the namesakes come in code order: Eure-et-Loir first.
    expect((await montreuils('q=Montreuil'))[0]).toBe('Montreuil (Eure-et-Loir)');
    const near = await montreuils('q=Montreuil&near=COM:93066,COM:93008');
    expect(near[0]).toBe('Montreuil (Seine-Saint-Denis)');
    expect(near).toContain('Montreuil (Eure-et-Loir)');
  });

  it('refuses a context that is not a list of territory codes, in French, naming it', async () => {
    const refused = await person.get('/api/territories?q=Montreuil&near=Saint-Denis').expect(400);
    expect(refused.body.problems).toEqual([
      expect.objectContaining({
        path: 'near',
        message: expect.stringContaining('codes de territoire séparés par des virgules'),
      }),
    ]);
  });
});
