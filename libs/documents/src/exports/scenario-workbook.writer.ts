import type { Scenario } from '@cordage/domain';
import ExcelJS from 'exceljs';
import {
  CELL_LOT_FIELD,
  FORM_HEADERS,
  HELP_SHEET,
  CONSORTIUM_FORM_WORDS,
  PREFERENCE_WORDS,
  RESERVATION_WORDS,
  SUBCONTRACT_KIND_WORDS,
  type FormSheet,
  SCENARIO_SHEETS,
  type TableSheet,
  type WorkbookField,
} from './scenario-workbook.columns';

type Json = Record<string, unknown>;

function valueAt(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Json | undefined)?.[key], source);
}

/** The official names of the territories a workbook names, by code: « Saint-Denis (COM:93066) ». */
export type TerritoryNames = ReadonlyMap<string, string>;

/**
 * Text stays text (a SIRET, a deadline with its offset); numbers stay numbers; yes is « Oui »;
 * cents are euros; a code of the format is its French words; a territory is named.
 */
function cellValue(value: unknown, field: WorkbookField, names: TerritoryNames): ExcelJS.CellValue {
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (field.kind === 'euros' && typeof value === 'number') return value / 100;
  if (field.kind === 'choice' && typeof value === 'string') return field.choices?.[value] ?? value;
  if (field.kind === 'territory' && typeof value === 'string') {
    const name = names.get(value);
    return name === undefined ? value : `${name} (${value})`;
  }
  return typeof value === 'number' || typeof value === 'string' ? value : null;
}

/** Euros shown with their cents and their unit; the cell holds the number. */
const EUROS_FORMAT = '#,##0.00 "€"';

function itemsOf(scenario: Scenario, sheet: TableSheet): Json[] {
  switch (sheet.section) {
    case 'tender.lots':
      return scenario.tender.lots;
    case 'cells':
      return scenario.tender.lots.flatMap((lot) =>
        lot.cells.map((cell) => ({ [CELL_LOT_FIELD]: lot.number, ...cell })),
      );
    case 'organizations':
      return scenario.organizations;
    case 'offers':
      return scenario.offers;
    case 'limits':
      return scenario.limits;
    case 'subcontracts':
      return scenario.subcontracts;
  }
}

const widthOf = (field: WorkbookField) => Math.max(12, Math.min(40, field.header.length + 4));

function writeForm(
  sheet: ExcelJS.Worksheet,
  definition: FormSheet,
  scenario: Scenario,
  names: TerritoryNames,
): void {
  sheet.columns = [{ width: 42 }, { width: 40 }];
  sheet.addRow([...FORM_HEADERS]).font = { bold: true };
  for (const field of definition.fields) {
    const row = sheet.addRow([
      field.header,
      cellValue(valueAt(scenario, field.field), field, names),
    ]);
    if (field.kind === 'euros') row.getCell(2).numFmt = EUROS_FORMAT;
  }
}

function writeTable(
  sheet: ExcelJS.Worksheet,
  definition: TableSheet,
  scenario: Scenario,
  names: TerritoryNames,
): void {
  sheet.columns = definition.columns.map((field) => ({
    width: widthOf(field),
    ...(field.kind === 'euros' && { style: { numFmt: EUROS_FORMAT } }),
  }));
  sheet.addRow(definition.columns.map((field) => field.header)).font = { bold: true };
  for (const item of itemsOf(scenario, definition)) {
    sheet.addRow(
      definition.columns.map((field) => cellValue(valueAt(item, field.field), field, names)),
    );
  }
}

const listed = (words: Readonly<Record<string, string>>) =>
  Object.values(words)
    .map((word) => `« ${word} »`)
    .join(', ');

/** How to fill the workbook in, in the reader's words. */
function writeHelp(sheet: ExcelJS.Worksheet): void {
  sheet.columns = [{ width: 34 }, { width: 100 }];
  sheet.addRow(['Pour remplir ce classeur', '']).font = { bold: true };
  sheet.addRows([
    ['Montants', 'En euros hors taxes, avec les centimes après la virgule : 125 000,50'],
    [
      'Territoires',
      'Le nom officiel, « Bobigny », suivi de son département quand plusieurs territoires portent ce nom et que les autres territoires de la candidature ne suffisent pas à choisir : « Montreuil (93) » ; ou le code : COM:93066, DEP:93, REG:11, BE:21004 (code NIS pour la Belgique) ; « Saint-Denis (COM:93066) » est lu comme son code',
    ],
    ['Préférence (feuille « Offres »)', listed(PREFERENCE_WORDS)],
    ['Forme du groupement', listed(CONSORTIUM_FORM_WORDS)],
    ['Marché réservé', listed(RESERVATION_WORDS)],
    ['Type (feuille « Sous-traitances »)', listed(SUBCONTRACT_KIND_WORDS)],
    [
      'Date limite',
      'Une date et une heure d’Excel, à l’heure de Paris, ou 2027-01-15T12:00:00+01:00',
    ],
    [
      'Organisation (feuilles « Offres », « Limites »)',
      'La clé que la feuille « Organisations » donne à l’organisation, en colonne A',
    ],
    [
      'Import',
      'Le classeur est vérifié en entier ; s’il contient une erreur, rien n’est enregistré et chaque problème est indiqué par feuille, ligne et colonne.',
    ],
  ]);
  sheet.getColumn(2).alignment = { wrapText: true };
}

/**
 * A scenario as the workbook `readScenarioWorkbook` reads: the template a coordinator fills in
 * or an existing bid to edit and import again. Amounts in euros, choices in French, territories
 * by their name with their code when `names` has it.
 */
export async function scenarioWorkbook(
  scenario: Scenario,
  names: TerritoryNames = new Map(),
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Cordage';
  for (const definition of SCENARIO_SHEETS) {
    const sheet = workbook.addWorksheet(definition.name, {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    if (definition.layout === 'form') writeForm(sheet, definition, scenario, names);
    else writeTable(sheet, definition, scenario, names);
  }
  writeHelp(workbook.addWorksheet(HELP_SHEET));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
