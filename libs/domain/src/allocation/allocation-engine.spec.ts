import { DomainError, DomainErrorCode } from '../errors';
import { example, mutated } from '../scenario/example-scenario.fixture';
import { AllocationEngine, AllocationSolverError } from './allocation-engine';
import type { LinearSolver, LpSolution } from './lp/linear-solver.port';
import type { LpModel } from './lp/lp-model';
import { at } from '../invariants';

/** A solver that must not be reached: bad input is refused before anything is solved. */
const unreachable: LinearSolver = {
  solve: () => Promise.reject(new Error('the solver was called')),
};

async function refusal(input: unknown): Promise<DomainError> {
  const error: unknown = await new AllocationEngine(unreachable)
    .run(input)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  const domainError = error as DomainError;
  expect(domainError.code).toBe(DomainErrorCode.INVALID_SCENARIO);
  expect(domainError.message).toMatch(/rien n’a été calculé\.$/);
  return domainError;
}

describe('AllocationEngine, before solving', () => {
  const otherLotTerritory = at(at(example.tender.lots, 1).cells, 0).territory;
  it.each([
    [
      'an unknown organisation',
      mutated((s) => (at(s.offers, 3).org = 'org-999')),
      'offers[3].org',
      'organisation inconnue org-999',
    ],
    ['an unknown lot', mutated((s) => (at(s.offers, 3).lot = 9)), 'offers[3].lot', 'lot inconnu 9'],
    [
      'an offer on a territory outside its lot',
      mutated((s) => (at(s.offers, 0).territory = otherLotTerritory)),
      'offers[0].territory',
      `le territoire ${otherLotTerritory} n’est pas une cellule du lot 1`,
    ],
    [
      'an unknown territory',
      mutated((s) => (at(s.offers, 0).territory = 'COM:99999')),
      'offers[0].territory',
      'le territoire COM:99999 n’est pas une cellule du lot 1',
    ],
    [
      'negative hours',
      mutated((s) => (at(s.offers, 5).hours = -40)),
      'offers[5].hours',
      'Trop petit : nombre doit être >0',
    ],
    [
      'non-numeric demand',
      mutated(
        (s) =>
          ((at(at(s.tender.lots, 0).cells, 2) as { demandHours: unknown }).demandHours = '700'),
      ),
      'tender.lots[0].cells[2].demandHours',
      'Entrée invalide : nombre attendu, chaîne de caractères reçu',
    ],
    [
      'a lot amount that is not a whole number of cents',
      mutated((s) => (at(s.tender.lots, 1).amountCents = 24571274.5)),
      'tender.lots[1].amountCents',
      'un montant s’écrit en centimes entiers (reçu 24571274.5)',
    ],
    [
      'a duplicate organisation key',
      mutated((s) => (at(s.organizations, 4).key = 'org-001')),
      'organizations[4].key',
      'la clé org-001 est déjà utilisée',
    ],
    [
      'a duplicate offer',
      mutated((s) => s.offers.push({ ...at(s.offers, 0) })),
      `offers[${example.offers.length}]`,
      `org-001 fait déjà une offre sur ${at(example.offers, 0).territory} au lot 1`,
    ],
    [
      'an unknown field',
      mutated((s) => Object.assign(at(s.offers, 2), { colour: 'bleu' })),
      'offers[2]',
      'champ inconnu « colour » : retirez-le ou corrigez son nom',
    ],
  ])('refuses %s, naming the place', async (_, input, path, message) => {
    const error = await refusal(input);
    expect(error.problems).toContainEqual(expect.objectContaining({ path, message }));
  });

  it('refuses hours below a microhour, which cannot be split', async () => {
    const error = await refusal(
      mutated((s) => (at(at(s.tender.lots, 2).cells, 1).demandHours = 1e-7)),
    );
    expect(error.problems).toEqual([
      {
        path: 'tender.lots[2].cells[1].demandHours',
        code: 'HOURS_TOO_SMALL',
        message: '1e-7 h : les heures se comptent à la microheure, 0,000001 h au moins',
      },
    ]);
  });

  it('refuses what is not a scenario at all', async () => {
    const error = await refusal([1, 2, 3]);
    expect(at(error.problems, 0).path).toBe('$');
  });
});

/** Answers every model with the same made-up solution. */
function solverAnswering(answer: (model: LpModel) => Partial<LpSolution>): LinearSolver {
  return {
    solve: (model) =>
      Promise.resolve({
        status: 'optimal',
        statusText: 'optimal',
        objective: 0,
        columnValues: new Float64Array(model.columns.names.length),
        rowDuals: new Float64Array(model.rows.names.length),
        ...answer(model),
      }),
  };
}

describe('AllocationEngine, after solving', () => {
  it('refuses an "Optimal" that breaks a constraint, naming the stage and the row', async () => {
    // Nothing covered, nothing uncovered: every demand row fails.
    const error: unknown = await new AllocationEngine(solverAnswering(() => ({})))
      .run(example)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllocationSolverError);
    expect((error as AllocationSolverError).step).toBe('coverage');
    expect((error as AllocationSolverError).message).toContain(
      'la contrainte demand0_0 vaut 0 pour = 700',
    );
  });

  it('refuses a stage the solver did not finish', async () => {
    const stopped = solverAnswering(() => ({ status: 'failed', statusText: 'timeLimit' }));
    await expect(new AllocationEngine(stopped).run(example)).rejects.toThrow(
      'Étape coverage : le solveur annonce un optimum que la vérification refuse ' +
        '(le solveur s’est arrêté sans optimum (timeLimit)).',
    );
  });
});
