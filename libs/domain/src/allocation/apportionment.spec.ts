import { type Scenario, validateScenario } from '../scenario';
import { buildAllocationInput } from './allocation-input';
import { allocationWarnings } from './allocation-warnings';
import { apportion } from './apportionment';
import { checkCompositionRules } from './composition-rules';
import { explainAllocation } from './explain-allocation';
import { at } from '../invariants';

const NBSP = '\u00a0';
const uncoveredInsertion = (lot: number, hours: number, of: number) =>
  `Lot ${lot} : ${hours}${NBSP}h d’insertion sur ${of}${NBSP}h vont avec la part non couverte ; ` +
  'aucun membre ne les porte, la règle choisie pour la part non couverte dit qui en répond.';

/**
 * Members keyed against their file order ('zeta' first, 'alpha' second) and three lots, the last
 * one offered by nobody: small enough to work every figure out by hand.
 */
function tinyScenario(): Scenario {
  const representative = { name: 'R', title: 'Directrice', email: 'r@example.org' };
  const lot = (number: number, amountCents: number, insertionHours: number, cells: number[]) => ({
    number,
    title: `Lot ${number}`,
    amountCents,
    insertionHours,
    cells: cells.map((demandHours, c) => ({ territory: `COM:930${number}${c}`, demandHours })),
  });
  return {
    format: 'cordage.scenario/1',
    tender: {
      reference: 'TINY',
      title: 'Petit marché',
      buyer: { name: 'Acheteur', idScheme: 'SIRET', id: '22930008201453' },
      deadline: '2027-01-15T12:00:00+01:00',
      reserved: 'NONE',
      lots: [lot(1, 101, 3, [1.5, 1.5]), lot(2, 5000, 7, [10]), lot(3, 200, 4, [2])],
    },
    consortium: {
      form: 'CONJOINT',
      mandataire: 'zeta',
      rules: {
        minMembers: 3,
        minOfKind: { ETA: 1, EI: 1 },
        minSmallMembers: 1,
        smallBelowEmployees: 50,
        maxTotalCents: 60,
      },
    },
    organizations: [
      {
        key: 'zeta',
        legalName: 'Zêta Peinture',
        idScheme: 'SIRET',
        id: '47360714636845',
        kind: 'EI',
        employees: 49,
        home: 'COM:93066',
        insertionHoursMax: 0,
        representative,
      },
      {
        key: 'alpha',
        legalName: 'Alpha Rénovation',
        idScheme: 'SIRET',
        id: '45951846761634',
        kind: 'ACI',
        employees: 120,
        home: 'COM:93066',
        representative,
      },
    ],
    offers: [
      { org: 'zeta', lot: 1, territory: 'COM:93010', hours: 1.5, preference: 'PRIMARY' },
      { org: 'alpha', lot: 1, territory: 'COM:93011', hours: 1.5, preference: 'SECONDARY' },
      { org: 'alpha', lot: 2, territory: 'COM:93020', hours: 10, preference: 'PRIMARY' },
    ],
    limits: [{ org: 'alpha', maxHours: 1.2, maxRevenueCents: 39 }],
    subcontracts: [
      {
        principal: 'zeta',
        subcontractor: 'alpha',
        lot: 1,
        kind: 'SOUS_TRAITANCE',
        nature: 'Préparation',
        maxAmountCents: 35,
      },
    ],
    policy: { secondaryCost: 1 },
  };
}

function tinyInput() {
  const validation = validateScenario(tinyScenario());
  if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
  return buildAllocationInput(validation.scenario);
}

/**
 * Hand-made final-stage columns: the three offers, then the four cells' uncovered hours, then u.
 * Lot 1: 1 h each for alpha and zeta, 1 h uncovered; lot 2: 0.011 h for alpha; lot 3 uncovered.
 */
const HOURS = Float64Array.from([1, 1, 0.011, 0.5, 0.5, 9.989, 2, 2 / 3]);

describe('apportion', () => {
  const input = tinyInput();
  const apportionment = apportion(input, HOURS);
  const byMember = (key: string) =>
    apportionment.shares.filter((share) => at(input.members, share.member).key === key);

  it('lists the shares by member key, then by lot', () => {
    expect(
      apportionment.shares.map((share) => [at(input.members, share.member).key, share.lot]),
    ).toEqual([
      ['alpha', 0],
      ['alpha', 1],
      ['zeta', 0],
    ]);
  });

  it('splits a lot to the cent; ties go to the smaller key, the uncovered line last', () => {
    // Lot 1: 101 cents in three equal thirds (33.67): two cents missing, three equal remainders.
    expect(at(byMember('alpha'), 0).amountCents).toBe(34);
    expect(at(byMember('zeta'), 0).amountCents).toBe(34);
    expect(at(apportionment.lots, 0).uncoveredCents).toBe(33);
    // Lot 2: 5.5 cents for alpha, 4994.5 uncovered: the missing cent goes to alpha.
    expect(at(byMember('alpha'), 1).amountCents).toBe(6);
    expect(at(apportionment.lots, 1).uncoveredCents).toBe(4994);
    expect(at(apportionment.lots, 2).uncoveredCents).toBe(200);
  });

  it('splits the uncovered amount over the uncovered cells, in the lot’s order on ties', () => {
    expect(apportionment.uncovered.map((cell) => [cell.cell, cell.amountCents])).toEqual([
      [0, 17],
      [1, 16],
      [2, 4994],
      [3, 200],
    ]);
  });

  it('splits insertion hours in whole hours, the uncovered part as one more line', () => {
    // Lot 1: 3 h over alpha, zeta and the uncovered part, 1 h each of work: 1 h each.
    // Lot 2: alpha does 0.011 h of the 10 h: the 7 h go with the uncovered 9.989 h, not to alpha.
    expect(byMember('alpha').map((share) => share.insertionHours)).toEqual([1, 0]);
    expect(at(byMember('zeta'), 0).insertionHours).toBe(1);
    // Nobody works on lot 3: its 4 h go with its uncovered part.
    expect(apportionment.lots.map((lot) => lot.uncoveredInsertionHours)).toEqual([1, 7, 4]);
    for (const [l, lot] of input.lots.entries()) {
      const carried = apportionment.shares
        .filter((share) => share.lot === l)
        .reduce((sum, share) => sum + share.insertionHours, 0);
      expect(carried + at(apportionment.lots, l).uncoveredInsertionHours).toBe(lot.insertionHours);
    }
  });

  it('splits the uncovered insertion hours over the uncovered cells, first cell first on ties', () => {
    expect(apportionment.uncovered.map((cell) => [cell.cell, cell.insertionHours])).toEqual([
      [0, 1],
      [1, 0],
      [2, 7],
      [3, 4],
    ]);
  });

  it('gives each share of the lot in permille, with two decimals', () => {
    expect(apportionment.shares.map((share) => share.sharePermille)).toEqual([333.33, 1.1, 333.33]);
  });

  it('reads noise-free hours: floating dust and feasibility slack vanish', () => {
    const noisy = apportion(
      input,
      Float64Array.from([0.9999999999999999, 3e-8, 0, 0.5, 1.5, 10, 2]),
    );
    expect(noisy.offerMicroHours).toEqual([1_000_000n, 0n, 0n]);
    // alpha has no hours on lot 1: no cent and no insertion hour, though cents are handed out.
    expect(noisy.shares[0]).toMatchObject({ microHours: 0n, amountCents: 0, insertionHours: 0 });
  });
});

describe('what is reported with an allocation', () => {
  const input = tinyInput();
  const apportionment = apportion(input, HOURS);

  it('checks each composition rule, met or unmet, without changing the split', () => {
    const rules = checkCompositionRules(input, apportionment);
    expect(
      rules.map(({ rule, kind, threshold, actual, met }) => [rule, kind, threshold, actual, met]),
    ).toEqual([
      ['minMembers', undefined, 3, 2, false],
      ['minOfKind', 'EI', 1, 1, true],
      ['minOfKind', 'ETA', 1, 0, false],
      ['minSmallMembers', undefined, 1, 1, true],
      ['maxTotalCents', undefined, 60, 74, false],
    ]);
    expect(at(rules, 4).message).toBe(
      `Au plus 0,60${NBSP}€ HT pour le groupement : 0,74${NBSP}€ HT répartis entre les membres — ` +
        'non respectée.',
    );
  });

  it('checks the maximum of members and the territorial coverage on the hours given', () => {
    const scenario = tinyScenario();
    scenario.consortium.rules = {
      maxMembers: 1,
      minCoverage: { level: 'DEPARTEMENT', count: 1 },
      smallBelowEmployees: 50,
    };
    // A site of lot 1 in the Val-de-Marne, offered by zeta but given no hour.
    at(scenario.tender.lots, 0).cells.push({
      territory: 'SITE:depot-creteil',
      parent: 'COM:94028',
      demandHours: 1,
    });
    scenario.offers.push({
      org: 'zeta',
      lot: 1,
      territory: 'SITE:depot-creteil',
      hours: 1,
      preference: 'PRIMARY',
    });
    const validation = validateScenario(scenario);
    if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
    const sited = buildAllocationInput(validation.scenario);
    const hours = (onSite: number) =>
      Float64Array.from([1, 1, 0.011, onSite, 0.5, 0.5, 1 - onSite, 9.989, 2, 2 / 3]);

    const [members, coverage] = checkCompositionRules(sited, apportion(sited, hours(0)));
    expect(members?.message).toBe('Au plus 1 membre : 2 membres ont une part — non respectée.');
    expect(coverage?.message).toBe(
      'Au moins 1 département couvert : 1 département couvert par les heures réparties (93) — ' +
        'respectée.',
    );
    // Hours on the site count for its parent's département.
    const [, onSite] = checkCompositionRules(sited, apportion(sited, hours(1)));
    expect(onSite).toMatchObject({ actual: 2, met: true, covered: ['93', '94'] });
  });

  it('warns, pointing into the scenario file, and changes nothing', () => {
    expect(allocationWarnings(input, apportionment)).toEqual([
      {
        code: 'UNCOVERED_DEMAND',
        path: 'tender.lots[0]',
        message: `Lot 1 : 1${NBSP}h sur 3${NBSP}h demandées ne sont couvertes par aucune offre (0,33${NBSP}€ HT).`,
      },
      {
        code: 'INSERTION_HOURS_UNASSIGNED',
        path: 'tender.lots[0].insertionHours',
        message: uncoveredInsertion(1, 1, 3),
      },
      {
        code: 'UNCOVERED_DEMAND',
        path: 'tender.lots[1]',
        message: `Lot 2 : 9,99${NBSP}h sur 10${NBSP}h demandées ne sont couvertes par aucune offre (49,94${NBSP}€ HT).`,
      },
      {
        code: 'INSERTION_HOURS_UNASSIGNED',
        path: 'tender.lots[1].insertionHours',
        message: uncoveredInsertion(2, 7, 7),
      },
      {
        code: 'UNCOVERED_DEMAND',
        path: 'tender.lots[2]',
        message: `Lot 3 : 2${NBSP}h sur 2${NBSP}h demandées ne sont couvertes par aucune offre (2,00${NBSP}€ HT).`,
      },
      {
        code: 'INSERTION_HOURS_UNASSIGNED',
        path: 'tender.lots[2].insertionHours',
        message: uncoveredInsertion(3, 4, 4),
      },
      {
        code: 'INSERTION_CAPACITY_EXCEEDED',
        path: 'organizations[0].insertionHoursMax',
        message: `zeta : 1${NBSP}h d’insertion lui reviennent, au-delà de sa capacité déclarée de 0${NBSP}h.`,
      },
      {
        // Hand-made hours pass the cap here; from the solver, only the rounding to the cent can.
        code: 'REVENUE_CAP_ROUNDING',
        path: 'limits[0].maxRevenueCents',
        message: `alpha : l’arrondi au centime porte son montant à 0,40${NBSP}€ HT, 0,01${NBSP}€ au-delà de son plafond de 0,39${NBSP}€.`,
      },
      {
        code: 'SUBCONTRACT_EXCEEDS_PRINCIPAL',
        path: 'subcontracts[0].maxAmountCents',
        message: `Sous-traitance de zeta à alpha sur le lot 1 : 0,35${NBSP}€ HT au plus, au-delà des 0,34${NBSP}€ HT de zeta sur ce lot.`,
      },
    ]);
  });

  it('explains to each member, in French, what it receives and what everyone is sure of', () => {
    expect(explainAllocation(input, apportionment, 2 / 3)).toEqual({
      alpha:
        `Alpha Rénovation, lot 1 : 1${NBSP}h sur les 1,5${NBSP}h offertes, hors de vos territoires ` +
        `principaux, pour 0,34${NBSP}€ HT (33,33${NBSP}% du lot) et 1${NBSP}h d’insertion ; lot 2 : ` +
        `0,01${NBSP}h sur les 10${NBSP}h offertes, sur vos territoires principaux, pour 0,06${NBSP}€ HT ` +
        `(0,11${NBSP}% du lot). En tout, 1,01${NBSP}h sur votre offre de ` +
        `11,5${NBSP}h, plafonnée à 1,2${NBSP}h (84,2${NBSP}%) ; votre plafond de chiffre d’affaires ` +
        `de 0,39${NBSP}€ est atteint ; chaque partenaire a reçu au moins 66,6${NBSP}% de son offre.`,
      zeta:
        `Zêta Peinture, lot 1 : 1${NBSP}h sur les 1,5${NBSP}h offertes, sur vos territoires ` +
        `principaux, pour 0,34${NBSP}€ HT (33,33${NBSP}% du lot) et 1${NBSP}h d’insertion. En tout, ` +
        `1${NBSP}h sur votre offre de 1,5${NBSP}h (66,6${NBSP}%) ; chaque partenaire a reçu au moins ` +
        `66,6${NBSP}% de son offre.`,
    });
  });
});
