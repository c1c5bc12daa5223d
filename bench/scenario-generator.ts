import {
  ORGANISATION_KINDS,
  type Scenario,
  type ScenarioLimit,
  type ScenarioOffer,
  type ScenarioOrganisation,
  type ScenarioSubcontract,
  SCENARIO_FORMAT,
  at,
} from '@cordage/domain';
import { officialTerritories } from '@cordage/persistence';

/**
 * Deterministic `cordage.scenario/1` files of any size, for the benches. Same size and seed, same
 * file, byte for byte: figures from two runs or two machines describe the same input.
 */
export interface ScenarioSize {
  organisations: number;
  lots: number;
  /** Cells (territories) of each lot; lots do not share territories. */
  cellsPerLot: number;
  /** Offers in the file, exactly (at most organisations x cells). */
  offers: number;
}

/** The allocation bench's medium case: 400 orgs, 10 lots, 1,000 cells, 48,000 offers. */
export const SCENARIO_SIZE_M: ScenarioSize = {
  organisations: 400,
  lots: 10,
  cellsPerLot: 100,
  offers: 48_000,
};

/** The requirement's case: 1,000 orgs, 20 lots, 4,000 cells, 400,000 offers. */
export const SCENARIO_SIZE_L: ScenarioSize = {
  organisations: 1_000,
  lots: 20,
  cellsPerLot: 200,
  offers: 400_000,
};

/** A few seconds' worth, for `--size=xs`: 30 orgs, 2 lots, 20 cells, 300 offers. */
export const SCENARIO_SIZE_XS: ScenarioSize = {
  organisations: 30,
  lots: 2,
  cellsPerLot: 10,
  offers: 300,
};

/**
 * `--size=xs` on a bench's command line: the smallest run that still goes through every step and
 * prints its figures and ratio, so that the test command (tests/bench) catches a bench that broke.
 * Its figures mean nothing; the full sizes stay manual.
 */
export function smallestSize(argv = process.argv): boolean {
  return argv.includes('--size=xs');
}

/** mulberry32: a 32-bit seeded PRNG, good enough for test data and a few lines long. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The digit that makes `body + digit` pass the Luhn check (SIREN, SIRET). */
export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = body.charCodeAt(body.length - 1 - i) - 48;
    // Once the check digit is appended, these positions are the doubled ones.
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

interface Commune {
  code: string;
  name: string;
}

let seededCommunes: Commune[] | undefined;

/** Current communes, as the territory seed loads them (COM:), sorted so neighbours share a département. */
function communeList(): Commune[] {
  seededCommunes ??= officialTerritories()
    // Communes under a département (arrondissements municipaux sit under their commune).
    .filter((territory) => territory.level === 'COM' && territory.parentCode?.startsWith('DEP:'))
    .map((territory) => ({ code: territory.code, name: territory.name }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return seededCommunes;
}

// French kinds only (ETA is Belgian, OTHER is no social-economy kind): these homes are French.
const KINDS = ORGANISATION_KINDS.filter((kind) => kind !== 'ETA' && kind !== 'OTHER');
const TRADES = ['Peinture', 'Rénovation', 'Bâtiment', 'Second œuvre', 'Entretien', 'Espaces verts'];
const NATURES = ['Préparation des supports', 'Nettoyage de chantier', 'Pose de revêtements'];

export function generateScenario(size: ScenarioSize, seed = 1): Scenario {
  const { organisations: orgCount, lots: lotCount, cellsPerLot, offers: offerTarget } = size;
  const cellCount = lotCount * cellsPerLot;
  const all = communeList();
  if (cellCount > all.length) throw new RangeError(`${cellCount} cells, ${all.length} communes`);
  if (offerTarget > orgCount * cellCount) {
    throw new RangeError(`${offerTarget} offers do not fit ${orgCount} orgs x ${cellCount} cells`);
  }

  const random = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => at(items, Math.floor(random() * items.length));

  // One run of consecutive communes: each lot is a geographic sector of cellsPerLot communes.
  const start = int(0, all.length - cellCount);
  const cells = all.slice(start, start + cellCount);
  const lotOfCell = (cell: number) => Math.floor(cell / cellsPerLot) + 1;

  const usedIds = new Set<string>();
  const siret = (sirenFirstDigit: number): string => {
    for (;;) {
      let siren = String(sirenFirstDigit);
      for (let i = 0; i < 7; i++) siren += String(int(0, 9));
      siren += String(luhnCheckDigit(siren));
      const body = siren + String(int(0, 9999)).padStart(4, '0');
      const id = body + String(luhnCheckDigit(body));
      // 356000000 is La Poste, which follows another rule.
      if (siren !== '356000000' && !usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };

  // Organisations: each lives on one cell of the tender's area and offers around it.
  const homes: number[] = [];
  const organizations: ScenarioOrganisation[] = [];
  for (let i = 0; i < orgCount; i++) {
    const home = int(0, cellCount - 1);
    homes.push(home);
    const key = `org-${String(i + 1).padStart(4, '0')}`;
    organizations.push({
      key,
      legalName: `${pick(TRADES)} solidaire ${at(cells, home).name} ${i + 1}`,
      idScheme: 'SIRET',
      id: siret(int(3, 9)),
      kind: pick(KINDS),
      employees: int(3, 300),
      home: at(cells, home).code,
      ...(random() < 0.5 ? { insertionHoursMax: int(2, 60) * 100 } : {}),
      representative: {
        name: `Représentant ${i + 1}`,
        title: pick(['Directeur', 'Directrice', 'Président', 'Présidente', 'Gérant']),
        email: `contact@${key}.example.org`,
      },
    });
  }

  // Offer counts: uneven sizes (large and small members), summing to the target exactly.
  const weights = homes.map(() => 0.25 + 1.5 * random());
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const counts = weights.map((w) => Math.min(cellCount, Math.floor((offerTarget * w) / weightSum)));
  let missing = offerTarget - counts.reduce((sum, count) => sum + count, 0);
  for (let i = 0; missing > 0; i = (i + 1) % orgCount) {
    if (at(counts, i) < cellCount) {
      counts[i] = at(counts, i) + 1;
      missing--;
    }
  }

  // A window of consecutive cells around the home: distinct cells, so (org, lot, territory) is
  // unique; PRIMARY on the home lot, SECONDARY on the neighbouring ones.
  const offers: ScenarioOffer[] = [];
  const offeredHours = new Array<number>(cellCount).fill(0);
  const orgHours = new Array<number>(orgCount).fill(0);
  for (let i = 0; i < orgCount; i++) {
    const first = at(homes, i) - Math.floor(at(counts, i) / 2) + cellCount;
    for (let j = 0; j < at(counts, i); j++) {
      const cell = (first + j) % cellCount;
      const hours = int(1, 12) * 5; // 5 to 60 hours on one territory
      offeredHours[cell] = at(offeredHours, cell) + hours;
      orgHours[i] = at(orgHours, i) + hours;
      offers.push({
        org: at(organizations, i).key,
        lot: lotOfCell(cell),
        territory: at(cells, cell).code,
        hours,
        preference: lotOfCell(cell) === lotOfCell(at(homes, i)) ? 'PRIMARY' : 'SECONDARY',
      });
    }
  }

  // Demand follows what is offered (0.4x to 1.4x), so most cells are covered and some are not.
  const demand = offeredHours.map((offered) =>
    offered > 0
      ? Math.max(10, Math.round((offered * (0.4 + random())) / 10) * 10)
      : int(10, 100) * 10,
  );
  const lots = Array.from({ length: lotCount }, (_, l) => {
    const lotCells = cells.slice(l * cellsPerLot, (l + 1) * cellsPerLot).map((cell, c) => ({
      territory: cell.code,
      demandHours: at(demand, l * cellsPerLot + c),
    }));
    const lotHours = lotCells.reduce((sum, cell) => sum + cell.demandHours, 0);
    return {
      number: l + 1,
      title: `Lot ${l + 1} - secteur ${at(lotCells, 0).territory.slice(4, 6)}`,
      amountCents: lotHours * int(3500, 5500), // 35 to 55 euros an hour excl. VAT
      insertionHours: Math.floor(lotHours * 0.07),
      cells: lotCells,
    };
  });

  // A fifth of the members cap their hours below what they offer, half of those their revenue.
  const limits: ScenarioLimit[] = [];
  organizations.forEach((organisation, i) => {
    if (random() >= 0.2) return;
    const maxHours = Math.max(5, Math.round((at(orgHours, i) * (0.3 + 0.5 * random())) / 5) * 5);
    limits.push({
      org: organisation.key,
      maxHours,
      ...(random() < 0.5 ? { maxRevenueCents: maxHours * 4500 } : {}),
    });
  });

  const subcontracts: ScenarioSubcontract[] = [];
  const declared = new Set<string>();
  const subcontractCount = Math.min(Math.max(1, Math.floor(orgCount / 100)), orgCount - 1);
  while (subcontracts.length < subcontractCount && orgCount > 1) {
    const principal = int(0, orgCount - 1);
    const subcontractor = int(0, orgCount - 1);
    const lot = lotOfCell(at(homes, principal));
    const key = `${principal}:${subcontractor}:${lot}`;
    if (principal === subcontractor || declared.has(key)) continue;
    declared.add(key);
    subcontracts.push({
      principal: at(organizations, principal).key,
      subcontractor: at(organizations, subcontractor).key,
      lot,
      kind: random() < 0.7 ? 'SOUS_TRAITANCE' : 'MISE_A_DISPOSITION',
      nature: pick(NATURES),
      maxAmountCents: int(5, 50) * 100_000,
    });
  }

  return {
    format: SCENARIO_FORMAT,
    tender: {
      reference: `BENCH-${orgCount}-${lotCount}-${cellCount}-${offerTarget}-${seed}`,
      title: `Marché de bench : ${lotCount} lots, ${cellCount} territoires`,
      buyer: { name: 'Acheteur public de bench', idScheme: 'SIRET', id: siret(2) },
      deadline: '2027-06-30T12:00:00+02:00',
      reserved: 'NONE',
      lots,
    },
    consortium: {
      form: 'CONJOINT_MANDATAIRE_SOLIDAIRE',
      mandataire: at(organizations, 0).key,
      rules: { minMembers: 3, minOfKind: { EI: 1 }, minSmallMembers: 1, smallBelowEmployees: 100 },
    },
    organizations,
    offers,
    limits,
    subcontracts,
    policy: { secondaryCost: 1 },
  };
}
