import {
  CONSORTIUM_FORMS,
  type CoverageLevel,
  LEGAL_FORM_LABELS,
  ORGANISATION_KINDS,
  PREFERENCES,
  RESERVATIONS,
  SUBCONTRACT_KINDS,
  type TerritoryRole,
} from '@cordage/domain';

/**
 * The XLSX form of a `cordage.scenario/1` file: which sheet and which column holds each JSON field.
 * The reader and the writer both follow this one table, so that a workbook Cordage writes is
 * always one it reads, and an error found by the JSON validation can be pointed at its cell.
 */
export type CellKind = 'text' | 'number' | 'date' | 'yesNo' | 'euros' | 'territory' | 'choice';

export interface WorkbookField {
  /** Where the value goes in its item (`representative.email`), or in the scenario for a form. */
  field: string;
  /** The French header (table) or label (form) that names the field in the workbook. */
  header: string;
  kind: CellKind;
  /** A table without this column cannot be read at all (forms leave it to the validation). */
  required?: boolean;
  /** A `choice`'s values: the file format's code -> the French words the workbook shows. */
  choices?: Readonly<Record<string, string>>;
  /** A `territory`'s place in the bid, which decides what a homonym is compared with. */
  role?: TerritoryRole;
}

/** A sheet of key/value rows: label in column A, value in column B. */
export interface FormSheet {
  layout: 'form';
  name: string;
  /** The JSON sections this sheet fills, for problems about a section as a whole. */
  sections: string[];
  fields: WorkbookField[];
}

/** A sheet with one item per row under a header row. */
export interface TableSheet {
  layout: 'table';
  name: string;
  /** The JSON array the rows fill; the cells of a lot go to `tender.lots[i].cells`. */
  section: 'tender.lots' | 'cells' | 'organizations' | 'offers' | 'limits' | 'subcontracts';
  /** A workbook may leave the sheet out when the JSON format has a default for the section. */
  optional?: boolean;
  columns: WorkbookField[];
}

export type ScenarioSheet = FormSheet | TableSheet;

/** Column of the « Cellules » sheet that says which lot a cell belongs to (not a cell field). */
export const CELL_LOT_FIELD = 'lot';

const text = (field: string, header: string, required = true): WorkbookField => ({
  field,
  header,
  kind: 'text',
  required,
});
const number = (field: string, header: string, required = true): WorkbookField => ({
  field,
  header,
  kind: 'number',
  required,
});
const date = (field: string, header: string): WorkbookField => ({ field, header, kind: 'date' });
/** « Oui » or « Non » in the workbook, true or false in the JSON. */
const yesNo = (field: string, header: string): WorkbookField => ({ field, header, kind: 'yesNo' });
/** Euros in the workbook (« 1 234,56 »), whole cents in the JSON. */
const euros = (field: string, header: string, required = true): WorkbookField => ({
  field,
  header,
  kind: 'euros',
  required,
});
/**
 * « Saint-Denis (COM:93066) », « COM:93066 », « Saint-Denis » or « Montreuil (93) » in the
 * workbook, the code in the JSON (names are resolved against the official territories).
 */
const territory = (
  field: string,
  header: string,
  role: TerritoryRole,
  required = true,
): WorkbookField => ({ field, header, kind: 'territory', required, role });
/** French words in the workbook (« Principale »), the format's code in the JSON (PRIMARY). */
const choice = (
  field: string,
  header: string,
  choices: Readonly<Record<string, string>>,
  required = true,
): WorkbookField => ({ field, header, kind: 'choice', required, choices });

export const PREFERENCE_WORDS: Readonly<Record<(typeof PREFERENCES)[number], string>> = {
  PRIMARY: 'Principale',
  SECONDARY: 'Secondaire',
};
export const CONSORTIUM_FORM_WORDS: Readonly<Record<(typeof CONSORTIUM_FORMS)[number], string>> = {
  CONJOINT: 'Conjoint',
  CONJOINT_MANDATAIRE_SOLIDAIRE: 'Conjoint, mandataire solidaire',
  SOLIDAIRE: 'Solidaire',
};
export const RESERVATION_WORDS: Readonly<Record<(typeof RESERVATIONS)[number], string>> = {
  NONE: 'Non réservé',
  L2113_12: 'Entreprises adaptées et ESAT (L2113-12)',
  L2113_13: 'SIAE (L2113-13)',
  L2113_12_13: 'Entreprises adaptées, ESAT et SIAE (L2113-12 et L2113-13)',
};
export const SUBCONTRACT_KIND_WORDS: Readonly<Record<(typeof SUBCONTRACT_KINDS)[number], string>> =
  {
    SOUS_TRAITANCE: 'Sous-traitance',
    MISE_A_DISPOSITION: 'Mise à disposition',
  };

export const COVERAGE_LEVEL_WORDS: Readonly<Record<CoverageLevel, string>> = {
  DEPARTEMENT: 'Départements',
  PROVINCE: 'Provinces',
  REGION: 'Régions',
};

export const FORM_HEADERS = ['Champ', 'Valeur'] as const;

/** The sheet of explanations a written workbook ends with; the reader passes over it. */
export const HELP_SHEET = 'Aide';

export const SCENARIO_SHEETS: readonly ScenarioSheet[] = [
  {
    layout: 'form',
    name: 'Consultation',
    sections: ['tender', 'consortium'],
    fields: [
      text('tender.reference', 'Référence de la consultation'),
      text('tender.title', 'Objet de la consultation'),
      text('tender.buyer.name', 'Acheteur'),
      text('tender.buyer.idScheme', 'Type d’identifiant de l’acheteur'),
      text('tender.buyer.id', 'Identifiant de l’acheteur'),
      date('tender.deadline', 'Date limite de remise des offres'),
      choice('tender.reserved', 'Marché réservé', RESERVATION_WORDS),
      yesNo(
        'tender.exclusiveMembership',
        'Interdit d’être membre de plusieurs groupements (R2142-21)',
      ),
      choice('consortium.form', 'Forme du groupement', CONSORTIUM_FORM_WORDS),
      text('consortium.mandataire', 'Mandataire'),
      number('consortium.rules.minMembers', 'Nombre minimum de membres'),
      ...ORGANISATION_KINDS.map((kind) =>
        number(`consortium.rules.minOfKind.${kind}`, `Nombre minimum de membres ${kind}`),
      ),
      number('consortium.rules.minSmallMembers', 'Nombre minimum de petites structures'),
      number('consortium.rules.smallBelowEmployees', 'Petite structure : effectif inférieur à'),
      number('consortium.rules.maxMembers', 'Nombre maximum de membres'),
      choice(
        'consortium.rules.minCoverage.level',
        'Couverture territoriale : niveau',
        COVERAGE_LEVEL_WORDS,
      ),
      number(
        'consortium.rules.minCoverage.count',
        'Couverture territoriale : nombre minimum couvert',
      ),
      euros('consortium.rules.maxTotalCents', 'Montant total maximum HT (€)'),
    ].map((field) => ({ ...field, required: false })),
  },
  {
    layout: 'table',
    name: 'Lots',
    section: 'tender.lots',
    columns: [
      number('number', 'Numéro'),
      text('title', 'Intitulé'),
      euros('amountCents', 'Montant HT (€)'),
      number('insertionHours', 'Heures d’insertion'),
    ],
  },
  {
    layout: 'table',
    name: 'Cellules',
    section: 'cells',
    columns: [
      number(CELL_LOT_FIELD, 'Lot'),
      territory('territory', 'Territoire', 'cell'),
      number('demandHours', 'Heures demandées'),
      territory('parent', 'Territoire parent', 'parent', false),
      text('label', 'Libellé', false),
    ],
  },
  {
    layout: 'table',
    name: 'Organisations',
    section: 'organizations',
    columns: [
      text('key', 'Clé'),
      text('legalName', 'Raison sociale'),
      text('idScheme', 'Type d’identifiant'),
      text('id', 'Identifiant'),
      text('kind', 'Nature'),
      number('employees', 'Effectif', false),
      territory('home', 'Siège (territoire)', 'home'),
      number('insertionHoursMax', 'Heures d’insertion maximum', false),
      text('representative.name', 'Représentant'),
      text('representative.title', 'Qualité du représentant'),
      text('representative.email', 'Courriel du représentant'),
      // What the convention prints of each member; empty until known.
      choice('particulars.legalForm', 'Forme juridique', LEGAL_FORM_LABELS, false),
      text('particulars.registeredAddress', 'Adresse du siège', false),
      text('particulars.approvalNumber', 'Numéro d’agrément', false),
      text('particulars.approvalAuthority', 'Autorité d’agrément', false),
      text('particulars.representativeCapacity', 'Qualité du signataire (convention)', false),
    ],
  },
  {
    layout: 'table',
    name: 'Offres',
    section: 'offers',
    optional: true,
    columns: [
      text('org', 'Organisation'),
      number('lot', 'Lot'),
      territory('territory', 'Territoire', 'offer'),
      number('hours', 'Heures'),
      choice('preference', 'Préférence', PREFERENCE_WORDS),
    ],
  },
  {
    layout: 'table',
    name: 'Limites',
    section: 'limits',
    optional: true,
    columns: [
      text('org', 'Organisation'),
      number('maxHours', 'Heures maximum', false),
      euros('maxRevenueCents', 'Chiffre d’affaires maximum HT (€)', false),
    ],
  },
  {
    layout: 'table',
    name: 'Sous-traitances',
    section: 'subcontracts',
    optional: true,
    columns: [
      text('principal', 'Titulaire'),
      text('subcontractor', 'Sous-traitant'),
      number('lot', 'Lot'),
      choice('kind', 'Type', SUBCONTRACT_KIND_WORDS),
      text('nature', 'Nature des prestations'),
      euros('maxAmountCents', 'Montant maximum HT (€)'),
    ],
  },
  {
    layout: 'form',
    name: 'Politique',
    sections: ['policy'],
    fields: [number('policy.secondaryCost', 'Coût d’une offre secondaire', false)],
  },
];

/** "A", ..., "Z", "AA": how a person names a column. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** `feuille « Offres », ligne 14, colonne D « Territoire »`, as precise as what is known. */
export function cellLocation(
  sheet: string,
  row?: number,
  column?: { index: number; header: string },
): string {
  let location = `feuille « ${sheet} »`;
  if (row !== undefined) location += `, ligne ${row}`;
  // The column's header as the workbook shows it, never the file format's field name.
  if (column) location += `, colonne ${columnLetter(column.index)} « ${column.header} »`;
  return location;
}
