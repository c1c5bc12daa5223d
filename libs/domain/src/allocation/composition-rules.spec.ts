import { countedAs, coverageRuleChecks, headcountRuleChecks } from './composition-rules';

describe('at most N members', () => {
  const members = [
    { legalName: 'Alpha', kind: 'EI', employees: 10 },
    { legalName: 'Bêta', kind: 'ETA', employees: 60 },
    { legalName: 'Gamma', kind: 'ACI', employees: 30 },
  ];

  it('is met up to the maximum and unmet beyond, with the figure', () => {
    const counted = countedAs('rejoint le groupement');
    expect(
      headcountRuleChecks(members, { maxMembers: 3, smallBelowEmployees: 100 }, counted),
    ).toEqual([
      {
        rule: 'maxMembers',
        threshold: 3,
        actual: 3,
        met: true,
        message: 'Au plus 3 membres : 3 membres ont rejoint le groupement — respectée.',
      },
    ]);
    const [check] = headcountRuleChecks(
      members,
      { minMembers: 2, maxMembers: 2, smallBelowEmployees: 100 },
      counted,
    ).filter((c) => c.rule === 'maxMembers');
    expect(check).toMatchObject({ threshold: 2, actual: 3, met: false });
    expect(check?.message).toBe(
      'Au plus 2 membres : 3 membres ont rejoint le groupement — non respectée.',
    );
  });
});

describe('at least N small members', () => {
  const counted = countedAs('rejoint le groupement');
  const rules = { minSmallMembers: 2, smallBelowEmployees: 50 };

  it('counts the members under the threshold', () => {
    const [check] = headcountRuleChecks(
      [
        { legalName: 'Alpha', kind: 'EI', employees: 10 },
        { legalName: 'Bêta', kind: 'ETA', employees: 49 },
        { legalName: 'Gamma', kind: 'ACI', employees: 50 },
      ],
      rules,
      counted,
    );
    expect(check).toEqual({
      rule: 'minSmallMembers',
      threshold: 2,
      actual: 2,
      met: true,
      message:
        'Au moins 2 membres de moins de 50 salariés : 2 membres ont rejoint le groupement — respectée.',
    });
  });

  it('never counts a member whose staff nobody entered as small, and names it', () => {
    const [check] = headcountRuleChecks(
      [
        { legalName: 'Alpha', kind: 'EI', employees: 10 },
        { legalName: 'Zêta', kind: 'ETA', employees: null },
        { legalName: 'Éole', kind: 'ACI', employees: null },
      ],
      rules,
      counted,
    );
    expect(check).toEqual({
      rule: 'minSmallMembers',
      threshold: 2,
      actual: 1,
      met: false,
      message:
        'Au moins 2 membres de moins de 50 salariés : 1 membre a rejoint le groupement — ' +
        'non respectée. Effectif non renseigné, donc non compté : Éole, Zêta.',
    });
  });
});

describe('territorial coverage', () => {
  const by = 'par les offres des membres';

  it('is not checked when the rule is not set', () => {
    expect(coverageRuleChecks(['COM:93066'], {}, by)).toEqual([]);
  });

  it('counts the French départements the members work in', () => {
    const rules = { minCoverage: { level: 'DEPARTEMENT', count: 3 } } as const;
    expect(coverageRuleChecks(['COM:93066', 'COM:93048', 'DEP:94'], rules, by)).toEqual([
      {
        rule: 'minCoverage',
        level: 'DEPARTEMENT',
        covered: ['93', '94'],
        threshold: 3,
        actual: 2,
        met: false,
        message:
          'Au moins 3 départements couverts : 2 départements couverts par les offres des ' +
          'membres (93, 94) — non respectée.',
      },
    ]);
    const [met] = coverageRuleChecks(['COM:93066', 'DEP:94', 'COM:95018'], rules, by);
    expect(met).toMatchObject({ actual: 3, met: true, covered: ['93', '94', '95'] });
  });

  it('counts French regions', () => {
    const [check] = coverageRuleChecks(
      ['COM:93066', 'DEP:59', 'COM:59350'],
      { minCoverage: { level: 'REGION', count: 2 } },
      by,
    );
    expect(check?.message).toBe(
      'Au moins 2 régions couvertes : 2 régions couvertes par les offres des membres ' +
        '(Île-de-France, Hauts-de-France) — respectée.',
    );
  });

  it('counts Belgian provinces, Brussels-Capital being in none', () => {
    const rules = { minCoverage: { level: 'PROVINCE', count: 2 } } as const;
    const [unmet] = coverageRuleChecks(['BE:21004', 'BE:52011', 'BE:57081'], rules, by);
    expect(unmet).toMatchObject({ actual: 1, met: false, covered: ['Hainaut'] });
    expect(unmet?.message).toBe(
      'Au moins 2 provinces couvertes : 1 province couverte par les offres des membres ' +
        '(Hainaut) — non respectée.',
    );
    const [met] = coverageRuleChecks(['BE:21004', 'BE:52011', 'BE:62063'], rules, by);
    expect(met).toMatchObject({ actual: 2, met: true, covered: ['Hainaut', 'Liège'] });
  });

  it('counts Belgian regions, Brussels-Capital one of them', () => {
    const [check] = coverageRuleChecks(
      ['BE:21004', 'BE:52011'],
      { minCoverage: { level: 'REGION', count: 3 } },
      by,
    );
    expect(check?.message).toBe(
      'Au moins 3 régions couvertes : 2 régions couvertes par les offres des membres ' +
        '(Région wallonne, Région de Bruxelles-Capitale) — non respectée.',
    );
  });

  it('says when nothing is covered', () => {
    const [province] = coverageRuleChecks([], { minCoverage: { level: 'PROVINCE', count: 1 } }, by);
    expect(province?.message).toBe(
      'Au moins 1 province couverte : aucune province couverte par les offres des membres — ' +
        'non respectée.',
    );
    const [departement] = coverageRuleChecks(
      ['BE:21004'],
      { minCoverage: { level: 'DEPARTEMENT', count: 1 } },
      by,
    );
    expect(departement?.message).toBe(
      'Au moins 1 département couvert : aucun département couvert par les offres des membres — ' +
        'non respectée.',
    );
  });
});
