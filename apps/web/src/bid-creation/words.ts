// The French words of this page: reservations, import steps, file locations.

export const RESERVATION: Record<string, string> = {
  NONE: 'Aucune',
  L2113_12: 'Réservé aux entreprises adaptées et ESAT (L2113-12)',
  L2113_13: 'Réservé aux SIAE (L2113-13)',
  L2113_12_13: 'Réservé aux entreprises adaptées, ESAT et SIAE (L2113-12 et L2113-13)',
};

/** The import's steps as the worker reports them (libs/persistence scenario.store.ts). */
const IMPORT_STEP: Record<string, string> = {
  validating: 'Vérification du fichier',
  tender: 'Enregistrement de la consultation',
  organisations: 'Enregistrement des organisations',
  lots: 'Enregistrement des lots et des territoires',
  members: 'Création des membres du groupement',
  offers: 'Enregistrement des offres',
  subcontracts: 'Enregistrement des sous-traitances',
  done: 'Ouverture de la candidature',
};

export function stepLabel(state: string, step: string | null): string {
  if (step && IMPORT_STEP[step]) return IMPORT_STEP[step];
  if (state === 'active') return 'Import en cours';
  return 'En attente de traitement';
}

/** The sections of a scenario file, in file order, for grouping its problems. */
const LOTS_SECTION = 'Lots et territoires';

const SECTION: Record<string, string> = {
  format: 'Format du fichier',
  tender: 'Consultation',
  lots: LOTS_SECTION,
  consortium: 'Groupement',
  organizations: 'Organisations',
  offers: 'Offres',
  limits: 'Limites des membres',
  subcontracts: 'Sous-traitances',
  policy: 'Politique de répartition',
};

/** The heading a problem goes under: its workbook sheet, or its section of the JSON file. */
export function sectionOf(path: string): string {
  const sheet = /^feuille « ([^»]+) »/.exec(path)?.[1];
  if (sheet !== undefined) return `Feuille « ${sheet.trim()} »`;
  if (path.startsWith('tender.lots')) return LOTS_SECTION;
  const head = /^[A-Za-z]+/.exec(path)?.[0];
  return (head && SECTION[head]) || 'Ensemble du fichier';
}

/** A workbook location without its sheet, which heads its group: "Ligne 14, colonne C « Territoire »". */
export function withinSheet(path: string): string {
  const rest = path.replace(/^feuille « [^»]+ »,?\s*/, '');
  return rest ? rest.charAt(0).toUpperCase() + rest.slice(1) : path;
}

/** Items of a list, named so that "offers[12]" reads "offre n° 13". */
const ITEM: Record<string, string> = {
  lots: 'lot',
  cells: 'cellule',
  organizations: 'organisation',
  offers: 'offre',
  limits: 'limite',
  subcontracts: 'sous-traitance',
};

const FIELD: Record<string, string> = {
  tender: 'consultation',
  buyer: 'acheteur',
  reference: 'référence',
  title: 'intitulé',
  name: 'nom',
  idScheme: 'type d’identifiant',
  id: 'identifiant',
  deadline: 'date limite',
  reserved: 'réservation',
  number: 'numéro',
  amountCents: 'montant HT (en centimes dans le fichier)',
  insertionHours: 'heures d’insertion',
  territory: 'territoire',
  demandHours: 'heures demandées',
  parent: 'territoire de rattachement',
  label: 'libellé',
  consortium: 'groupement',
  form: 'forme',
  mandataire: 'mandataire',
  rules: 'règles de composition',
  minMembers: 'membres minimum',
  minOfKind: 'minimum par type',
  minSmallMembers: 'petites structures minimum',
  maxMembers: 'membres maximum',
  minCoverage: 'couverture territoriale',
  level: 'ce qui est compté',
  count: 'nombre minimum couvert',
  smallBelowEmployees: 'seuil des petites structures',
  maxTotalCents: 'montant total maximal (en centimes dans le fichier)',
  key: 'clé',
  legalName: 'raison sociale',
  kind: 'type de structure',
  employees: 'effectif',
  home: 'territoire du siège',
  insertionHoursMax: 'heures d’insertion maximales',
  representative: 'représentant',
  email: 'e-mail',
  org: 'organisation',
  lot: 'lot',
  hours: 'heures',
  preference: 'préférence',
  maxHours: 'heures maximales',
  maxRevenueCents: 'chiffre d’affaires maximal (en centimes dans le fichier)',
  principal: 'titulaire',
  subcontractor: 'sous-traitant',
  nature: 'nature',
  maxAmountCents: 'montant maximal (en centimes dans le fichier)',
  policy: 'politique',
  secondaryCost: 'coût d’une offre secondaire',
  format: 'format',
  exclusiveMembership: 'interdiction d’être membre de plusieurs groupements',
  particulars: 'informations de la convention',
  legalForm: 'forme juridique',
  registeredAddress: 'adresse du siège',
  approvalNumber: 'numéro d’agrément',
  approvalAuthority: 'autorité d’agrément',
  representativeCapacity: 'qualité du signataire',
};

/**
 * A JSON path in words ("offers[12].territory" -> "Offre n° 13 › territoire"); null for a
 * workbook location, which is already written for people.
 */
export function describePath(path: string): string | null {
  if (path.startsWith('feuille') || path === '$' || path === 'body') return null;
  const words: string[] = [];
  for (const match of path.matchAll(/([^.[\]]+)(?:\[(\d+)\])?/g)) {
    const [, name, index] = match;
    if (name === undefined) continue;
    if (index !== undefined && ITEM[name]) words.push(`${ITEM[name]} n° ${Number(index) + 1}`);
    // A name the file format does not have is the file's own (a misspelt key): said as written.
    else words.push(FIELD[name] ?? `« ${name} »`);
  }
  // The top level is the section heading already; keep it only when it is the whole path.
  const top = /^[^.[]*/.exec(path)?.[0] ?? '';
  const shown = words.length > 1 && FIELD[top] ? words.slice(1) : words;
  const text = shown.join(' › ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The api's problem messages are clauses ("territoire inconnu COM:99999"): made sentences. */
export function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}
