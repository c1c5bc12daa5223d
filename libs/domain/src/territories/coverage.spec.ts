import { coverageUnitOf, coveredUnits } from './coverage';

describe('the département, province or region a territory lies in', () => {
  it('reads a French commune’s département and region from its INSEE code', () => {
    expect(coverageUnitOf('COM:93066', 'DEPARTEMENT')).toEqual({ code: 'DEP:93', name: '93' });
    expect(coverageUnitOf('COM:93066', 'REGION')).toEqual({
      code: 'REG:11',
      name: 'Île-de-France',
    });
    expect(coverageUnitOf('COM:2A004', 'DEPARTEMENT')).toEqual({ code: 'DEP:2A', name: '2A' });
    expect(coverageUnitOf('COM:2B033', 'REGION')?.name).toBe('Corse');
    expect(coverageUnitOf('COM:97411', 'DEPARTEMENT')?.code).toBe('DEP:974');
    expect(coverageUnitOf('COM:97411', 'REGION')?.name).toBe('La Réunion');
    expect(coverageUnitOf('COM:75056', 'PROVINCE')).toBeNull();
  });

  it('counts a département as itself, a region in no single département, an EPT in Île-de-France', () => {
    expect(coverageUnitOf('DEP:59', 'DEPARTEMENT')?.code).toBe('DEP:59');
    expect(coverageUnitOf('DEP:59', 'REGION')?.name).toBe('Hauts-de-France');
    expect(coverageUnitOf('REG:84', 'REGION')?.name).toBe('Auvergne-Rhône-Alpes');
    expect(coverageUnitOf('REG:84', 'DEPARTEMENT')).toBeNull();
    expect(coverageUnitOf('EPT:200057867', 'REGION')?.code).toBe('REG:11');
    expect(coverageUnitOf('EPT:200057867', 'DEPARTEMENT')).toBeNull();
    // An EPCI may straddle départements and regions: it counts for none.
    expect(coverageUnitOf('EPCI:200054781', 'DEPARTEMENT')).toBeNull();
    expect(coverageUnitOf('EPCI:200054781', 'REGION')).toBeNull();
    // A site counts as its parent, which the caller resolves.
    expect(coverageUnitOf('SITE:college-a', 'DEPARTEMENT')).toBeNull();
  });

  it('reads a Belgian NIS code’s province and region from its digits', () => {
    // Charleroi (52011): Hainaut, Walloon Region.
    expect(coverageUnitOf('BE:52011', 'PROVINCE')).toEqual({ code: 'BE:50000', name: 'Hainaut' });
    expect(coverageUnitOf('BE:52011', 'REGION')).toEqual({
      code: 'BE:03000',
      name: 'Région wallonne',
    });
    // Leuven (24062) and Halle-Vilvoorde's Vilvoorde (23088): Flemish Brabant.
    expect(coverageUnitOf('BE:24062', 'PROVINCE')?.name).toBe('Brabant flamand');
    expect(coverageUnitOf('BE:23088', 'REGION')?.name).toBe('Région flamande');
    // Wavre (25112): Walloon Brabant, in Wallonia.
    expect(coverageUnitOf('BE:25112', 'PROVINCE')?.name).toBe('Brabant wallon');
    expect(coverageUnitOf('BE:25112', 'REGION')?.name).toBe('Région wallonne');
    // Antwerp (11002), Bruges (31005), Ghent (44021), Liège (62063), Hasselt (71022),
    // Arlon (81001), Namur (92094).
    expect(
      ['11002', '31005', '44021', '62063', '71022', '81001', '92094'].map(
        (nis) => coverageUnitOf(`BE:${nis}`, 'PROVINCE')?.name,
      ),
    ).toEqual([
      'Anvers',
      'Flandre-Occidentale',
      'Flandre-Orientale',
      'Liège',
      'Limbourg',
      'Luxembourg',
      'Namur',
    ]);
    // A province's and a region's own codes.
    expect(coverageUnitOf('BE:20002', 'PROVINCE')?.name).toBe('Brabant wallon');
    expect(coverageUnitOf('BE:60000', 'REGION')?.name).toBe('Région wallonne');
    expect(coverageUnitOf('BE:02000', 'REGION')?.name).toBe('Région flamande');
    expect(coverageUnitOf('BE:02000', 'PROVINCE')).toBeNull();
    // The kingdom is neither; Belgian codes are no département.
    expect(coverageUnitOf('BE:01000', 'REGION')).toBeNull();
    expect(coverageUnitOf('BE:52011', 'DEPARTEMENT')).toBeNull();
  });

  it('counts Brussels-Capital as a region without province', () => {
    // Brussels (21004), Ixelles (21009) and the arrondissement (21000), the region's own code.
    for (const nis of ['21004', '21009', '21000', '04000']) {
      expect(coverageUnitOf(`BE:${nis}`, 'REGION')).toEqual({
        code: 'BE:04000',
        name: 'Région de Bruxelles-Capitale',
      });
      expect(coverageUnitOf(`BE:${nis}`, 'PROVINCE')).toBeNull();
    }
  });

  it('gives each unit once, in code order', () => {
    expect(
      coveredUnits(
        ['COM:94028', 'DEP:93', 'COM:93066', 'COM:94081', 'EPCI:200054781'],
        'DEPARTEMENT',
      ),
    ).toEqual([
      { code: 'DEP:93', name: '93' },
      { code: 'DEP:94', name: '94' },
    ]);
    expect(coveredUnits(['BE:21004', 'BE:52011', 'BE:57081', 'BE:11002'], 'REGION')).toEqual([
      { code: 'BE:02000', name: 'Région flamande' },
      { code: 'BE:03000', name: 'Région wallonne' },
      { code: 'BE:04000', name: 'Région de Bruxelles-Capitale' },
    ]);
  });
});
