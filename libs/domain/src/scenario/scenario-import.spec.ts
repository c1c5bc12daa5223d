import { DomainError, DomainErrorCode, type Problem } from '../errors';
import { example, mutated } from './example-scenario.fixture';
import type { Scenario } from './scenario.schema';
import {
  duplicateTenderError,
  invalidScenarioError,
  MAX_REPORTED_PROBLEMS,
  ScenarioImport,
  tenderRefOf,
} from './scenario-import';
import type {
  DuplicateTender,
  ImportedBid,
  SaveScenarioOptions,
  ScenarioStore,
  TenderRef,
  TerritoryDirectory,
} from './scenario-ports';
import { seededTerritoryReferences, validateScenario } from './validate-scenario';
import { at } from '../invariants';

const SAVE = { networkId: 'network-1' };

/** Every seeded code the example names: the geography the fake directory knows. */
function exampleGeography(): Set<string> {
  const result = validateScenario(example);
  if (!result.ok) throw new Error('the example must be valid');
  return new Set(seededTerritoryReferences(result.scenario).keys());
}

class FakeTerritoryDirectory implements TerritoryDirectory {
  readonly asked: (readonly string[])[] = [];
  constructor(private readonly known: ReadonlySet<string>) {}

  findExisting(codes: readonly string[]): Promise<Set<string>> {
    this.asked.push(codes);
    return Promise.resolve(new Set(codes.filter((code) => this.known.has(code))));
  }
}

const IMPORTED: ImportedBid = {
  bidId: 'bid-1',
  tenderId: 'tender-1',
  counts: {
    lots: 4,
    cells: 39,
    organisations: 19,
    organisationsReused: 0,
    members: 19,
    offers: 142,
    limits: 7,
    subcontracts: 5,
  },
};

class FakeScenarioStore implements ScenarioStore {
  readonly lookedUp: TenderRef[] = [];
  readonly saved: { scenario: Scenario; options?: SaveScenarioOptions }[] = [];
  constructor(private readonly existing: { tender: TenderRef; bidId: string }[] = []) {}

  findBidByTender(tender: TenderRef): Promise<{ bidId: string } | null> {
    this.lookedUp.push(tender);
    const found = this.existing.find(
      (bid) =>
        bid.tender.buyerIdScheme === tender.buyerIdScheme &&
        bid.tender.buyerId === tender.buyerId &&
        bid.tender.reference === tender.reference,
    );
    return Promise.resolve(found ? { bidId: found.bidId } : null);
  }

  save(scenario: Scenario, options?: SaveScenarioOptions): Promise<ImportedBid | DuplicateTender> {
    this.saved.push({ scenario, options });
    return Promise.resolve(IMPORTED);
  }
}

/** Runs `action`, expecting it to reject with a DomainError, and returns that error. */
async function domainErrorOf(action: Promise<unknown>): Promise<DomainError> {
  const error = await action.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const EXAMPLE_TENDER: TenderRef = {
  buyerIdScheme: 'SIRET',
  buyerId: '22930008201453',
  reference: '2027-D93-PEINT',
};

describe('ScenarioImport', () => {
  let territories: FakeTerritoryDirectory;
  let store: FakeScenarioStore;
  let useCase: ScenarioImport;

  beforeEach(() => {
    territories = new FakeTerritoryDirectory(exampleGeography());
    store = new FakeScenarioStore();
    useCase = new ScenarioImport(territories, store);
  });

  it('saves a valid file once, with its options, and returns what the store wrote', async () => {
    const onProgress = jest.fn();
    const result = await useCase.run(example, { ...SAVE, onProgress });
    expect(result).toBe(IMPORTED);
    expect(store.saved).toHaveLength(1);
    expect(at(store.saved, 0).scenario.tender.reference).toBe('2027-D93-PEINT');
    expect(at(store.saved, 0).options).toEqual({ ...SAVE, onProgress });
    expect(onProgress).toHaveBeenCalledWith(0, 'validating');
    expect(store.lookedUp).toEqual([EXAMPLE_TENDER]);
    expect(territories.asked).toHaveLength(1);
    expect(new Set(territories.asked[0])).toEqual(exampleGeography());
  });

  it('refuses as DUPLICATE_TENDER a tender the store found imported meanwhile (after the check)', async () => {
    jest.spyOn(store, 'save').mockResolvedValue({ duplicateOf: { bidId: 'bid-7' } });
    const error = await domainErrorOf(useCase.run(example, SAVE));
    expect(error.code).toBe(DomainErrorCode.DUPLICATE_TENDER);
    expect(error.details).toEqual({ bidId: 'bid-7' });
  });

  it('saves the parsed scenario, with its defaults filled', async () => {
    await useCase.run(
      mutated((scenario) => Reflect.deleteProperty(scenario, 'policy')),
      SAVE,
    );
    expect(store.saved).toHaveLength(1);
    expect(at(store.saved, 0).scenario.policy).toEqual({ secondaryCost: 1 });
  });

  it('refuses an invalid file with every problem, and never saves', async () => {
    const input = mutated((scenario) => {
      scenario.consortium.mandataire = 'org-404';
      at(scenario.offers, 0).lot = 9;
    });
    const error = await domainErrorOf(useCase.run(input, SAVE));
    expect(error.code).toBe(DomainErrorCode.INVALID_SCENARIO);
    expect(error.problems).toEqual([
      {
        path: 'consortium.mandataire',
        code: 'UNKNOWN_REFERENCE',
        message: 'organisation inconnue org-404',
      },
      { path: 'offers[0].lot', code: 'UNKNOWN_REFERENCE', message: 'lot inconnu 9' },
    ]);
    expect(error.details).toEqual({ problemCount: 2 });
    expect(error.message).toBe('Le fichier de scénario contient 2 erreurs ; rien n’a été importé.');
    expect(territories.asked).toHaveLength(0);
    expect(store.lookedUp).toHaveLength(0);
    expect(store.saved).toHaveLength(0);
  });

  it('refuses a file whose shape is wrong, and never saves', async () => {
    const error = await domainErrorOf(useCase.run({ format: 'cordage.scenario/1' }, SAVE));
    expect(error.code).toBe(DomainErrorCode.INVALID_SCENARIO);
    expect(error.problems.map((problem) => problem.path)).toEqual(
      expect.arrayContaining(['tender', 'consortium', 'organizations']),
    );
    expect(store.saved).toHaveLength(0);
  });

  it('refuses a territory the official geography does not hold, and never saves', async () => {
    const input = mutated((scenario) => (at(scenario.organizations, 2).home = 'COM:99999'));
    const error = await domainErrorOf(useCase.check(input));
    expect(error.code).toBe(DomainErrorCode.INVALID_SCENARIO);
    expect(error.problems).toEqual([
      {
        path: 'organizations[2].home',
        code: 'UNKNOWN_TERRITORY',
        message: 'territoire inconnu COM:99999',
      },
    ]);
    expect(error.details).toEqual({ problemCount: 1 });
    expect(error.message).toBe('Le fichier de scénario contient 1 erreur ; rien n’a été importé.');
    expect(store.lookedUp).toHaveLength(0);
    await expect(useCase.run(input, SAVE)).rejects.toBeInstanceOf(DomainError);
    expect(store.saved).toHaveLength(0);
  });

  it('never looks up Belgian codes or sites', async () => {
    const input = mutated((scenario) => {
      at(scenario.tender.lots, 0).cells.push({
        territory: 'SITE:depot',
        parent: 'BE:21004',
        demandHours: 10,
      });
      at(scenario.organizations, 0).home = 'BE:21004';
      at(scenario.organizations, 0).id = '47360714636845';
    });
    await useCase.run(input, SAVE);
    expect(at(territories.asked, 0).filter((code) => /^(BE|SITE):/.test(code))).toEqual([]);
    expect(store.saved).toHaveLength(1);
  });

  it('refuses a tender already imported with DUPLICATE_TENDER, and never saves', async () => {
    store = new FakeScenarioStore([{ tender: EXAMPLE_TENDER, bidId: 'bid-0' }]);
    useCase = new ScenarioImport(territories, store);
    const error = await domainErrorOf(useCase.run(example, SAVE));
    expect(error.code).toBe(DomainErrorCode.DUPLICATE_TENDER);
    expect(error.details).toEqual({ bidId: 'bid-0' });
    expect(error.problems).toEqual([
      { path: 'tender.reference', code: 'DUPLICATE_TENDER', message: 'consultation déjà importée' },
    ]);
    expect(error.message).toBe(
      'La consultation 2027-D93-PEINT de l’acheteur SIRET 22930008201453 a déjà été importée ; ' +
        'rien n’a été importé.',
    );
    expect(store.saved).toHaveLength(0);
  });

  it('recognises a known tender whatever the spacing of the buyer identifier', async () => {
    store = new FakeScenarioStore([{ tender: EXAMPLE_TENDER, bidId: 'bid-0' }]);
    useCase = new ScenarioImport(territories, store);
    const input = mutated((scenario) => (scenario.tender.buyer.id = '229 300 082 01453'));
    const error = await domainErrorOf(useCase.run(input, SAVE));
    expect(error.code).toBe(DomainErrorCode.DUPLICATE_TENDER);
    expect(store.lookedUp).toEqual([EXAMPLE_TENDER]);
  });

  it('imports the same reference from another buyer', async () => {
    store = new FakeScenarioStore([
      { tender: { ...EXAMPLE_TENDER, buyerId: '44306184100047' }, bidId: 'bid-0' },
    ]);
    useCase = new ScenarioImport(territories, store);
    await expect(useCase.run(example, SAVE)).resolves.toBe(IMPORTED);
    expect(store.saved).toHaveLength(1);
  });

  it(`lists at most ${MAX_REPORTED_PROBLEMS} problems, and counts them all`, async () => {
    const total = 1500;
    const input = mutated((scenario) => {
      const offer = at(scenario.offers, 0);
      scenario.offers = Array.from({ length: total }, (_, i) => ({ ...offer, org: `ghost-${i}` }));
    });
    const error = await domainErrorOf(useCase.run(input, SAVE));
    expect(error.code).toBe(DomainErrorCode.INVALID_SCENARIO);
    expect(error.problems).toHaveLength(MAX_REPORTED_PROBLEMS);
    expect(at(error.problems, 0).path).toBe('offers[0].org');
    expect(at(error.problems, MAX_REPORTED_PROBLEMS - 1).path).toBe(
      `offers[${MAX_REPORTED_PROBLEMS - 1}].org`,
    );
    expect(error.details).toEqual({ problemCount: total });
    expect(error.message).toBe(
      `Le fichier de scénario contient ${total} erreurs (les ${MAX_REPORTED_PROBLEMS} ` +
        'premières sont listées) ; rien n’a été importé.',
    );
    expect(store.saved).toHaveLength(0);
  });
});

describe('invalidScenarioError', () => {
  const problem = (i: number): Problem => ({ path: `offers[${i}]`, code: 'X', message: 'm' });

  it('keeps every problem up to the cap', () => {
    const problems = Array.from({ length: MAX_REPORTED_PROBLEMS }, (_, i) => problem(i));
    const error = invalidScenarioError(problems);
    expect(MAX_REPORTED_PROBLEMS).toBe(1000);
    expect(error.problems).toEqual(problems);
    expect(error.details).toEqual({ problemCount: MAX_REPORTED_PROBLEMS });
    expect(error.message).not.toContain('premières');
  });

  it('cuts one past the cap', () => {
    const problems = Array.from({ length: MAX_REPORTED_PROBLEMS + 1 }, (_, i) => problem(i));
    const error = invalidScenarioError(problems);
    expect(error.problems).toEqual(problems.slice(0, MAX_REPORTED_PROBLEMS));
    expect(error.details).toEqual({ problemCount: MAX_REPORTED_PROBLEMS + 1 });
    expect(error.message).toContain('(les 1000 premières sont listées)');
  });

  it('is a DomainError named as such', () => {
    const error = invalidScenarioError([problem(0)]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DomainError');
    expect(error.code).toBe(DomainErrorCode.INVALID_SCENARIO);
  });
});

describe('tenderRefOf and duplicateTenderError', () => {
  it('names a tender by its buyer’s normalised identifier and its reference', () => {
    const scenario = mutated((copy) => (copy.tender.buyer.id = '229.300.082.01453'));
    expect(tenderRefOf(scenario)).toEqual(EXAMPLE_TENDER);
  });

  it('carries the existing bid', () => {
    const error = duplicateTenderError(EXAMPLE_TENDER, 'bid-9');
    expect(error.code).toBe(DomainErrorCode.DUPLICATE_TENDER);
    expect(error.details).toEqual({ bidId: 'bid-9' });
  });
});
