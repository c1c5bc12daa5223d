import type { Problem } from '../errors';
import { example, mutated } from './example-scenario.fixture';
import type { Scenario } from './scenario.schema';
import {
  formatPath,
  seededTerritoryReferences,
  territoryExistenceProblems,
  validateScenario,
} from './validate-scenario';
import { at } from '../invariants';

function problemsOf(input: unknown): Problem[] {
  const result = validateScenario(input);
  if (result.ok) throw new Error('the scenario was expected to be refused');
  expect(result.scenario).toBeUndefined();
  return result.problems;
}

/** Words that only a French message holds, and English ones that must not slip through. */
const FRENCH =
  /(attendu|invalide|inconnu|trop|clé|reçu|doit|déjà|deux fois|figure|n’est|seul|site|lot|limite|membre|mal formé|sans niveau|siège|somme|chiffres|[éèàçê’])/i;
const ENGLISH =
  /\b(expected|received|invalid input|too (small|big)|unrecognized|must|unknown|already|duplicate)\b/i;

function expectFrench(message: string): void {
  expect(message).toMatch(FRENCH);
  expect(message).not.toMatch(ENGLISH);
}

/** The scenario's only problem is at `path`, with `code`, in French. */
function expectOnlyProblem(input: unknown, problemPath: string, code: string): Problem {
  const problems = problemsOf(input);
  expect(problems).toHaveLength(1);
  const problem = at(problems, 0);
  expect(problem).toMatchObject({ path: problemPath, code });
  expectFrench(problem.message);
  return problem;
}

describe('formatPath', () => {
  it('writes a JSON path the way people read it', () => {
    expect(formatPath(['tender', 'lots', 0, 'cells', 1])).toBe('tender.lots[0].cells[1]');
    expect(formatPath(['offers', 12, 'territory'])).toBe('offers[12].territory');
    expect(formatPath([3, 'x'])).toBe('[3].x');
    expect(formatPath(['consortium', 'rules', 'minOfKind', 'EI'])).toBe(
      'consortium.rules.minOfKind.EI',
    );
    expect(formatPath([])).toBe('$');
  });
});

describe('validateScenario', () => {
  it('accepts the example file (shared/scenarios/colleges-93.json)', () => {
    const result = validateScenario(example);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.scenario?.tender.reference).toBe('2027-D93-PEINT');
    expect(result.scenario?.tender.lots).toHaveLength(4);
    expect(result.scenario?.organizations).toHaveLength(19);
  });

  it('fills the defaults of the optional sections', () => {
    const result = validateScenario(
      mutated((scenario) => {
        for (const field of ['offers', 'limits', 'subcontracts', 'policy'] as const) {
          Reflect.deleteProperty(scenario, field);
        }
        Reflect.deleteProperty(scenario.tender, 'reserved');
        Reflect.deleteProperty(scenario.consortium, 'rules');
      }),
    );
    expect(result.ok).toBe(true);
    expect(result.scenario).toMatchObject({
      tender: { reserved: 'NONE' },
      consortium: { rules: { smallBelowEmployees: 100 } },
      offers: [],
      limits: [],
      subcontracts: [],
      policy: { secondaryCost: 1 },
    });
  });

  it('accepts SITE cells under a seeded parent or a Belgian code, and Belgian members', () => {
    const result = validateScenario(
      mutated((scenario) => {
        at(scenario.tender.lots, 0).cells.push(
          { territory: 'SITE:col-jean-vilar', parent: 'COM:93066', demandHours: 300 },
          { territory: 'SITE:depot-bxl', parent: 'BE:21004', demandHours: 40 },
        );
        scenario.organizations.push({
          ...at(scenario.organizations, 0),
          key: 'org-be',
          idScheme: 'BCE',
          id: '0202.239.951',
          home: 'BE:21004',
        });
        scenario.offers.push({
          org: 'org-be',
          lot: 1,
          territory: 'SITE:depot-bxl',
          hours: 40,
          preference: 'PRIMARY',
        });
      }),
    );
    expect(result.problems).toEqual([]);
  });

  it('takes at most N members and a territorial coverage, located when they are wrong', () => {
    const rules = (extra: object) =>
      mutated((scenario) => Object.assign(scenario.consortium.rules, extra));
    const valid = rules({ maxMembers: 8, minCoverage: { level: 'PROVINCE', count: 2 } });
    expect(validateScenario(valid).scenario?.consortium.rules).toMatchObject({
      maxMembers: 8,
      minCoverage: { level: 'PROVINCE', count: 2 },
    });
    expectOnlyProblem(
      rules({ minMembers: 3, maxMembers: 2 }),
      'consortium.rules.maxMembers',
      'CONTRADICTORY_RULES',
    );
    expect(
      problemsOf(rules({ minCoverage: { level: 'CANTON', count: 2 } })).map((p) => p.path),
    ).toEqual(['consortium.rules.minCoverage.level']);
    expect(
      problemsOf(rules({ minCoverage: { level: 'REGION', count: 2 ** 31 } })).map((p) => p.path),
    ).toEqual(['consortium.rules.minCoverage.count']);
  });

  it('refuses what is not an object, at the root', () => {
    for (const input of [null, undefined, 42, 'cordage.scenario/1', []]) {
      const problems = problemsOf(input);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ path: '$', code: 'SCHEMA_INVALID_TYPE' });
      expectFrench(at(problems, 0).message);
    }
  });

  describe('shape', () => {
    it('refuses another format literal', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => Object.assign(scenario, { format: 'cordage.scenario/2' })),
        'format',
        'SCHEMA_INVALID_VALUE',
      );
      expect(problem.message).toContain('cordage.scenario/1');
    });

    it('refuses a missing field', () => {
      expectOnlyProblem(
        mutated((scenario) => Reflect.deleteProperty(scenario.tender, 'title')),
        'tender.title',
        'SCHEMA_INVALID_TYPE',
      );
      expectOnlyProblem(
        mutated((scenario) => Reflect.deleteProperty(at(scenario.organizations, 3), 'kind')),
        'organizations[3].kind',
        'SCHEMA_INVALID_VALUE',
      );
    });

    it('refuses a blank text once trimmed', () => {
      expectOnlyProblem(
        mutated((scenario) => (scenario.tender.title = '   ')),
        'tender.title',
        'SCHEMA_TOO_SMALL',
      );
    });

    it('refuses an unknown extra field, naming it, at the object that holds it', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => Object.assign(at(scenario.tender.lots, 1), { amountEuros: 3 })),
        'tender.lots[1]',
        'SCHEMA_UNRECOGNIZED_KEYS',
      );
      expect(problem.message).toContain('amountEuros');
      expectOnlyProblem(
        mutated((scenario) => Object.assign(scenario, { comment: 'x' })),
        '$',
        'SCHEMA_UNRECOGNIZED_KEYS',
      );
    });

    it('refuses an amount that is not whole cents', () => {
      expectOnlyProblem(
        mutated((scenario) => (at(scenario.tender.lots, 0).amountCents = 23718599.5)),
        'tender.lots[0].amountCents',
        'SCHEMA_INVALID_TYPE',
      );
      expectOnlyProblem(
        mutated((scenario) => (at(scenario.subcontracts, 2).maxAmountCents = 1300000.01)),
        'subcontracts[2].maxAmountCents',
        'SCHEMA_INVALID_TYPE',
      );
    });

    it('refuses a negative or zero amount where one is required', () => {
      expectOnlyProblem(
        mutated((scenario) => (at(scenario.tender.lots, 2).amountCents = 0)),
        'tender.lots[2].amountCents',
        'SCHEMA_TOO_SMALL',
      );
      expectOnlyProblem(
        mutated((scenario) => (at(scenario.limits, 0).maxRevenueCents = -1)),
        'limits[0].maxRevenueCents',
        'SCHEMA_TOO_SMALL',
      );
    });

    it.each([
      ['negative', -10, 'SCHEMA_TOO_SMALL'],
      ['zero', 0, 'SCHEMA_TOO_SMALL'],
      ['a numeric string', '550', 'SCHEMA_INVALID_TYPE'],
      ['null', null, 'SCHEMA_INVALID_TYPE'],
      ['infinite', Infinity, 'SCHEMA_INVALID_TYPE'],
    ])('refuses %s offer hours', (_label, hours, code) => {
      expectOnlyProblem(
        mutated((scenario) => Object.assign(at(scenario.offers, 0), { hours })),
        'offers[0].hours',
        code,
      );
    });

    it('accepts fractional hours, which are not money', () => {
      expect(
        validateScenario(mutated((scenario) => (at(scenario.offers, 0).hours = 12.5))).ok,
      ).toBe(true);
    });

    it.each([
      ['negative', -1, 'SCHEMA_TOO_SMALL'],
      ['zero', 0, 'SCHEMA_TOO_SMALL'],
      ['non-numeric', 'beaucoup', 'SCHEMA_INVALID_TYPE'],
    ])('refuses %s cell demand hours and limit hours', (_label, hours, code) => {
      expectOnlyProblem(
        mutated((scenario) =>
          Object.assign(at(at(scenario.tender.lots, 3).cells, 2), { demandHours: hours }),
        ),
        'tender.lots[3].cells[2].demandHours',
        code,
      );
      expectOnlyProblem(
        mutated((scenario) => Object.assign(at(scenario.limits, 1), { maxHours: hours })),
        'limits[1].maxHours',
        code,
      );
    });

    it('refuses an unknown enumeration value', () => {
      expectOnlyProblem(
        mutated((scenario) => Object.assign(at(scenario.offers, 5), { preference: 'TERTIARY' })),
        'offers[5].preference',
        'SCHEMA_INVALID_VALUE',
      );
    });

    it('refuses a malformed e-mail and deadline', () => {
      expectOnlyProblem(
        mutated((scenario) => (at(scenario.organizations, 1).representative.email = 'rep2')),
        'organizations[1].representative.email',
        'SCHEMA_INVALID_FORMAT',
      );
      expectOnlyProblem(
        mutated((scenario) => (scenario.tender.deadline = '15/01/2027')),
        'tender.deadline',
        'SCHEMA_INVALID_FORMAT',
      );
    });

    it('refuses a limit with neither maxHours nor maxRevenueCents', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => (scenario.limits[3] = { org: 'org-011' })),
        'limits[3]',
        'SCHEMA_CUSTOM',
      );
      expect(problem.message).toBe(
        'une limite indique des heures maximum, un chiffre d’affaires maximum, ou les deux',
      );
    });

    it('refuses a lot without cells and a scenario without organisations', () => {
      expectOnlyProblem(
        mutated((scenario) => (at(scenario.tender.lots, 0).cells = [])),
        'tender.lots[0].cells',
        'SCHEMA_TOO_SMALL',
      );
      expectOnlyProblem(
        mutated((scenario) => (scenario.organizations = [])),
        'organizations',
        'SCHEMA_TOO_SMALL',
      );
    });
  });

  describe('organisations', () => {
    /** A new member that nobody references yet, so that nothing else breaks. */
    const newcomer = (scenario: Scenario, key: string) =>
      scenario.organizations.push({
        ...at(scenario.organizations, 18),
        key,
        id: '44306184100047',
      });

    it('refuses a duplicate organisation key', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => newcomer(scenario, 'org-002')),
        'organizations[19].key',
        'DUPLICATE_KEY',
      );
      expect(problem.message).toBe('la clé org-002 est déjà utilisée');
    });

    it('compares keys once trimmed', () => {
      expectOnlyProblem(
        mutated((scenario) => newcomer(scenario, ' org-002 ')),
        'organizations[19].key',
        'DUPLICATE_KEY',
      );
    });

    it('refuses a duplicate identifier, even typed differently', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => (at(scenario.organizations, 2).id = '473 607 146 36845')),
        'organizations[2].id',
        'DUPLICATE_KEY',
      );
      expect(problem.message).toBe('SIRET 473 607 146 36845 est déjà celui de org-001');
    });

    it('refuses an invalid SIRET check digit', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => (at(scenario.organizations, 5).id = '78969614448888')),
        'organizations[5].id',
        'INVALID_IDENTIFIER',
      );
      expect(problem.message).toBe('SIRET invalide (clé de contrôle de Luhn incorrecte)');
    });

    it('refuses an identifier of the wrong length for its scheme', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => (at(scenario.organizations, 5).idScheme = 'SIREN')),
        'organizations[5].id',
        'INVALID_IDENTIFIER',
      );
      expect(problem.message).toBe('un SIREN compte 9 chiffres');
    });

    it('refuses a malformed home territory', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => (at(scenario.organizations, 0).home = 'COM:9306')),
        'organizations[0].home',
        'INVALID_TERRITORY_CODE',
      );
      expect(problem.message).toBe(
        'code "COM:9306" mal formé : commune (code INSEE à 5 caractères)',
      );
    });

    it('refuses a SITE as home', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => (at(scenario.organizations, 0).home = 'SITE:atelier')),
        'organizations[0].home',
        'INVALID_TERRITORY_CODE',
      );
      expect(problem.message).toBe('le siège n’est pas un site de la consultation');
    });

    it('refuses an invalid buyer identifier', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => (scenario.tender.buyer.id = '22930008201454')),
        'tender.buyer.id',
        'INVALID_IDENTIFIER',
      );
      expect(problem.message).toBe('SIRET invalide (clé de contrôle de Luhn incorrecte)');
      expectOnlyProblem(
        mutated((scenario) => {
          scenario.tender.buyer.idScheme = 'BCE';
          scenario.tender.buyer.id = '0202.239.952';
        }),
        'tender.buyer.id',
        'INVALID_IDENTIFIER',
      );
    });

    it('refuses an unknown mandataire', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => (scenario.consortium.mandataire = 'org-404')),
        'consortium.mandataire',
        'UNKNOWN_REFERENCE',
      );
      expect(problem.message).toBe('organisation inconnue org-404');
    });
  });

  describe('lots and cells', () => {
    it('refuses a duplicate lot number', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) =>
          scenario.tender.lots.push({ ...structuredClone(at(scenario.tender.lots, 0)), number: 2 }),
        ),
        'tender.lots[4].number',
        'DUPLICATE_KEY',
      );
      expect(problem.message).toBe('le lot 2 est déclaré deux fois');
    });

    it('refuses a territory twice in one lot, but allows it in two lots', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) =>
          at(scenario.tender.lots, 0).cells.push({ territory: 'COM:93066', demandHours: 10 }),
        ),
        'tender.lots[0].cells[8].territory',
        'DUPLICATE_KEY',
      );
      expect(problem.message).toBe('le territoire COM:93066 figure deux fois dans le lot 1');
      const twoLots = mutated((scenario) =>
        at(scenario.tender.lots, 1).cells.push({ territory: 'COM:93066', demandHours: 10 }),
      );
      expect(validateScenario(twoLots).ok).toBe(true);
    });

    it('refuses a malformed territory code', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) =>
          at(scenario.tender.lots, 1).cells.push({ territory: '93006', demandHours: 10 }),
        ),
        'tender.lots[1].cells[9].territory',
        'INVALID_TERRITORY_CODE',
      );
      expect(problem.message).toMatch(/^code de territoire "93006" sans niveau reconnu/);
    });

    it('refuses a SITE cell without parent', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) =>
          at(scenario.tender.lots, 0).cells.push({ territory: 'SITE:col-x', demandHours: 5 }),
        ),
        'tender.lots[0].cells[8].parent',
        'MISSING_SITE_PARENT',
      );
      expect(problem.message).toBe('le site SITE:col-x doit indiquer son territoire parent');
    });

    it('refuses a SITE whose parent is a SITE', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) =>
          at(scenario.tender.lots, 0).cells.push(
            { territory: 'SITE:a', parent: 'COM:93066', demandHours: 5 },
            { territory: 'SITE:b', parent: 'SITE:a', demandHours: 5 },
          ),
        ),
        'tender.lots[0].cells[9].parent',
        'INVALID_SITE_PARENT',
      );
      expect(problem.message).toMatch(/^le parent d’un site est une commune/);
    });

    it('refuses a SITE whose parent is malformed', () => {
      expectOnlyProblem(
        mutated((scenario) =>
          at(scenario.tender.lots, 0).cells.push({
            territory: 'SITE:a',
            parent: 'COM:930',
            demandHours: 5,
          }),
        ),
        'tender.lots[0].cells[8].parent',
        'INVALID_TERRITORY_CODE',
      );
    });

    it('refuses a parent on a cell that is not a SITE', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => (at(at(scenario.tender.lots, 2).cells, 1).parent = 'DEP:93')),
        'tender.lots[2].cells[1].parent',
        'UNEXPECTED_PARENT',
      );
      expect(problem.message).toBe('seul un site (SITE:) indique un territoire parent');
    });
  });

  describe('offers', () => {
    it('refuses an offer by an unknown organisation', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => (at(scenario.offers, 7).org = 'org-404')),
        'offers[7].org',
        'UNKNOWN_REFERENCE',
      );
      expect(problem.message).toBe('organisation inconnue org-404');
    });

    it('refuses an offer on an unknown lot', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => (at(scenario.offers, 0).lot = 9)),
        'offers[0].lot',
        'UNKNOWN_REFERENCE',
      );
      expect(problem.message).toBe('lot inconnu 9');
    });

    it('refuses an offer on a territory outside its lot', () => {
      // COM:93006 is a cell of lot 2, not of lot 1.
      const problem = expectOnlyProblem(
        mutated((scenario) => (at(scenario.offers, 0).territory = 'COM:93006')),
        'offers[0].territory',
        'TERRITORY_OUTSIDE_LOT',
      );
      expect(problem.message).toBe('le territoire COM:93006 n’est pas une cellule du lot 1');
    });

    it('refuses two offers by one organisation on one cell', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => scenario.offers.push({ ...at(scenario.offers, 2), hours: 10 })),
        `offers[${example.offers.length}]`,
        'DUPLICATE_KEY',
      );
      expect(problem.message).toBe('org-001 fait déjà une offre sur COM:93066 au lot 1');
    });

    it('allows two organisations on one cell and one organisation on a cell of two lots', () => {
      const scenario = mutated((copy) => {
        at(copy.tender.lots, 1).cells.push({ territory: 'COM:93066', demandHours: 10 });
        copy.offers.push(
          { ...at(copy.offers, 2), org: 'org-019' },
          { ...at(copy.offers, 2), lot: 2, preference: 'SECONDARY' },
        );
      });
      expect(validateScenario(scenario).problems).toEqual([]);
    });
  });

  describe('limits', () => {
    it('refuses two limits for one organisation', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => scenario.limits.push({ org: 'org-002', maxRevenueCents: 1 })),
        `limits[${example.limits.length}].org`,
        'DUPLICATE_KEY',
      );
      expect(problem.message).toBe('org-002 a déjà ses limites');
    });

    it('refuses a limit for an unknown organisation', () => {
      expectOnlyProblem(
        mutated((scenario) => (at(scenario.limits, 0).org = 'org-404')),
        'limits[0].org',
        'UNKNOWN_REFERENCE',
      );
    });
  });

  describe('subcontracts', () => {
    it('refuses an unknown principal', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => (at(scenario.subcontracts, 1).principal = 'org-404')),
        'subcontracts[1].principal',
        'UNKNOWN_REFERENCE',
      );
      expect(problem.message).toBe('organisation inconnue org-404');
    });

    it('refuses an unknown subcontractor', () => {
      expectOnlyProblem(
        mutated((scenario) => (at(scenario.subcontracts, 1).subcontractor = 'org-404')),
        'subcontracts[1].subcontractor',
        'UNKNOWN_REFERENCE',
      );
    });

    it('refuses an unknown lot', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => (at(scenario.subcontracts, 4).lot = 5)),
        'subcontracts[4].lot',
        'UNKNOWN_REFERENCE',
      );
      expect(problem.message).toBe('lot inconnu 5');
    });

    it('refuses a member subcontracting to itself', () => {
      const problem = expectOnlyProblem(
        mutated((scenario) => (at(scenario.subcontracts, 0).subcontractor = 'org-001')),
        'subcontracts[0].subcontractor',
        'SELF_SUBCONTRACT',
      );
      expect(problem.message).toBe('un membre ne se sous-traite pas à lui-même');
    });
  });

  describe('several problems', () => {
    it('lists every rule broken, in one result, in the order of the file', () => {
      const scenario = mutated((copy) => {
        copy.tender.buyer.id = '22930008201454';
        copy.tender.lots.push({ ...structuredClone(at(copy.tender.lots, 0)), number: 1 });
        at(at(copy.tender.lots, 0).cells, 1).parent = 'COM:93066';
        copy.organizations.push({ ...at(copy.organizations, 18), id: '44306184100047' });
        at(copy.organizations, 5).id = '78969614448888';
        copy.consortium.mandataire = 'org-404';
        at(copy.offers, 0).lot = 9;
        at(copy.offers, 1).territory = 'COM:93006';
        copy.limits.push({ org: 'org-001', maxHours: 1 });
        at(copy.subcontracts, 0).subcontractor = 'org-001';
      });
      const problems = problemsOf(scenario);
      expect(problems.map(({ path: at, code }) => [at, code])).toEqual([
        ['tender.buyer.id', 'INVALID_IDENTIFIER'],
        ['tender.lots[0].cells[1].parent', 'UNEXPECTED_PARENT'],
        ['tender.lots[4].number', 'DUPLICATE_KEY'],
        ['consortium.mandataire', 'UNKNOWN_REFERENCE'],
        ['organizations[5].id', 'INVALID_IDENTIFIER'],
        ['organizations[19].key', 'DUPLICATE_KEY'],
        ['offers[0].lot', 'UNKNOWN_REFERENCE'],
        ['offers[1].territory', 'TERRITORY_OUTSIDE_LOT'],
        [`limits[${example.limits.length}].org`, 'DUPLICATE_KEY'],
        ['subcontracts[0].subcontractor', 'SELF_SUBCONTRACT'],
      ]);
      problems.forEach((problem) => expectFrench(problem.message));
    });

    it('lists every shape problem at once', () => {
      const scenario = mutated((copy) => {
        Object.assign(copy, { format: 'cordage.scenario/0' });
        Reflect.deleteProperty(copy.tender, 'title');
        at(copy.tender.lots, 2).amountCents = 1.5;
        Object.assign(at(copy.offers, 3), { hours: -2, extra: true });
      });
      const problems = problemsOf(scenario);
      expect(problems.map(({ path: at, code }) => [at, code])).toEqual(
        expect.arrayContaining([
          ['format', 'SCHEMA_INVALID_VALUE'],
          ['tender.title', 'SCHEMA_INVALID_TYPE'],
          ['tender.lots[2].amountCents', 'SCHEMA_INVALID_TYPE'],
          ['offers[3]', 'SCHEMA_UNRECOGNIZED_KEYS'],
          ['offers[3].hours', 'SCHEMA_TOO_SMALL'],
        ]),
      );
      expect(problems).toHaveLength(5);
      problems.forEach((problem) => expectFrench(problem.message));
    });

    it('reports one problem per offending entry', () => {
      const scenario = mutated((copy) =>
        copy.offers.forEach((offer, i) => (offer.org = `ghost-${i}`)),
      );
      const problems = problemsOf(scenario);
      expect(problems).toHaveLength(example.offers.length);
      expect(problems.every((problem) => problem.code === 'UNKNOWN_REFERENCE')).toBe(true);
      expect(at(problems, example.offers.length - 1).path).toBe(
        `offers[${example.offers.length - 1}].org`,
      );
    });
  });

  it('never changes its input', () => {
    const input = structuredClone(example);
    validateScenario(input);
    expect(input).toEqual(example);
  });
});

describe('seededTerritoryReferences', () => {
  const valid = (input: unknown): Scenario => {
    const result = validateScenario(input);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.scenario;
  };

  it('lists every seeded code the example names, with all its paths', () => {
    const references = seededTerritoryReferences(valid(example));
    const cellCount = example.tender.lots.reduce((total, lot) => total + lot.cells.length, 0);
    expect(references.size).toBe(cellCount);
    expect(references.get('COM:93066')).toEqual([
      'tender.lots[0].cells[4].territory',
      'organizations[0].home',
    ]);
    expect(references.get('COM:93073')).toEqual([
      'tender.lots[2].cells[6].territory',
      'organizations[6].home',
      'organizations[10].home',
      'organizations[18].home',
    ]);
    expect(references.get('COM:93001')).toEqual([
      'tender.lots[0].cells[0].territory',
      'organizations[8].home',
    ]);
  });

  it('looks up the parents of SITE cells, never the SITE or BE codes themselves', () => {
    const scenario = valid(
      mutated((copy) => {
        at(copy.tender.lots, 0).cells.push(
          { territory: 'SITE:col-jean-vilar', parent: 'DEP:93', demandHours: 300 },
          { territory: 'SITE:depot-bxl', parent: 'BE:21004', demandHours: 40 },
          { territory: 'BE:21009', demandHours: 40 },
        );
        at(copy.organizations, 1).home = 'BE:21004';
      }),
    );
    const references = seededTerritoryReferences(scenario);
    expect(references.get('DEP:93')).toEqual(['tender.lots[0].cells[8].parent']);
    const codes = [...references.keys()];
    expect(codes.filter((code) => /^(SITE|BE):/.test(code))).toEqual([]);
    expect(codes.some((code) => code.startsWith('COM:'))).toBe(true);
  });
});

describe('territoryExistenceProblems', () => {
  it('reports an unknown COM:99999 at every path that names it', () => {
    const result = validateScenario(
      mutated((copy) => {
        at(copy.tender.lots, 1).cells.push({ territory: 'COM:99999', demandHours: 10 });
        at(copy.organizations, 13).home = 'COM:99999';
      }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const references = seededTerritoryReferences(result.scenario);
    const existing = new Set([...references.keys()].filter((code) => code !== 'COM:99999'));
    const problems = territoryExistenceProblems(references, existing);
    expect(problems).toEqual([
      {
        path: 'tender.lots[1].cells[9].territory',
        code: 'UNKNOWN_TERRITORY',
        message: 'territoire inconnu COM:99999',
      },
      {
        path: 'organizations[13].home',
        code: 'UNKNOWN_TERRITORY',
        message: 'territoire inconnu COM:99999',
      },
    ]);
  });

  it('reports nothing when every code exists', () => {
    const references = new Map([
      ['COM:93066', ['a']],
      ['DEP:93', ['b', 'c']],
    ]);
    expect(territoryExistenceProblems(references, new Set(['COM:93066', 'DEP:93']))).toEqual([]);
  });

  it('reports each unknown code, the known ones excepted', () => {
    const references = new Map([
      ['COM:93066', ['a']],
      ['DEP:99', ['b', 'c']],
      ['REG:00', ['d']],
    ]);
    expect(territoryExistenceProblems(references, new Set(['COM:93066']))).toEqual([
      { path: 'b', code: 'UNKNOWN_TERRITORY', message: 'territoire inconnu DEP:99' },
      { path: 'c', code: 'UNKNOWN_TERRITORY', message: 'territoire inconnu DEP:99' },
      { path: 'd', code: 'UNKNOWN_TERRITORY', message: 'territoire inconnu REG:00' },
    ]);
  });
});

describe('validateScenario and NUL characters', () => {
  it('refuses a NUL character in any text of the file, naming where, with the other problems', () => {
    const problems = problemsOf(
      mutated((scenario) => {
        at(scenario.organizations, 2).legalName = 'Atelier\u0000';
        scenario.tender.title = '';
      }),
    );
    expect(problems).toContainEqual({
      path: 'organizations[2].legalName',
      code: 'NUL_CHARACTER',
      message: 'caractère nul (\\u0000) interdit dans un texte',
    });
    expect(problems.some((problem) => problem.path === 'tender.title')).toBe(true);
  });
});
