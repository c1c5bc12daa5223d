import { decimalValue } from '@cordage/domain/french-decimal';

// The month's file of the coordinator's « Importer le mois », read in the browser.

/** The file's columns, in order, and the api's field each one fills. */
export const COLUMNS = [
  ['membre', 'member'],
  ['lot', 'lot'],
  ['territoire', 'territory'],
  ['heures', 'hours'],
  ['chiffre_affaires', 'revenueCents'],
  ['heures_insertion', 'insertionHours'],
  ['personnes_insertion', 'insertionPeople'],
] as const;
export const COLUMN_OF_FIELD = new Map<string, string>(
  COLUMNS.map(([column, field]) => [field, column]),
);

export interface ImportLine {
  member: string;
  lot: number;
  territory: string;
  hours: number;
  revenueCents: number;
  insertionHours: number;
  insertionPeople: number;
}

/** A line of the file's problem: its line number in the file (1 is the header), its column. */
export interface FileProblem {
  line: number | null;
  column: string | null;
  message: string;
}

const HOURS = { maxDecimals: 2 };

/** Euros excl. VAT as typed (« 4 250,50 », « 12 € ») to cents, as the declaration form reads them. */
function euroCents(text: string): number | null {
  const euros = decimalValue(text.replace(/\s*€\s*$/, ''));
  return euros === null ? null : Math.round(euros * 100);
}

/**
 * The month's file read as the api takes it: a CSV separated by semicolons (as Excel saves it)
 * or commas, a header line, then one line per member and cell with French numbers (« 151,67 »,
 * « 4 250,50 » euros). Every unreadable value is reported with its line and column.
 */
export function parseMonthFile(text: string): { lines: ImportLine[]; problems: FileProblem[] } {
  const rows = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((row, index) => ({ row, number: index + 1 }))
    .filter(({ row }) => row.trim() !== '');
  const [header, ...body] = rows;
  const separator = header && header.row.includes(';') ? ';' : ',';
  const cellsOf = (row: string) => row.split(separator).map((cell) => cell.trim());
  const names = header ? cellsOf(header.row).map((name) => name.toLowerCase()) : [];
  const missing = COLUMNS.filter(([column]) => !names.includes(column)).map(([column]) => column);
  if (!header || missing.length > 0) {
    return {
      lines: [],
      problems: [
        {
          line: 1,
          column: null,
          message: `colonnes manquantes dans la première ligne : ${missing.join(', ')}`,
        },
      ],
    };
  }
  const problems: FileProblem[] = [];
  const lines: ImportLine[] = [];
  for (const { row, number } of body) {
    const cells = cellsOf(row);
    const value = (column: string) => cells[names.indexOf(column)] ?? '';
    const read = (column: string, parse: (text: string) => number | null, what: string) => {
      const text = value(column);
      const parsed = text === '' ? 0 : parse(text);
      if (parsed === null)
        problems.push({ line: number, column, message: `${what} : « ${text} »` });
      return parsed ?? 0;
    };
    lines.push({
      member: value('membre'),
      lot: read('lot', (text) => decimalValue(text, { integer: true }), 'numéro de lot attendu'),
      territory: value('territoire'),
      hours: read('heures', (text) => decimalValue(text, HOURS), 'heures attendues (151,67)'),
      revenueCents: read('chiffre_affaires', euroCents, 'montant en euros HT attendu (4 250,50)'),
      insertionHours: read(
        'heures_insertion',
        (text) => decimalValue(text, HOURS),
        'heures attendues (35,5)',
      ),
      insertionPeople: read(
        'personnes_insertion',
        (text) => decimalValue(text, { integer: true }),
        'nombre entier attendu',
      ),
    });
    if (value('membre') === '') problems.push({ line: number, column: 'membre', message: 'vide' });
    if (value('territoire') === '')
      problems.push({ line: number, column: 'territoire', message: 'vide' });
  }
  if (lines.length === 0 && problems.length === 0)
    problems.push({ line: null, column: null, message: 'le fichier n’a aucune ligne de chiffres' });
  return { lines, problems };
}
