/**
 * Territories are always named with their level (COM:93066, DEP:93 and REG:93 differ).
 * SITE territories are custom places of one bid (a school, a depot) attached to a parent.
 */
export const TERRITORY_LEVELS = ['REG', 'DEP', 'EPT', 'EPCI', 'COM', 'BE', 'SITE'] as const;
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

const LOCAL_CODE_PATTERNS: Record<TerritoryLevel, RegExp> = {
  REG: /^(\d{2}|9[78]\d)$/,
  DEP: /^(\d{2}|2[AB]|9[78]\d)$/,
  EPT: /^\d{9}$/,
  EPCI: /^\d{9}$/,
  COM: /^(\d{5}|2[AB]\d{3})$/,
  // Belgian NIS (INS) codes of municipalities, arrondissements and provinces: five digits.
  BE: /^\d{5}$/,
  SITE: /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
};

const LEVEL_LABELS: Record<TerritoryLevel, string> = {
  REG: 'région (2 chiffres, ou 3 outre-mer)',
  DEP: 'département (2 caractères, ou 3 chiffres outre-mer : 971, 987…)',
  EPT: 'établissement public territorial (SIREN à 9 chiffres)',
  EPCI: 'EPCI (SIREN à 9 chiffres)',
  COM: 'commune (code INSEE à 5 caractères)',
  BE: 'code INS/NIS belge à 5 chiffres',
  SITE: 'site (lettres, chiffres, - et _, 64 caractères au plus)',
};

export interface TerritoryCode {
  level: TerritoryLevel;
  local: string;
  code: string;
}

export type ParsedTerritoryCode =
  { ok: true; value: TerritoryCode } | { ok: false; reason: string };

export function parseTerritoryCode(code: string): ParsedTerritoryCode {
  const separator = code.indexOf(':');
  const level = code.slice(0, separator) as TerritoryLevel;
  if (separator < 0 || !TERRITORY_LEVELS.includes(level)) {
    return {
      ok: false,
      reason: `code de territoire ${JSON.stringify(code)} sans niveau reconnu (attendu ${TERRITORY_LEVELS.map((l) => `${l}:`).join(', ')})`,
    };
  }
  const local = code.slice(separator + 1);
  if (!LOCAL_CODE_PATTERNS[level].test(local)) {
    return { ok: false, reason: `code ${JSON.stringify(code)} mal formé : ${LEVEL_LABELS[level]}` };
  }
  return { ok: true, value: { level, local, code } };
}

export function qualifyTerritoryCode(level: TerritoryLevel, local: string): string {
  return `${level}:${local}`;
}

/** Territories that exist without a seeded list: Belgian codes and the bid's own sites. */
export function isSelfDeclaredLevel(level: TerritoryLevel): boolean {
  return level === 'BE' || level === 'SITE';
}
