import type { Problem } from '../errors';
import { readDecimal } from '../texts/french-decimal';
import { type NewDirectoryOrganisation, newDirectoryOrganisationSchema } from './directory-entry';

/**
 * The columns of the members' file (CSV or XLSX), in the template's order, with the header the
 * user reads. Headers are matched without regard to case, accents or apostrophes.
 */
export const DIRECTORY_COLUMNS = [
  { key: 'idScheme', header: 'Type d’identifiant', required: false },
  { key: 'id', header: 'Identifiant', required: true },
  { key: 'legalName', header: 'Raison sociale', required: true },
  { key: 'kind', header: 'Type de structure', required: true },
  { key: 'legalForm', header: 'Forme juridique', required: false },
  { key: 'address', header: 'Adresse', required: false },
  { key: 'staff', header: 'Effectif', required: false },
  { key: 'approvalNumber', header: 'N° d’agrément', required: false },
  { key: 'approvalDate', header: 'Date d’agrément', required: false },
  { key: 'territories', header: 'Territoires', required: true },
  { key: 'contactName', header: 'Contact', required: false },
  { key: 'contactEmail', header: 'E-mail du contact', required: false },
  { key: 'contactPhone', header: 'Téléphone du contact', required: false },
  { key: 'representativeName', header: 'Représentant légal', required: true },
  { key: 'representativeTitle', header: 'Qualité du représentant', required: true },
  { key: 'representativeEmail', header: 'E-mail du représentant', required: true },
  { key: 'maxHours', header: 'Heures maximum', required: false },
  { key: 'maxRevenue', header: 'Chiffre d’affaires maximum (€)', required: false },
  { key: 'maxInsertionHours', header: 'Heures d’insertion maximum', required: false },
] as const;
export type DirectoryColumn = (typeof DIRECTORY_COLUMNS)[number]['key'];

/** What a cell holds once read from the file. */
export type CellValue = string | number | boolean | Date | undefined;

/** One line of the file: its number as the spreadsheet shows it, and its cells by header. */
export interface RawDirectoryRow {
  line: number;
  cells: readonly CellValue[];
}

/** A new entry, with the line it came from. */
export interface ImportedDirectoryRow {
  line: number;
  entry: NewDirectoryOrganisation;
}

export interface DirectoryFileReading {
  rows: ImportedDirectoryRow[];
  problems: Problem[];
}

const HEADER_OF = Object.fromEntries(
  DIRECTORY_COLUMNS.map((column) => [column.key, column.header]),
) as Record<DirectoryColumn, string>;

/** Where a problem is, in the user's words. */
export function directoryCell(line: number, column?: DirectoryColumn): string {
  return column === undefined ? `ligne ${line}` : `ligne ${line}, colonne « ${HEADER_OF[column]} »`;
}

function simplified(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’'`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const ORDER_OF = new Map<DirectoryColumn, number>(
  DIRECTORY_COLUMNS.map((column, index) => [column.key, index]),
);

const COLUMN_BY_HEADER = new Map(
  DIRECTORY_COLUMNS.map((column) => [simplified(column.header), column.key]),
);

function cellText(value: CellValue): string | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const text = String(value).trim();
  return text === '' ? null : text;
}

/** A date cell, a « JJ/MM/AAAA » or an « AAAA-MM-JJ » text, as AAAA-MM-JJ. */
function dateText(value: CellValue): string | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const text = cellText(value);
  if (text === null) return null;
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (french) {
    const [, day = '', month = '', year = ''] = french;
    return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  }
  return text;
}

type Reading<T> = { ok: true; value: T } | { ok: false; message: string };

/** A number cell, or a number written as French people write it. */
function numberOf(value: CellValue, integer: boolean, field: string): Reading<number | null> {
  if (typeof value === 'number') return { ok: true, value };
  const text = cellText(value);
  if (text === null) return { ok: true, value: null };
  const reading = readDecimal(text, { integer });
  if (reading.kind === 'invalid') return { ok: false, message: `${field} : ${reading.message}` };
  return { ok: true, value: reading.kind === 'number' ? reading.value : null };
}

/** The scheme written, or the one its length names (14 digits: SIRET, 9: SIREN, 10: BCE). */
function schemeOf(written: string | null, id: string | null): string | null {
  if (written !== null) return written.toUpperCase();
  const digits = (id ?? '').replace(/[\s.-]/g, '');
  if (digits.length === 14) return 'SIRET';
  if (digits.length === 9) return 'SIREN';
  if (digits.length === 10) return 'BCE';
  return null;
}

/** Which column a schema issue is about. */
function columnOfIssue(path: readonly PropertyKey[]): DirectoryColumn | undefined {
  const [head, , leaf] = path;
  if (head === 'representatives') {
    if (leaf === 'title') return 'representativeTitle';
    if (leaf === 'email') return 'representativeEmail';
    return 'representativeName';
  }
  if (head === 'limits') {
    const [, limit] = path;
    if (limit === 'maxRevenueCents') return 'maxRevenue';
    if (limit === 'maxInsertionHours') return 'maxInsertionHours';
    return 'maxHours';
  }
  return typeof head === 'string' && head in HEADER_OF ? (head as DirectoryColumn) : undefined;
}

/**
 * Reads the members' file: the header line, then one organisation a line. Every problem is
 * located by line and column; the caller writes nothing unless the list is empty.
 */
export function readDirectoryFile(
  header: readonly CellValue[],
  lines: readonly RawDirectoryRow[],
  headerLine = 1,
): DirectoryFileReading {
  const problems: Problem[] = [];
  const columns = new Map<DirectoryColumn, number>();
  header.forEach((cell, index) => {
    const text = cellText(cell);
    if (text === null) return;
    const key = COLUMN_BY_HEADER.get(simplified(text));
    if (key === undefined) {
      problems.push({
        path: `ligne ${headerLine}, colonne ${index + 1}`,
        code: 'UNKNOWN_COLUMN',
        message: `colonne « ${text} » inconnue : reprenez les en-têtes du modèle`,
      });
    } else if (columns.has(key)) {
      problems.push({
        path: `ligne ${headerLine}, colonne ${index + 1}`,
        code: 'DUPLICATE_COLUMN',
        message: `colonne « ${HEADER_OF[key]} » présente deux fois`,
      });
    } else {
      columns.set(key, index);
    }
  });
  for (const column of DIRECTORY_COLUMNS) {
    if (column.required && !columns.has(column.key)) {
      problems.push({
        path: `ligne ${headerLine}`,
        code: 'MISSING_COLUMN',
        message: `colonne « ${column.header} » absente`,
      });
    }
  }
  if (problems.length > 0) return { rows: [], problems };

  const rows: ImportedDirectoryRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of lines) {
    const cell = (key: DirectoryColumn): CellValue => {
      const index = columns.get(key);
      return index === undefined ? undefined : cells[index];
    };
    if (DIRECTORY_COLUMNS.every((column) => cellText(cell(column.key)) === null)) continue;
    const here = (column: DirectoryColumn, code: string, message: string) =>
      problems.push({ path: directoryCell(line, column), code, message });

    const numbers = {
      staff: numberOf(cell('staff'), true, 'effectif'),
      maxHours: numberOf(cell('maxHours'), true, 'heures maximum'),
      maxRevenue: numberOf(cell('maxRevenue'), false, 'chiffre d’affaires maximum'),
      maxInsertionHours: numberOf(cell('maxInsertionHours'), true, 'heures d’insertion maximum'),
    };
    let readable = true;
    for (const [key, reading] of Object.entries(numbers) as [
      DirectoryColumn,
      Reading<number | null>,
    ][]) {
      if (!reading.ok) {
        here(key, 'INVALID_NUMBER', reading.message);
        readable = false;
      }
    }
    const value = <T>(reading: Reading<T>): T | null => (reading.ok ? reading.value : null);
    const revenue = value(numbers.maxRevenue);
    const id = cellText(cell('id'));
    const representativeName = cellText(cell('representativeName'));
    const input = {
      idScheme: schemeOf(cellText(cell('idScheme')), id),
      id: id ?? '',
      legalName: cellText(cell('legalName')) ?? '',
      kind: cellText(cell('kind'))?.toUpperCase() ?? '',
      legalForm: cellText(cell('legalForm'))?.toUpperCase() ?? null,
      address: cellText(cell('address')),
      staff: value(numbers.staff),
      approvalNumber: cellText(cell('approvalNumber')),
      approvalDate: dateText(cell('approvalDate')),
      territories: (cellText(cell('territories')) ?? '')
        .split(/[,;\n]/)
        .map((code) => code.trim())
        .filter((code) => code !== ''),
      contactName: cellText(cell('contactName')),
      contactEmail: cellText(cell('contactEmail')),
      contactPhone: cellText(cell('contactPhone')),
      representatives:
        representativeName === null &&
        cellText(cell('representativeTitle')) === null &&
        cellText(cell('representativeEmail')) === null
          ? []
          : [
              {
                name: representativeName ?? '',
                title: cellText(cell('representativeTitle')) ?? '',
                email: cellText(cell('representativeEmail')) ?? '',
              },
            ],
      limits: {
        maxHours: value(numbers.maxHours),
        maxRevenueCents: revenue === null ? null : Math.round(revenue * 100),
        maxInsertionHours: value(numbers.maxInsertionHours),
      },
    };
    const parsed = newDirectoryOrganisationSchema.safeParse(input);
    if (!parsed.success) {
      // One problem a cell (the first says enough), from left to right.
      const byColumn = new Map<number, Problem>();
      for (const issue of parsed.error.issues) {
        const column = columnOfIssue(issue.path);
        const order = column === undefined ? -1 : (ORDER_OF.get(column) ?? -1);
        if (byColumn.has(order)) continue;
        byColumn.set(order, {
          path: directoryCell(line, column),
          code: 'INVALID_VALUE',
          message: issue.message,
        });
      }
      problems.push(...[...byColumn].sort(([a], [b]) => a - b).map(([, problem]) => problem));
      continue;
    }
    if (!readable) continue;
    const key = `${parsed.data.idScheme}:${parsed.data.id}`;
    const first = seen.get(key);
    if (first !== undefined) {
      here('id', 'DUPLICATE_IDENTIFIER', `identifiant : déjà donné ligne ${first}`);
      continue;
    }
    seen.set(key, line);
    rows.push({ line, entry: parsed.data });
  }
  if (rows.length === 0 && problems.length === 0) {
    problems.push({
      path: `ligne ${headerLine + 1}`,
      code: 'EMPTY_FILE',
      message: 'aucune organisation dans le fichier',
    });
  }
  return { rows, problems };
}
