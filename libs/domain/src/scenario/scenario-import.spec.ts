import { DomainError, DomainErrorCode, type Problem } from '../errors';
import { example, mutated } from './example-scenario.fixture';
import type { Scenario } from './scenario.schema';
import type { ConsortiumOfTender } from './same-tender';
import {
  invalidScenarioError,
  MAX_REPORTED_PROBLEMS,
  ScenarioImport,
  tenderRefOf,
} from './scenario-import';
import type {
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

/** A consortium already answering a tender in a network, as the store would find it. */
interface KnownConsortium {
  tender: TenderRef;
  networkId: string;
  consortium: ConsortiumOfTender;
}

class FakeScenarioStore implements ScenarioStore {
  readonly lookedUp: TenderRef[] = [];
  readonly locked: boolean[] = [];
  readonly saved: { scenario: Scenario; options?: SaveScenarioOptions }[] = [];
  constructor(private readonly existing: KnownConsortium[] = []) {}

  consortiaOfTender(
    tender: TenderRef,
    networkId: string,
    options?: { lock: boolean },
  ): Promise<ConsortiumOfTender[]> {
    this.lookedUp.push(tender);
    this.locked.push(options?.lock ?? false);
    return Promise.resolve(
      this.existing
        .filter(
          (known) =>
            known.networkId === networkId &&
            known.tender.buyerIdScheme === tender.buyerIdScheme &&
            known.tender.buyerId === tender.buyerId &&
            known.tender.reference === tender.reference,
        )
        .map((known) => known.consortium),
    );
  }

  save(scenario: Scenario, options?: SaveScenarioOptions): Promise<ImportedBid> {
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
    const error = await domainErrorOf(useCase.check(input, SAVE.networkId));
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

  /** The example's mandataire, Rénov'Plaine (SIRET 473 607 146 36845), as another bid has it. */
  const RENOV_PLAINE = { entity: 'SIREN:473607146', legalName: 'Rénov’Plaine' };
  const otherConsortium = (
    mandataire: { entity: string; legalName: string },
    members = [mandataire],
    networkId = SAVE.networkId,
    tender = EXAMPLE_TENDER,
  ): KnownConsortium => ({
    tender,
    networkId,
    consortium: { bidId: 'bid-0', mandataire, members },
  });
  const useStore = (...known: KnownConsortium[]) => {
    store = new FakeScenarioStore(known);
    useCase = new ScenarioImport(territories, store);
  };

  it('refuses the same mandataire twice for one tender in a network (R2142-23), and never saves', async () => {
    useStore(otherConsortium(RENOV_PLAINE));
    const error = await domainErrorOf(useCase.run(example, SAVE));
    expect(error.code).toBe(DomainErrorCode.DUPLICATE_TENDER);
    expect(error.details).toEqual({ bidId: 'bid-0' });
    expect(error.problems).toEqual([
      {
        path: 'consortium.mandataire',
        code: 'DUPLICATE_TENDER',
        message: 'déjà mandataire d’un groupement pour la consultation 2027-D93-PEINT',
      },
    ]);
    expect(error.message).toBe(
      "Rénov'Plaine est déjà mandataire d’un groupement de votre réseau qui répond à la " +
        'consultation 2027-D93-PEINT : un opérateur ne peut être mandataire que d’un seul ' +
        'groupement pour un même marché (article R2142-23 du code de la commande publique) ; ' +
        'rien n’a été importé.',
    );
    // Judged again inside the writing transaction, the tender locked for the network.
    expect(store.locked).toEqual([true]);
    expect(store.saved).toHaveLength(0);
  });

  it('recognises the tender whatever the spacing of the buyer identifier, the mandataire by its firm', async () => {
    useStore(otherConsortium(RENOV_PLAINE));
    const input = mutated((scenario) => {
      scenario.tender.buyer.id = '229 300 082 01453';
      // Another establishment of the same firm is the same operator.
      at(scenario.organizations, 0).id = '47360714600007';
    });
    const error = await domainErrorOf(useCase.run(input, SAVE));
    expect(error.code).toBe(DomainErrorCode.DUPLICATE_TENDER);
    expect(store.lookedUp).toEqual([EXAMPLE_TENDER]);
  });

  it('imports the tender again for another network, or for another mandataire of the same network', async () => {
    useStore(otherConsortium(RENOV_PLAINE, [RENOV_PLAINE], 'network-2'));
    await expect(useCase.run(example, SAVE)).resolves.toBe(IMPORTED);
    const other = { entity: 'SIREN:552100554', legalName: 'Autre mandataire' };
    useStore(otherConsortium(other, [other, RENOV_PLAINE]));
    await expect(useCase.run(example, SAVE)).resolves.toBe(IMPORTED);
    expect(store.saved).toHaveLength(1);
  });

  it('refuses members of another consortium when the tender forbids it (R2142-21), subcontractors aside', async () => {
    const other = { entity: 'SIREN:552100554', legalName: 'Autre mandataire' };
    const exclusive = mutated((scenario) => (scenario.tender.exclusiveMembership = true));
    const atelier = { entity: 'SIREN:365502214', legalName: 'Atelier Couleurs d’Est' };
    const subcontractor = at(example.organizations, 14);
    const lent = {
      entity: `SIREN:${subcontractor.id.replace(/\s/g, '').slice(0, 9)}`,
      legalName: subcontractor.legalName,
    };
    useStore(otherConsortium(other, [other, atelier, lent]));
    const error = await domainErrorOf(useCase.run(exclusive, SAVE));
    expect(error.code).toBe(DomainErrorCode.WORKFLOW_RULE_VIOLATED);
    expect(error.problems).toEqual([
      {
        path: 'organizations[2].id',
        code: 'MEMBER_OF_ANOTHER_CONSORTIUM',
        message:
          "Atelier Couleurs d'Est est déjà membre d’un autre groupement pour cette consultation " +
          '(mandataire : Autre mandataire)',
      },
    ]);
    expect(error.message).toMatch(/^La consultation 2027-D93-PEINT interdit .* R2142-21 /);
    expect(store.saved).toHaveLength(0);
    // Without the tender's prohibition, the same members may be in both.
    await expect(useCase.run(example, SAVE)).resolves.toBe(IMPORTED);
  });

  it('imports the same reference from another buyer', async () => {
    useStore(
      otherConsortium(RENOV_PLAINE, [RENOV_PLAINE], SAVE.networkId, {
        ...EXAMPLE_TENDER,
        buyerId: '44306184100047',
      }),
    );
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

describe('tenderRefOf', () => {
  it('names a tender by its buyer’s normalised identifier and its reference', () => {
    const scenario = mutated((copy) => (copy.tender.buyer.id = '229.300.082.01453'));
    expect(tenderRefOf(scenario)).toEqual(EXAMPLE_TENDER);
  });
});
