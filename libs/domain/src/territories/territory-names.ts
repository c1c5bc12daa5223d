import { at } from '../invariants';
import { belgianNamedTerritories, coverageUnitOf } from './coverage';
import { parseTerritoryCode } from './territory-code';

/**
 * Territories written by their name in a workbook (« Saint-Denis », « Montreuil (93) ») made into
 * official codes. A name is looked up accent- and case-insensitively; one that several territories
 * bear is settled by the bid's other territories (their kind, then their département, then their
 * region), or refused with the candidates and how to write the one meant.
 */

/** An official territory as a name lookup finds it. */
export interface NamedTerritory {
  /** Qualified code: COM:93048. */
  code: string;
  name: string;
  /** What tells homonyms apart: the département of a commune, the region of a département. */
  within: string | null;
}

/** Finds official territories by name; both maps are keyed by the names as passed. */
export interface TerritoryGazetteer {
  /** The territories whose name is each of these, accents, case and hyphens aside. */
  named(names: readonly string[]): Promise<Map<string, NamedTerritory[]>>;
  /** Territories whose name is close to each of these (a typo, a missing article), unranked. */
  near(names: readonly string[]): Promise<Map<string, NamedTerritory[]>>;
}

/** What the reference names, which decides which of the bid's territories it is compared with. */
export type TerritoryRole = 'cell' | 'parent' | 'home' | 'offer';

export interface TerritoryReference {
  /** As written: « Montreuil », « Montreuil (93) », « Saint-Denis (COM:93066) », « COM:93066 ». */
  text: string;
  role: TerritoryRole;
}

export type TerritoryResolution =
  | { ok: true; code: string }
  | { ok: false; code: 'AMBIGUOUS_TERRITORY' | 'UNKNOWN_TERRITORY'; message: string };

/** How many names close to an unknown one are looked up (each is a query), and shown. */
const MAX_NEAR_LOOKUPS = 20;
const MAX_NEAR_SHOWN = 5;
const MAX_CANDIDATES_SHOWN = 8;

/** How a person compares names: no accents, no case, hyphens and apostrophes as spaces. */
export function territoryNameKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[-'’]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export type TerritoryText =
  { kind: 'code'; code: string } | { kind: 'name'; name: string; hint: string | null };

/**
 * « COM:93066 » and « Saint-Denis (COM:93066) » are codes; « Montreuil (93) » is a name with a
 * hint (a département's number, or the name of the département, region or province).
 */
export function parseTerritoryText(text: string): TerritoryText {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const named = /\(([A-Z]+:[^()\s]+)\)$/.exec(trimmed);
  if (named?.[1]) return { kind: 'code', code: named[1] };
  if (/^[A-Z]+:/.test(trimmed)) return { kind: 'code', code: trimmed };
  const hinted = /^(.+?)\s*\(([^()]+)\)$/.exec(trimmed);
  if (hinted?.[1] && hinted[2]) {
    return { kind: 'name', name: hinted[1].trim(), hint: hinted[2].trim() };
  }
  return { kind: 'name', name: trimmed, hint: null };
}

type Kind = 'commune' | 'département' | 'région' | 'province' | 'intercommunalité' | 'autre';

/** What a code names, in the words of the message and of the bid's kind. */
function kindOf(code: string): Kind {
  const parsed = parseTerritoryCode(code);
  if (!parsed.ok) return 'autre';
  const { level, local } = parsed.value;
  switch (level) {
    case 'COM':
      return 'commune';
    case 'DEP':
      return 'département';
    case 'REG':
      return 'région';
    case 'EPT':
    case 'EPCI':
      return 'intercommunalité';
    case 'BE':
      if (['02000', '03000', '04000'].includes(local)) return 'région';
      if (coverageUnitOf(code, 'PROVINCE')?.code === code) return 'province';
      // NIS codes ending in 000 are arrondissements; the others, municipalities.
      return local.endsWith('000') ? 'autre' : 'commune';
    case 'SITE':
      return 'autre';
  }
}

/** The places a territory lies in, from the narrowest: its département or province, its region. */
function placesOf(code: string): string[][] {
  const departement = coverageUnitOf(code, 'DEPARTEMENT') ?? coverageUnitOf(code, 'PROVINCE');
  const region = coverageUnitOf(code, 'REGION');
  return [departement ? [departement.code] : [], region ? [region.code] : []];
}

/** « Montreuil — commune, Seine-Saint-Denis (93) — COM:93048 » */
function describe(territory: NamedTerritory): string {
  const departement = coverageUnitOf(territory.code, 'DEPARTEMENT');
  const kind = kindOf(territory.code);
  const where =
    territory.within && kind === 'commune' && departement
      ? `${territory.within} (${departement.name})`
      : territory.within;
  const what = kind === 'autre' ? '' : kind;
  const details = [what, where].filter(Boolean).join(', ');
  return `${territory.name}${details ? ` — ${details}` : ''} — ${territory.code}`;
}

const BELGIAN_NAMES: readonly NamedTerritory[] = belgianNamedTerritories().map((unit) => ({
  code: unit.code,
  name: unit.name,
  within: 'Belgique',
}));
/** Shorter names people give the Belgian regions. */
const BELGIAN_ALIASES: ReadonlyMap<string, string> = new Map([
  ['bruxelles capitale', 'BE:04000'],
  ['region bruxelloise', 'BE:04000'],
  ['wallonie', 'BE:03000'],
  ['flandre', 'BE:02000'],
]);

function belgianNamed(name: string): NamedTerritory[] {
  const key = territoryNameKey(name);
  const alias = BELGIAN_ALIASES.get(key);
  return BELGIAN_NAMES.filter(
    (territory) => territoryNameKey(territory.name) === key || territory.code === alias,
  );
}

/** Whether a hint (« 93 », « Seine-Saint-Denis », « Hainaut ») designates where it lies. */
function matchesHint(territory: NamedTerritory, hint: string): boolean {
  const key = territoryNameKey(hint);
  const units = [
    coverageUnitOf(territory.code, 'DEPARTEMENT'),
    coverageUnitOf(territory.code, 'PROVINCE'),
    coverageUnitOf(territory.code, 'REGION'),
  ];
  // A département's unit is named by its number (« 93 », « 2A »), a province or region by name.
  return (
    units.some((unit) => unit !== null && territoryNameKey(unit.name) === key) ||
    (territory.within !== null && territoryNameKey(territory.within) === key)
  );
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The closest of these names to `name`: within a few letters, or containing it. */
function closest(name: string, territories: readonly NamedTerritory[]): NamedTerritory[] {
  const key = territoryNameKey(name);
  const scored = territories.flatMap((territory) => {
    const candidate = territoryNameKey(territory.name);
    const distance = levenshtein(key, candidate);
    const contains = candidate.includes(key) || key.includes(candidate);
    const near = distance <= Math.max(2, Math.floor(key.length / 3));
    return near || contains
      ? [{ territory, score: contains ? Math.min(distance, 1.5) : distance }]
      : [];
  });
  scored.sort((a, b) => a.score - b.score || a.territory.code.localeCompare(b.territory.code));
  const seen = new Set<string>();
  return scored
    .map((entry) => entry.territory)
    .filter((territory) => !seen.has(territory.code) && seen.add(territory.code))
    .slice(0, MAX_NEAR_SHOWN);
}

/** What the bid's territories already known say: their codes, kinds and places, by role. */
interface Context {
  codes: Set<string>;
  kinds: Map<TerritoryRole, Set<Kind>>;
  /** The places of the cells and parents (the bid's area), then of the members' seats. */
  areas: Set<string>[][];
}

function contextOf(references: readonly TerritoryReference[], codes: readonly (string | null)[]) {
  const context: Context = { codes: new Set(), kinds: new Map(), areas: [] };
  const bidArea = [new Set<string>(), new Set<string>()];
  const seatArea = [new Set<string>(), new Set<string>()];
  const seen = new Set<string>();
  references.forEach((reference, index) => {
    const code = codes[index];
    // Thousands of offers name the same few territories: each role and code counts once.
    if (!code || seen.has(`${reference.role}\u0000${code}`)) return;
    seen.add(`${reference.role}\u0000${code}`);
    if (reference.role !== 'home') context.codes.add(code);
    const role = reference.role === 'offer' ? 'cell' : reference.role;
    const kinds = context.kinds.get(role) ?? new Set<Kind>();
    kinds.add(kindOf(code));
    context.kinds.set(role, kinds);
    const area = reference.role === 'home' ? seatArea : bidArea;
    placesOf(code).forEach((places, level) => places.forEach((place) => area[level]?.add(place)));
  });
  context.areas = [bidArea, seatArea];
  return context;
}

/** The candidates the context leaves: one when it settles the name, several when it does not. */
function settle(
  role: TerritoryRole,
  candidates: readonly NamedTerritory[],
  context: Context,
): NamedTerritory[] {
  let left = [...candidates];
  const narrow = (keep: (territory: NamedTerritory) => boolean) => {
    const kept = left.filter(keep);
    if (kept.length > 0) left = kept;
    return left.length === 1;
  };
  // One of the bid's own territories (an offer names a cell), then the kind the bid uses
  // (communes, départements…), then the bid's départements or provinces, then its regions.
  if (narrow((territory) => context.codes.has(territory.code))) return left;
  const kinds = context.kinds.get(role === 'offer' ? 'cell' : role);
  if (kinds && narrow((territory) => kinds.has(kindOf(territory.code)))) return left;
  for (const area of context.areas) {
    for (const [level, places] of area.entries()) {
      if (places.size === 0) continue;
      const inside = (territory: NamedTerritory) =>
        (placesOf(territory.code)[level] ?? []).some((place) => places.has(place));
      if (narrow(inside)) return left;
    }
  }
  return left;
}

function listed(territories: readonly NamedTerritory[]): string {
  const shown = territories.slice(0, MAX_CANDIDATES_SHOWN).map(describe).join(' ; ');
  const more = territories.length - MAX_CANDIDATES_SHOWN;
  return more > 0 ? `${shown} ; et ${more} autres` : shown;
}

/** « Montreuil (93) » if that designates it alone, else its code. */
function howToWrite(name: string, territory: NamedTerritory, all: readonly NamedTerritory[]) {
  const departement =
    coverageUnitOf(territory.code, 'DEPARTEMENT') ?? coverageUnitOf(territory.code, 'PROVINCE');
  const hint = departement?.code.startsWith('DEP:') ? departement.code.slice(4) : departement?.name;
  const alone =
    hint !== undefined && all.filter((candidate) => matchesHint(candidate, hint)).length === 1;
  return alone
    ? `écrivez « ${name} (${hint}) » ou le code ${territory.code}`
    : `écrivez le code, comme ${territory.code}`;
}

function ambiguous(name: string, candidates: readonly NamedTerritory[], likely: NamedTerritory[]) {
  const ordered = [...likely, ...candidates.filter((candidate) => !likely.includes(candidate))];
  const first = ordered[0] as NamedTerritory;
  return {
    ok: false as const,
    code: 'AMBIGUOUS_TERRITORY' as const,
    message:
      `« ${name} » désigne plusieurs territoires et les autres territoires de la candidature ne ` +
      `suffisent pas à choisir : ${listed(ordered)}. Précisez lequel : ` +
      `${howToWrite(name, first, candidates)}.`,
  };
}

function unknown(detail: string, others: string, territories: readonly NamedTerritory[]) {
  const listing = territories.length > 0 ? ` ${others} : ${listed(territories)}.` : '';
  return {
    ok: false as const,
    code: 'UNKNOWN_TERRITORY' as const,
    message:
      `${detail}.${listing} Un territoire se donne par son nom officiel (« Montreuil (93) » ` +
      `s’il y en a plusieurs) ou par son code : COM:93048, DEP:93, REG:11, et BE:21004 (code NIS) ` +
      `pour une commune belge.`,
  };
}

/**
 * Resolves each reference (same order): codes stay as written (the scenario's validation checks
 * them), names become the code of the one official territory they designate. Pure: the
 * candidates of each name are given, keyed by the name as parsed.
 */
export function resolveTerritoryNames(
  references: readonly TerritoryReference[],
  named: ReadonlyMap<string, readonly NamedTerritory[]>,
  near: ReadonlyMap<string, readonly NamedTerritory[]> = new Map(),
): TerritoryResolution[] {
  const texts = references.map((reference) => parseTerritoryText(reference.text));
  // A workbook repeats its names over thousands of offers: each name and hint is looked at once.
  const bearers = new Map<string, NamedTerritory[]>();
  const allOf = (name: string) => {
    let all = bearers.get(name);
    if (!all) bearers.set(name, (all = [...(named.get(name) ?? []), ...belgianNamed(name)]));
    return all;
  };
  const hinted = new Map<string, NamedTerritory[]>();
  const candidatesOf = (text: TerritoryText & { kind: 'name' }) => {
    if (text.hint === null) return allOf(text.name);
    const key = `${text.name}\u0000${text.hint}`;
    let candidates = hinted.get(key);
    if (!candidates) {
      const hint = text.hint;
      candidates = allOf(text.name).filter((territory) => matchesHint(territory, hint));
      hinted.set(key, candidates);
    }
    return candidates;
  };
  const codes: (string | null)[] = texts.map((text) => {
    if (text.kind === 'code') return text.code;
    const candidates = candidatesOf(text);
    return candidates.length === 1 ? (candidates[0]?.code ?? null) : null;
  });
  // Each round settles names with what the rounds before knew; until nothing more is settled.
  for (let changed = true; changed;) {
    changed = false;
    const context = contextOf(references, codes);
    // Within a round, the same name in the same role is settled the same way: once.
    const round = new Map<string, string | null>();
    const settled = texts.map((text, index) => {
      if (codes[index] || text.kind !== 'name') return null;
      const { role } = at(references, index);
      const key = `${role}\u0000${text.name}\u0000${text.hint ?? ''}`;
      if (!round.has(key)) {
        const candidates = candidatesOf(text);
        const left = candidates.length < 2 ? [] : settle(role, candidates, context);
        round.set(key, left.length === 1 ? (left[0]?.code ?? null) : null);
      }
      return round.get(key) ?? null;
    });
    settled.forEach((code, index) => {
      if (code) {
        codes[index] = code;
        changed = true;
      }
    });
  }
  let settledContext: Context | null = null;
  return texts.map((text, index): TerritoryResolution => {
    const code = codes[index];
    if (code) return { ok: true, code };
    if (text.kind === 'code') return { ok: true, code: text.code };
    const all = allOf(text.name);
    const candidates = candidatesOf(text);
    if (candidates.length > 1) {
      return ambiguous(
        text.name,
        candidates,
        settle(
          at(references, index).role,
          candidates,
          (settledContext ??= contextOf(references, codes)),
        ),
      );
    }
    if (all.length > 0) {
      return unknown(
        `aucun territoire « ${text.name} » ne se trouve en « ${text.hint ?? ''} »`,
        'Ceux de ce nom',
        all,
      );
    }
    const close = closest(text.name, [...(near.get(text.name) ?? []), ...BELGIAN_NAMES]);
    return unknown(
      `aucun territoire ne s’appelle « ${text.name} »`,
      'Les noms les plus proches',
      close,
    );
  });
}

/** The names among the references (as parsed), without repeats. */
function namesOf(references: readonly TerritoryReference[]): string[] {
  const names = new Set<string>();
  for (const reference of references) {
    const text = parseTerritoryText(reference.text);
    if (text.kind === 'name') names.add(text.name);
  }
  return [...names];
}

/** Looks the names up in the gazetteer, then resolves (see `resolveTerritoryNames`). */
export async function resolveTerritoryReferences(
  references: readonly TerritoryReference[],
  gazetteer: TerritoryGazetteer,
): Promise<TerritoryResolution[]> {
  const names = namesOf(references);
  if (names.length === 0) return resolveTerritoryNames(references, new Map());
  const named = await gazetteer.named(names);
  const unknownNames = names
    .filter((name) => (named.get(name) ?? []).length === 0 && belgianNamed(name).length === 0)
    .slice(0, MAX_NEAR_LOOKUPS);
  const near = unknownNames.length > 0 ? await gazetteer.near(unknownNames) : new Map();
  return resolveTerritoryNames(references, named, near);
}
