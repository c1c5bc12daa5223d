import { ORGANISATION_KINDS } from '@cordage/domain';

/**
 * The XLSX form of a `cordage.scenario/1` file: which sheet and which column holds each JSON field.
 * The reader and the writer both follow this one table, so that a workbook Cordage writes is
 * always one it reads, and an error found by the JSON validation can be pointed at its cell.
 */
export type CellKind = 'text' | 'number' | 'date' | 'yesNo';

export interface WorkbookField {
  /** Where the value goes in its item (`representative.email`), or in the scenario for a form. */
  field: string;
  /** The French header (table) or label (form) that names the field in the workbook. */
  header: string;
  kind: CellKind;
  /** A table without this column cannot be read at all (forms leave it to the validation). */
  required?: boolean;
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

export const FORM_HEADERS = ['Champ', 'Valeur'] as const;

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
      text('tender.reserved', 'Marché réservé'),
      yesNo(
        'tender.exclusiveMembership',
        'Interdit d’être membre de plusieurs groupements (R2142-21)',
      ),
      text('consortium.form', 'Forme du groupement'),
      text('consortium.mandataire', 'Mandataire'),
      number('consortium.rules.minMembers', 'Nombre minimum de membres'),
      ...ORGANISATION_KINDS.map((kind) =>
        number(`consortium.rules.minOfKind.${kind}`, `Nombre minimum de membres ${kind}`),
      ),
      number('consortium.rules.minSmallMembers', 'Nombre minimum de petites structures'),
      number('consortium.rules.smallBelowEmployees', 'Petite structure : effectif inférieur à'),
      number('consortium.rules.maxMembers', 'Nombre maximum de membres'),
      text(
        'consortium.rules.minCoverage.level',
        'Couverture territoriale : niveau (DEPARTEMENT, PROVINCE ou REGION)',
      ),
      number(
        'consortium.rules.minCoverage.count',
        'Couverture territoriale : nombre minimum couvert',
      ),
      number('consortium.rules.maxTotalCents', 'Montant total maximum (centimes)'),
    ].map((field) => ({ ...field, required: false })),
  },
  {
    layout: 'table',
    name: 'Lots',
    section: 'tender.lots',
    columns: [
      number('number', 'Numéro'),
      text('title', 'Intitulé'),
      number('amountCents', 'Montant HT (centimes)'),
      number('insertionHours', 'Heures d’insertion'),
    ],
  },
  {
    layout: 'table',
    name: 'Cellules',
    section: 'cells',
    columns: [
      number(CELL_LOT_FIELD, 'Lot'),
      text('territory', 'Territoire'),
      number('demandHours', 'Heures demandées'),
      text('parent', 'Territoire parent', false),
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
      number('employees', 'Effectif'),
      text('home', 'Siège (territoire)'),
      number('insertionHoursMax', 'Heures d’insertion maximum', false),
      text('representative.name', 'Représentant'),
      text('representative.title', 'Qualité du représentant'),
      text('representative.email', 'Courriel du représentant'),
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
      text('territory', 'Territoire'),
      number('hours', 'Heures'),
      text('preference', 'Préférence'),
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
      number('maxRevenueCents', 'Chiffre d’affaires maximum (centimes)', false),
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
      text('kind', 'Type'),
      text('nature', 'Nature des prestations'),
      number('maxAmountCents', 'Montant maximum HT (centimes)'),
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
