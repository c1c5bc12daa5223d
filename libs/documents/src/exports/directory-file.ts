import ExcelJS from 'exceljs';
import {
  type CellValue,
  DIRECTORY_COLUMNS,
  DomainError,
  DomainErrorCode,
  LEGAL_FORMS,
  ORGANISATION_KINDS,
  type RawDirectoryRow,
} from '@cordage/domain';

/** The members' file as read: its header line and its other lines. */
export interface DirectoryFile {
  header: CellValue[];
  lines: RawDirectoryRow[];
}

/** More lines than any network has members: a file beyond is refused, not read. */
export const DIRECTORY_FILE_MAX_LINES = 5000;

export const DIRECTORY_SHEET = 'Organisations';

const unreadable = (message: string) =>
  new DomainError(DomainErrorCode.INVALID_INPUT, `Fichier illisible : ${message}.`, [
    { path: 'fichier', code: 'UNREADABLE_FILE', message },
  ]);

const tooLong = () =>
  new DomainError(
    DomainErrorCode.INVALID_INPUT,
    `Fichier trop long : ${DIRECTORY_FILE_MAX_LINES} organisations au plus.`,
    [
      {
        path: 'fichier',
        code: 'TOO_MANY_LINES',
        message: `${DIRECTORY_FILE_MAX_LINES} lignes au plus`,
      },
    ],
  );

/** What a cell holds once rich text, hyperlinks and formula results are unwrapped. */
function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    return plain((value as ExcelJS.CellFormulaValue).result);
  }
  if ('text' in value) return plain(value.text);
  return undefined;
}

/** The first sheet (or the one named « Organisations ») of an XLSX workbook. */
export async function readDirectoryWorkbook(buffer: Buffer): Promise<DirectoryFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unreadable('ce n’est pas un classeur XLSX');
  }
  const sheet = workbook.getWorksheet(DIRECTORY_SHEET) ?? workbook.worksheets[0];
  if (!sheet) throw unreadable('le classeur n’a aucune feuille');
  if (sheet.rowCount > DIRECTORY_FILE_MAX_LINES + 1) throw tooLong();
  const width = Math.min(sheet.columnCount, 100);
  const cellsOf = (row: ExcelJS.Row) =>
    Array.from({ length: width }, (_, index) => plain(row.getCell(index + 1).value));
  const header = cellsOf(sheet.getRow(1));
  const lines: RawDirectoryRow[] = [];
  for (let number = 2; number <= sheet.rowCount; number++) {
    lines.push({ line: number, cells: cellsOf(sheet.getRow(number)) });
  }
  return { header, lines };
}

/**
 * A CSV file as spreadsheets write it: UTF-8 (with or without its mark), fields separated by
 * semicolons (French Excel), commas or tabs, quoted with double quotes when needed.
 */
export function readDirectoryCsv(buffer: Buffer): DirectoryFile {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw unreadable('le texte n’est pas en UTF-8 (enregistrez-le en « CSV UTF-8 »)');
  }
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = [';', '\t', ','].reduce((best, candidate) =>
    firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best,
  );
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === separator) {
      cells.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      cells.push(field);
      records.push({ line: recordLine, cells });
      if (records.length > DIRECTORY_FILE_MAX_LINES + 1) throw tooLong();
      cells = [];
      field = '';
      line++;
      recordLine = line;
    } else {
      field += char;
    }
  }
  if (quoted) throw unreadable(`guillemet ouvert ligne ${recordLine} et jamais fermé`);
  if (field !== '' || cells.length > 0) {
    cells.push(field);
    records.push({ line: recordLine, cells });
  }
  const [header, ...rest] = records;
  if (!header) throw unreadable('le fichier est vide');
  return { header: header.cells, lines: rest };
}

const EXAMPLE = [
  'SIRET',
  '732 829 320 00074',
  'Atelier exemple (à remplacer)',
  'ESAT',
  'ASSOCIATION_LOI_1901',
  '12 rue de l’Exemple, 93200 Saint-Denis',
  45,
  'ESAT-93-0001',
  '2021-04-03',
  'DEP:93, DEP:94',
  'Camille Martin',
  'contact@exemple.test',
  '01 23 45 67 89',
  'Anne Dupont',
  'directrice',
  'direction@exemple.test',
  12000,
  250000,
  3000,
];

/** The template to fill in: the columns, and a help sheet with an example line and the values each list accepts. */
export async function directoryTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(DIRECTORY_SHEET);
  sheet.addRow(DIRECTORY_COLUMNS.map((column) => column.header));
  sheet.getRow(1).font = { bold: true };
  DIRECTORY_COLUMNS.forEach((column, index) => {
    sheet.getColumn(index + 1).width = Math.max(14, column.header.length + 2);
  });
  const help = workbook.addWorksheet('Aide');
  help.addRows([
    ['Colonne', 'Ce qu’elle attend'],
    ['Type d’identifiant', 'SIRET, SIREN ou BCE (deviné d’après la longueur s’il est vide)'],
    ['Identifiant', 'Avec sa clé de contrôle (Luhn pour SIRET/SIREN, modulo 97 pour BCE)'],
    ['Type de structure', ORGANISATION_KINDS.join(', ')],
    ['Forme juridique', LEGAL_FORMS.join(', ')],
    ['Date d’agrément', 'AAAA-MM-JJ ou JJ/MM/AAAA'],
    ['Territoires', 'Codes officiels séparés par des virgules : DEP:93, COM:93066, BE:21004…'],
    ['Chiffre d’affaires maximum (€)', 'En euros, HT : 250 000 ou 250 000,50'],
    ['Heures…', 'Nombres entiers'],
    [],
    ['Exemple de ligne (feuille « Organisations »)'],
    [
      '',
      'Les colonnes obligatoires : Identifiant, Raison sociale, Type de structure, Territoires, Représentant légal, Qualité du représentant, E-mail du représentant.',
    ],
  ]);
  help.addRow(DIRECTORY_COLUMNS.map((column) => column.header));
  help.addRow(EXAMPLE);
  help.getColumn(1).width = 32;
  help.getColumn(2).width = 90;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
