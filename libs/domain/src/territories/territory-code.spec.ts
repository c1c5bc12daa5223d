import {
  isSelfDeclaredLevel,
  parseTerritoryCode,
  qualifyTerritoryCode,
  TERRITORY_LEVELS,
  type TerritoryLevel,
} from './territory-code';

function reasonOf(code: string): string {
  const parsed = parseTerritoryCode(code);
  if (parsed.ok) throw new Error(`${code} was expected to be refused`);
  return parsed.reason;
}

describe('parseTerritoryCode', () => {
  it.each<[string, TerritoryLevel, string]>([
    ['REG:11', 'REG', '11'],
    ['REG:94', 'REG', '94'],
    ['REG:01', 'REG', '01'],
    ['DEP:93', 'DEP', '93'],
    ['DEP:01', 'DEP', '01'],
    ['DEP:2A', 'DEP', '2A'],
    ['DEP:2B', 'DEP', '2B'],
    ['DEP:971', 'DEP', '971'],
    ['DEP:976', 'DEP', '976'],
    ['DEP:987', 'DEP', '987'],
    ['EPT:200057875', 'EPT', '200057875'],
    ['EPCI:200054781', 'EPCI', '200054781'],
    ['COM:93066', 'COM', '93066'],
    ['COM:2A004', 'COM', '2A004'],
    ['COM:2B033', 'COM', '2B033'],
    ['COM:97101', 'COM', '97101'],
    ['COM:97411', 'COM', '97411'],
    ['BE:21004', 'BE', '21004'],
    ['SITE:col-jean-vilar', 'SITE', 'col-jean-vilar'],
    ['SITE:Depot_2', 'SITE', 'Depot_2'],
    ['SITE:7', 'SITE', '7'],
    [`SITE:a${'b'.repeat(63)}`, 'SITE', `a${'b'.repeat(63)}`],
  ])('accepts %s', (code, level, local) => {
    expect(parseTerritoryCode(code)).toEqual({ ok: true, value: { level, local, code } });
  });

  it.each([
    ['REG:1', 'région'],
    ['REG:111', 'région'],
    ['REG:2A', 'région'],
    ['DEP:9', 'département'],
    ['DEP:2C', 'département'],
    ['DEP:2a', 'département'],
    ['DEP:931', 'département'],
    ['DEP:9710', 'département'],
    ['EPT:20005787', 'établissement public territorial'],
    ['EPCI:2000547810', 'EPCI'],
    ['EPCI:20005478A', 'EPCI'],
    ['COM:9306', 'commune'],
    ['COM:930660', 'commune'],
    ['COM:2C004', 'commune'],
    ['COM:2A04', 'commune'],
    ['COM:93 066', 'commune'],
    ['COM:', 'commune'],
    ['BE:2100', 'code INS/NIS belge'],
    ['BE:A1004', 'code INS/NIS belge'],
    ['SITE:', 'site'],
    ['SITE:-col', 'site'],
    ['SITE:col jean vilar', 'site'],
    ['SITE:collège', 'site'],
    [`SITE:a${'b'.repeat(64)}`, 'site'],
  ])('refuses the malformed %j, saying what its level expects', (code, level) => {
    expect(reasonOf(code).startsWith(`code ${JSON.stringify(code)} mal formé : ${level}`)).toBe(
      true,
    );
  });

  it('describes the expected shape of each level', () => {
    expect(reasonOf('REG:1')).toMatch(/région \(2 chiffres/);
    expect(reasonOf('DEP:9')).toMatch(/département \(2 caractères, ou 3 chiffres outre-mer/);
    expect(reasonOf('EPT:1')).toMatch(/SIREN à 9 chiffres/);
    expect(reasonOf('EPCI:1')).toMatch(/SIREN à 9 chiffres/);
    expect(reasonOf('COM:1')).toMatch(/code INSEE à 5 caractères/);
    expect(reasonOf('BE:1')).toMatch(/5 chiffres/);
    expect(reasonOf('SITE:-')).toMatch(/lettres, chiffres, - et _, 64 caractères au plus/);
  });

  it('keeps everything after the first colon as the local code', () => {
    expect(reasonOf('COM:93:066')).toMatch(/^code "COM:93:066" mal formé : commune/);
  });

  it.each(['93066', '', ':93066', 'CMN:93066', 'com:93066', 'Com:93066', ' COM:93066', 'ARR:931'])(
    'refuses %j, which has no known level',
    (code) => {
      expect(reasonOf(code)).toBe(
        `code de territoire ${JSON.stringify(code)} sans niveau reconnu ` +
          '(attendu REG:, DEP:, EPT:, EPCI:, COM:, BE:, SITE:)',
      );
    },
  );

  it('does not take a level found past a missing separator', () => {
    // indexOf(':') is -1: slicing to -1 must not turn "SITEX" into the level SITE.
    expect(reasonOf('SITEX')).toMatch(/sans niveau reconnu/);
    expect(reasonOf('REGX')).toMatch(/sans niveau reconnu/);
  });
});

describe('qualifyTerritoryCode', () => {
  it('prefixes the local code with its level, and round-trips through the parser', () => {
    for (const [level, local] of [
      ['COM', '93066'],
      ['DEP', '2A'],
      ['DEP', '971'],
      ['REG', '11'],
      ['BE', '21004'],
      ['SITE', 'depot-1'],
    ] as const) {
      const code = qualifyTerritoryCode(level, local);
      expect(code).toBe(`${level}:${local}`);
      expect(parseTerritoryCode(code)).toEqual({ ok: true, value: { level, local, code } });
    }
  });
});

describe('levels', () => {
  it('lists every level, the seeded ones being those of the official geography', () => {
    expect(TERRITORY_LEVELS).toEqual(['REG', 'DEP', 'EPT', 'EPCI', 'COM', 'BE', 'SITE']);
    const seeded = ['REG', 'DEP', 'EPT', 'EPCI', 'COM'];
    expect(TERRITORY_LEVELS.filter((level) => !isSelfDeclaredLevel(level))).toEqual(seeded);
  });

  it('BE and SITE are self-declared, every other level is seeded', () => {
    expect(isSelfDeclaredLevel('BE')).toBe(true);
    expect(isSelfDeclaredLevel('SITE')).toBe(true);
    expect(isSelfDeclaredLevel('COM')).toBe(false);
  });
});
