import {
  type NamedTerritory,
  type TerritoryGazetteer,
  type TerritoryReference,
  parseTerritoryText,
  resolveTerritoryNames,
  resolveTerritoryReferences,
  territoryNameKey,
} from './territory-names';

/** The official territories these tests know, as the territories table holds them. */
const OFFICIAL: readonly NamedTerritory[] = [
  { code: 'COM:93066', name: 'Saint-Denis', within: 'Seine-Saint-Denis' },
  { code: 'COM:97411', name: 'Saint-Denis', within: 'La Réunion' },
  { code: 'COM:11339', name: 'Saint-Denis', within: 'Aude' },
  { code: 'COM:30247', name: 'Saint-Denis', within: 'Gard' },
  { code: 'COM:93048', name: 'Montreuil', within: 'Seine-Saint-Denis' },
  { code: 'COM:28267', name: 'Montreuil', within: 'Eure-et-Loir' },
  { code: 'COM:85148', name: 'Montreuil', within: 'Vendée' },
  { code: 'COM:93008', name: 'Bobigny', within: 'Seine-Saint-Denis' },
  { code: 'COM:94068', name: 'Saint-Maur-des-Fossés', within: 'Val-de-Marne' },
  { code: 'COM:95018', name: 'Argenteuil', within: 'Val-d’Oise' },
  { code: 'COM:75056', name: 'Paris', within: 'Paris' },
  { code: 'DEP:75', name: 'Paris', within: 'Île-de-France' },
  { code: 'DEP:93', name: 'Seine-Saint-Denis', within: 'Île-de-France' },
  { code: 'COM:93039', name: 'L’Île-Saint-Denis', within: 'Seine-Saint-Denis' },
  { code: 'COM:59350', name: 'Lille', within: 'Nord' },
];

/** The lookup the repository makes: exact names, accents and case aside. */
function named(names: readonly string[]): Map<string, NamedTerritory[]> {
  return new Map(
    names.map((name) => [
      name,
      OFFICIAL.filter((t) => territoryNameKey(t.name) === territoryNameKey(name)),
    ]),
  );
}

const gazetteer: TerritoryGazetteer = {
  named: (names) => Promise.resolve(named(names)),
  // Unranked, as the repository gives them: the resolver picks the closest.
  near: (names) => Promise.resolve(new Map(names.map((name) => [name, [...OFFICIAL]]))),
};

const cells = (...texts: string[]): TerritoryReference[] =>
  texts.map((text) => ({ text, role: 'cell' }));

function resolve(references: TerritoryReference[]) {
  const names = references.map((reference) => parseTerritoryText(reference.text));
  return resolveTerritoryNames(
    references,
    named(names.flatMap((text) => (text.kind === 'name' ? [text.name] : []))),
  );
}

const codes = (references: TerritoryReference[]) =>
  resolve(references).map((resolution) => (resolution.ok ? resolution.code : resolution.code));

describe('parseTerritoryText', () => {
  it('reads codes, named codes, names and names with a hint', () => {
    expect(parseTerritoryText(' COM:93066 ')).toEqual({ kind: 'code', code: 'COM:93066' });
    expect(parseTerritoryText('Saint-Denis (COM:93066)')).toEqual({
      kind: 'code',
      code: 'COM:93066',
    });
    expect(parseTerritoryText('  Montreuil  ')).toEqual({
      kind: 'name',
      name: 'Montreuil',
      hint: null,
    });
    expect(parseTerritoryText('Montreuil (93)')).toEqual({
      kind: 'name',
      name: 'Montreuil',
      hint: '93',
    });
  });
});

describe('resolveTerritoryNames', () => {
  it('takes a name that one territory bears, accents, case and hyphens aside', () => {
    expect(codes(cells('bobigny', 'SAINT MAUR DES FOSSES', 'l’ile-saint-denis'))).toEqual([
      'COM:93008',
      'COM:94068',
      'COM:93039',
    ]);
  });

  it('settles a homonym by the département of the bid’s other territories', () => {
    expect(codes(cells('Bobigny', 'Montreuil', 'Saint-Denis'))).toEqual([
      'COM:93008',
      'COM:93048',
      'COM:93066',
    ]);
    // The codes written beside count as much as the names.
    expect(codes(cells('COM:28001', 'Montreuil'))).toEqual(['COM:28001', 'COM:28267']);
  });

  it('settles a homonym by the region when no département is shared', () => {
    expect(codes(cells('Saint-Maur-des-Fossés', 'Argenteuil', 'Montreuil'))).toEqual([
      'COM:94068',
      'COM:95018',
      'COM:93048',
    ]);
  });

  it('settles a name two levels bear by the kind of the bid’s territories', () => {
    expect(codes(cells('Paris', 'Bobigny'))).toEqual(['COM:75056', 'COM:93008']);
    expect(codes(cells('Paris', 'Seine-Saint-Denis'))).toEqual(['DEP:75', 'DEP:93']);
  });

  it('names an offer’s territory after the cell of that name', () => {
    const references: TerritoryReference[] = [
      { text: 'COM:28267', role: 'cell' },
      { text: 'COM:59350', role: 'cell' },
      { text: 'Montreuil', role: 'offer' },
      { text: 'Montreuil', role: 'home' },
    ];
    expect(codes(references)).toEqual(['COM:28267', 'COM:59350', 'COM:28267', 'COM:28267']);
  });

  it('refuses a homonym the bid does not settle, listing the candidates and how to write one', () => {
    const [montreuil] = resolve(cells('Montreuil'));
    expect(montreuil).toMatchObject({ ok: false, code: 'AMBIGUOUS_TERRITORY' });
    const message = montreuil && !montreuil.ok ? montreuil.message : '';
    expect(message).toContain('« Montreuil » désigne plusieurs territoires');
    expect(message).toContain('Montreuil — commune, Seine-Saint-Denis (93) — COM:93048');
    expect(message).toContain('Montreuil — commune, Eure-et-Loir (28) — COM:28267');
    expect(message).toContain('Montreuil — commune, Vendée (85) — COM:85148');
    expect(message).toMatch(/écrivez « Montreuil \((93|28|85)\) » ou le code COM:/);
    // Of the départements of the bid, only one has a Saint-Denis; two with a Montreuil settle none.
    expect(codes(cells('Lille', 'Bobigny', 'Saint-Denis'))).toEqual([
      'COM:59350',
      'COM:93008',
      'COM:93066',
    ]);
    expect(codes(cells('COM:93008', 'COM:28001', 'Montreuil'))[2]).toBe('AMBIGUOUS_TERRITORY');
  });

  it('takes « Montreuil (93) », « Montreuil (Eure-et-Loir) », « Saint-Denis (La Réunion) »', () => {
    expect(codes(cells('Montreuil (93)', 'Saint-Denis (La Réunion)'))).toEqual([
      'COM:93048',
      'COM:97411',
    ]);
    expect(codes(cells('Montreuil (Eure-et-Loir)'))).toEqual(['COM:28267']);
    // A hint that designates several is settled as a plain name would be, or refused.
    expect(codes(cells('Paris (75)'))).toEqual(['AMBIGUOUS_TERRITORY']);
    const [elsewhere] = resolve(cells('Montreuil (59)'));
    expect(elsewhere).toMatchObject({ ok: false, code: 'UNKNOWN_TERRITORY' });
    expect(elsewhere && !elsewhere.ok && elsewhere.message).toContain(
      'aucun territoire « Montreuil » ne se trouve en « 59 »',
    );
  });

  it('refuses an unknown name with the closest ones', async () => {
    const [typo, foreign, belgian] = await resolveTerritoryReferences(
      cells('Montreul', 'Berlin', 'Bruxelles'),
      gazetteer,
    );
    expect(typo).toMatchObject({ ok: false, code: 'UNKNOWN_TERRITORY' });
    const message = typo && !typo.ok ? typo.message : '';
    expect(message).toContain('aucun territoire ne s’appelle « Montreul »');
    expect(message).toContain('Les noms les plus proches : Montreuil — commune');
    expect(message).not.toContain('Bobigny');
    expect(foreign).toMatchObject({ ok: false, code: 'UNKNOWN_TERRITORY' });
    // Cordage knows Belgium's regions and provinces by name, its communes by NIS code.
    expect(belgian && !belgian.ok && belgian.message).toContain(
      'Région de Bruxelles-Capitale — région, Belgique — BE:04000',
    );
    expect(belgian && !belgian.ok && belgian.message).toContain('BE:21004 (code NIS)');
  });

  it('knows Belgium’s regions and provinces by name', () => {
    expect(codes(cells('Hainaut', 'Liège', 'Bruxelles-Capitale', 'Wallonie'))).toEqual([
      'BE:50000',
      'BE:60000',
      'BE:04000',
      'BE:03000',
    ]);
  });

  it('leaves codes as written, for the scenario’s validation to check', () => {
    expect(codes(cells('COM:99999', 'Nulle part (COM:00000)', 'BE:21004'))).toEqual([
      'COM:99999',
      'COM:00000',
      'BE:21004',
    ]);
  });
});
