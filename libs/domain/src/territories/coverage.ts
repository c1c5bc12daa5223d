import { parseTerritoryCode } from './territory-code';

/**
 * What a territorial-coverage rule counts: French départements, Belgian provinces, or regions
 * (French regions and the three Belgian regions, each its own unit).
 */
export const COVERAGE_LEVELS = ['DEPARTEMENT', 'PROVINCE', 'REGION'] as const;
export type CoverageLevel = (typeof COVERAGE_LEVELS)[number];

/** One département, province or region counted by a coverage rule. */
export interface CoverageUnit {
  /** Qualified code: DEP:93, REG:11, BE:50000 (Hainaut), BE:04000 (Brussels-Capital Region). */
  readonly code: string;
  /** What a coordinator reads: « 93 », « Île-de-France », « Hainaut ». */
  readonly name: string;
}

/** The 2016 regions of France (INSEE codes) and their départements. */
const FRENCH_REGIONS: readonly { code: string; name: string; departements: string[] }[] = [
  { code: '01', name: 'Guadeloupe', departements: ['971'] },
  { code: '02', name: 'Martinique', departements: ['972'] },
  { code: '03', name: 'Guyane', departements: ['973'] },
  { code: '04', name: 'La Réunion', departements: ['974'] },
  { code: '06', name: 'Mayotte', departements: ['976'] },
  {
    code: '11',
    name: 'Île-de-France',
    departements: ['75', '77', '78', '91', '92', '93', '94', '95'],
  },
  { code: '24', name: 'Centre-Val de Loire', departements: ['18', '28', '36', '37', '41', '45'] },
  {
    code: '27',
    name: 'Bourgogne-Franche-Comté',
    departements: ['21', '25', '39', '58', '70', '71', '89', '90'],
  },
  { code: '28', name: 'Normandie', departements: ['14', '27', '50', '61', '76'] },
  { code: '32', name: 'Hauts-de-France', departements: ['02', '59', '60', '62', '80'] },
  {
    code: '44',
    name: 'Grand Est',
    departements: ['08', '10', '51', '52', '54', '55', '57', '67', '68', '88'],
  },
  { code: '52', name: 'Pays de la Loire', departements: ['44', '49', '53', '72', '85'] },
  { code: '53', name: 'Bretagne', departements: ['22', '29', '35', '56'] },
  {
    code: '75',
    name: 'Nouvelle-Aquitaine',
    departements: ['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87'],
  },
  {
    code: '76',
    name: 'Occitanie',
    departements: ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'],
  },
  {
    code: '84',
    name: 'Auvergne-Rhône-Alpes',
    departements: ['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74'],
  },
  {
    code: '93',
    name: 'Provence-Alpes-Côte d’Azur',
    departements: ['04', '05', '06', '13', '83', '84'],
  },
  { code: '94', name: 'Corse', departements: ['2A', '2B'] },
];

const REGION_OF_DEPARTEMENT = new Map(
  FRENCH_REGIONS.flatMap((region) => region.departements.map((dep) => [dep, region] as const)),
);
const FRENCH_REGION = new Map(FRENCH_REGIONS.map((region) => [region.code, region]));

/** Île-de-France: every établissement public territorial (EPT) is in the Métropole du Grand Paris. */
const EPT_REGION = '11';

const BELGIAN_REGIONS = {
  FLANDERS: { code: 'BE:02000', name: 'Région flamande' },
  WALLONIA: { code: 'BE:03000', name: 'Région wallonne' },
  BRUSSELS: { code: 'BE:04000', name: 'Région de Bruxelles-Capitale' },
} as const;

/** Belgium's ten provinces by their NIS codes, with the region each belongs to. */
const BELGIAN_PROVINCES: Record<string, { name: string; region: keyof typeof BELGIAN_REGIONS }> = {
  '10000': { name: 'Anvers', region: 'FLANDERS' },
  '20001': { name: 'Brabant flamand', region: 'FLANDERS' },
  '20002': { name: 'Brabant wallon', region: 'WALLONIA' },
  '30000': { name: 'Flandre-Occidentale', region: 'FLANDERS' },
  '40000': { name: 'Flandre-Orientale', region: 'FLANDERS' },
  '50000': { name: 'Hainaut', region: 'WALLONIA' },
  '60000': { name: 'Liège', region: 'WALLONIA' },
  '70000': { name: 'Limbourg', region: 'FLANDERS' },
  '80000': { name: 'Luxembourg', region: 'WALLONIA' },
  '90000': { name: 'Namur', region: 'WALLONIA' },
};

/**
 * Where a Belgian NIS (INS) code lies, read from the code's structure: its first digit is the
 * province of an arrondissement or municipality (1 Antwerp … 9 Namur), except 2, the former
 * Brabant, where the second digit decides: 21 is Brussels-Capital (a region without province),
 * 23 and 24 Flemish Brabant, 25 Walloon Brabant. 20001 and 20002 are the two Brabants' own codes,
 * 02000, 03000 and 04000 the three regions (no province), 01000 the kingdom (neither).
 */
function belgianPlace(
  nis: string,
): { province: string | null; region: keyof typeof BELGIAN_REGIONS } | null {
  if (nis === '02000') return { province: null, region: 'FLANDERS' };
  if (nis === '03000') return { province: null, region: 'WALLONIA' };
  if (nis === '04000') return { province: null, region: 'BRUSSELS' };
  const own = BELGIAN_PROVINCES[nis];
  if (own) return { province: nis, region: own.region };
  const first = nis.charAt(0);
  if (first === '0') return null;
  if (first === '2') {
    const second = nis.charAt(1);
    if (second === '1') return { province: null, region: 'BRUSSELS' };
    if (second === '3' || second === '4') return { province: '20001', region: 'FLANDERS' };
    if (second === '5') return { province: '20002', region: 'WALLONIA' };
    return null;
  }
  const province = `${first}0000`;
  const known = BELGIAN_PROVINCES[province];
  return known ? { province, region: known.region } : null;
}

/** Belgium's regions and provinces, the Belgian territories Cordage knows by name. */
export function belgianNamedTerritories(): readonly CoverageUnit[] {
  return [
    ...Object.values(BELGIAN_REGIONS),
    ...Object.entries(BELGIAN_PROVINCES).map(([nis, province]) => ({
      code: `BE:${nis}`,
      name: province.name,
    })),
  ];
}

/** The département of a French commune from its INSEE code: 93066 → 93, 2A004 → 2A, 97411 → 974. */
function departementOfCommune(insee: string): string {
  return insee.startsWith('97') || insee.startsWith('98') ? insee.slice(0, 3) : insee.slice(0, 2);
}

function departementUnit(dep: string): CoverageUnit {
  return { code: `DEP:${dep}`, name: dep };
}

function frenchRegionUnit(region: { code: string; name: string }): CoverageUnit {
  return { code: `REG:${region.code}`, name: region.name };
}

/**
 * The département, province or region a territory lies in, read from its code alone, or null when
 * the code does not say one:
 * - a commune (COM) lies in the département its INSEE code begins with, a département (DEP) is
 *   itself; both lie in their département's region (the 2016 regions);
 * - a region (REG) is itself and lies in no single département; an EPT lies in Île-de-France
 *   (all are in the Métropole du Grand Paris) and in no single département; an EPCI, which may
 *   straddle départements and regions, counts for none;
 * - a Belgian NIS code (BE) lies in the province and region its digits say (see `belgianPlace`);
 *   Brussels-Capital is a region without province, so it counts for no province;
 * - a site (SITE) counts as the territory it is attached to: resolve it before calling this.
 * French codes count for no province, Belgian codes for no département.
 */
export function coverageUnitOf(code: string, level: CoverageLevel): CoverageUnit | null {
  const parsed = parseTerritoryCode(code);
  if (!parsed.ok) return null;
  const { level: territoryLevel, local } = parsed.value;
  switch (territoryLevel) {
    case 'COM':
    case 'DEP': {
      const dep = territoryLevel === 'COM' ? departementOfCommune(local) : local;
      if (level === 'DEPARTEMENT') return departementUnit(dep);
      const region = REGION_OF_DEPARTEMENT.get(dep);
      return level === 'REGION' && region ? frenchRegionUnit(region) : null;
    }
    case 'REG': {
      const region = FRENCH_REGION.get(local);
      return level === 'REGION' && region ? frenchRegionUnit(region) : null;
    }
    case 'EPT': {
      const region = FRENCH_REGION.get(EPT_REGION);
      return level === 'REGION' && region ? frenchRegionUnit(region) : null;
    }
    case 'BE': {
      const place = belgianPlace(local);
      if (!place) return null;
      if (level === 'REGION') return BELGIAN_REGIONS[place.region];
      if (level === 'PROVINCE' && place.province !== null) {
        const province = BELGIAN_PROVINCES[place.province];
        return province ? { code: `BE:${place.province}`, name: province.name } : null;
      }
      return null;
    }
    default:
      return null;
  }
}

/** The distinct units the territories lie in, in code order. */
export function coveredUnits(
  territories: Iterable<string>,
  level: CoverageLevel,
): readonly CoverageUnit[] {
  const units = new Map<string, CoverageUnit>();
  for (const territory of territories) {
    const unit = coverageUnitOf(territory, level);
    if (unit) units.set(unit.code, unit);
  }
  return [...units.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
