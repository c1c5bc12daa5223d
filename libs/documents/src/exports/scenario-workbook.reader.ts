import {
  DomainError,
  type Problem,
  SCENARIO_FORMAT,
  type TerritoryGazetteer,
  type TerritoryReference,
  invalidScenarioError,
  resolveTerritoryReferences,
  wallClockToIso,
  at,
} from '@cordage/domain';
import ExcelJS from 'exceljs';
import {
  CELL_LOT_FIELD,
  type FormSheet,
  HELP_SHEET,
  SCENARIO_SHEETS,
  type TableSheet,
  type WorkbookField,
  cellLocation,
} from './scenario-workbook.columns';

/** A territory cell as written, and how to put its code in the scenario once resolved. */
export interface WorkbookTerritory extends TerritoryReference {
  /** `feuille « Cellules », ligne 3, colonne B « Territoire »` */
  location: string;
  assign(code: string): void;
}

/** A workbook read as a scenario: the JSON object to validate, and where each path came from. */
export interface WorkbookScenario {
  /** The `cordage.scenario/1` object, not validated yet. */
  input: unknown;
  /** Every territory cell; codes are in `input` already, names until `resolveWorkbookTerritories`. */
  territories: readonly WorkbookTerritory[];
  /** `offers[12].territory` -> `feuille « Offres », ligne 14, colonne C « Territoire »`. */
  locate(path: string): string | undefined;
}

type Json = Record<string, unknown>;

/** What a cell holds once exceljs's rich text, hyperlinks and formula results are unwrapped. */
function plainValue(value: ExcelJS.CellValue): string | number | boolean | Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date || typeof value !== 'object') {
    return typeof value === 'string' && value.trim() === '' ? undefined : value;
  }
  if ('richText' in value) return plainValue(value.richText.map((part) => part.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) {
    return plainValue((value as ExcelJS.CellFormulaValue).result);
  }
  if ('text' in value) return plainValue(value.text);
  return undefined;
}

/**
 * Excel stores times without a zone (exceljs gives the clock's fields as UTC): a bid's times are
 * read as Paris time, as the workbook's instructions say.
 */
function excelWallClockToIso(cell: Date): string {
  const iso = cell.toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
  return wallClockToIso(iso.slice(0, 10), iso.slice(11, 19), 'Europe/Paris');
}

/** Days since 1899-12-30: a date cell that lost its date format. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

type Converted = { ok: true; value: unknown } | { ok: false; message: string };

/** Numeric text written the French way (« 1 200 », « 12,5 », « 1 234,56 € »), or null. */
function numericText(value: string | number | boolean | Date, euros = false): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return null;
  const spaceless = value.replace(/[\s\u00a0\u202f]/g, '');
  const text = euros ? spaceless.replace(/€$/, '') : spaceless;
  return /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : null;
}

/** « Saint-Denis (COM:93066) » -> COM:93066; a bare code or anything else stays as written. */
export function territoryCodeOf(text: string): string {
  const named = /\(([A-Z]+:[^()\s]+)\)\s*$/.exec(text);
  return named?.[1] ?? text.trim();
}

const sameWords = (a: string, b: string) =>
  a.trim().localeCompare(b.trim(), 'fr', { sensitivity: 'base' }) === 0;

function convert(value: string | number | boolean | Date, field: WorkbookField): Converted {
  switch (field.kind) {
    case 'text':
      return value instanceof Date
        ? { ok: true, value: excelWallClockToIso(value) }
        : { ok: true, value: String(value).trim() };
    case 'number': {
      const number = numericText(value);
      return number === null
        ? { ok: false, message: `un nombre est attendu (reçu « ${String(value)} »)` }
        : { ok: true, value: number };
    }
    case 'euros': {
      const euros = numericText(value, true);
      if (euros === null) {
        return {
          ok: false,
          message: `un montant en euros est attendu, comme 1 234,56 (reçu « ${String(value)} »)`,
        };
      }
      const cents = Math.round(euros * 100);
      // Excel's binary floats: 12,34 is 12.339999…; only a real third decimal is refused.
      if (Math.abs(euros * 100 - cents) > 1e-6 * Math.max(1, Math.abs(cents))) {
        return {
          ok: false,
          message: `un montant a au plus deux décimales, les centimes (reçu « ${String(value)} »)`,
        };
      }
      return { ok: true, value: cents };
    }
    case 'territory':
      return { ok: true, value: territoryCodeOf(String(value)) };
    case 'choice': {
      const choices = Object.entries(field.choices ?? {});
      const text = String(value);
      const chosen = choices.find(
        ([code, words]) => sameWords(words, text) || code === text.trim(),
      );
      if (chosen) return { ok: true, value: chosen[0] };
      const allowed = choices.map(([, words]) => `« ${words} »`).join(', ');
      return {
        ok: false,
        message: `l’une de ces valeurs est attendue : ${allowed} (reçu « ${text} »)`,
      };
    }
    case 'date':
      if (value instanceof Date) return { ok: true, value: excelWallClockToIso(value) };
      if (typeof value === 'number') {
        return { ok: true, value: excelWallClockToIso(new Date(EXCEL_EPOCH + value * 86_400_000)) };
      }
      return { ok: true, value: String(value).trim() };
    case 'yesNo': {
      if (typeof value === 'boolean') return { ok: true, value };
      const answer = String(value).trim().toLocaleLowerCase('fr');
      if (answer === 'oui') return { ok: true, value: true };
      if (answer === 'non') return { ok: true, value: false };
      return { ok: false, message: `« Oui » ou « Non » est attendu (reçu « ${String(value)} »)` };
    }
  }
}

function setPath(target: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Json;
  node[at(keys, keys.length - 1)] = value;
}

const sameHeader = (a: string, b: string) =>
  a.localeCompare(b, 'fr', { sensitivity: 'accent' }) === 0;

interface TableRow {
  item: Json;
  /** `feuille « Offres », ligne 14` */
  location: string;
  /** Field -> its cell's location, for every column the sheet has. */
  fields: Map<string, string>;
  /** The row's territory cells, to be resolved once the row has its place. */
  territories: WorkbookTerritory[];
}

/** Reads one workbook; `problems` collects every structural problem before anything is thrown. */
class ScenarioWorkbookReading {
  readonly problems: Problem[] = [];
  readonly locations = new Map<string, string>();
  readonly input: Json = { format: SCENARIO_FORMAT };
  readonly territories: WorkbookTerritory[] = [];

  constructor(private readonly workbook: ExcelJS.Workbook) {}

  read(): void {
    const known = new Set([...SCENARIO_SHEETS.map((sheet) => sheet.name), HELP_SHEET]);
    for (const sheet of this.workbook.worksheets) {
      if (!known.has(sheet.name)) {
        this.report(cellLocation(sheet.name), 'UNKNOWN_SHEET', 'feuille inconnue');
      }
    }
    for (const definition of SCENARIO_SHEETS) {
      const sheet = this.workbook.getWorksheet(definition.name);
      if (definition.layout === 'form') {
        for (const section of definition.sections) {
          this.locations.set(section, cellLocation(definition.name));
        }
        if (sheet) this.readForm(sheet, definition);
      } else if (!sheet) {
        if (!definition.optional) {
          this.report(cellLocation(definition.name), 'MISSING_SHEET', 'feuille absente');
        }
      } else this.readTable(sheet, definition);
    }
  }

  private report(path: string, code: string, message: string): void {
    this.problems.push({ path, code, message });
  }

  /** The cell's value converted to its field's kind; undefined for an empty or a wrong cell. */
  private value(cell: ExcelJS.Cell, field: WorkbookField, location: string): unknown {
    const raw = plainValue(cell.value);
    if (raw === undefined) return undefined;
    const converted = convert(raw, field);
    if (converted.ok) return converted.value;
    this.report(location, 'INVALID_CELL', converted.message);
    return undefined;
  }

  private readForm(sheet: ExcelJS.Worksheet, definition: FormSheet): void {
    const seen = new Set<WorkbookField>();
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber === 1) return; // « Champ », « Valeur »
      const label = plainValue(row.getCell(1).value);
      if (label === undefined) return;
      const field = definition.fields.find((f) => sameHeader(f.header, String(label).trim()));
      if (!field || seen.has(field)) {
        this.report(
          cellLocation(sheet.name, rowNumber, { index: 1, header: String(label) }),
          field ? 'DUPLICATE_FIELD' : 'UNKNOWN_FIELD',
          field ? `champ « ${field.header} » déjà donné` : `champ inconnu « ${String(label)} »`,
        );
        return;
      }
      seen.add(field);
      const location = cellLocation(sheet.name, rowNumber, { index: 2, header: field.header });
      this.locations.set(field.field, location);
      const value = this.value(row.getCell(2), field, location);
      if (value !== undefined) setPath(this.input, field.field, value);
    });
  }

  /** The header row mapped to fields: column number -> field; unknown or missing ones reported. */
  private readHeader(sheet: ExcelJS.Worksheet, definition: TableSheet): Map<number, WorkbookField> {
    const columns = new Map<number, WorkbookField>();
    sheet.getRow(1).eachCell((cell, index) => {
      const header = plainValue(cell.value);
      if (header === undefined) return;
      const field = definition.columns.find((c) => sameHeader(c.header, String(header).trim()));
      const location = cellLocation(sheet.name, 1, { index, header: String(header) });
      if (!field) this.report(location, 'UNKNOWN_COLUMN', `colonne inconnue « ${String(header)} »`);
      else if ([...columns.values()].includes(field)) {
        this.report(location, 'DUPLICATE_COLUMN', `colonne « ${field.header} » en double`);
      } else columns.set(index, field);
    });
    const present = new Set(columns.values());
    for (const field of definition.columns) {
      if (field.required && !present.has(field)) {
        this.report(
          cellLocation(sheet.name, 1),
          'MISSING_COLUMN',
          `colonne obligatoire absente : « ${field.header} »`,
        );
      }
    }
    return columns;
  }

  /** Every non-empty row of a table as an item, with the location of each of its fields. */
  private readRows(sheet: ExcelJS.Worksheet, definition: TableSheet): TableRow[] {
    const columns = this.readHeader(sheet, definition);
    const rows: TableRow[] = [];
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber === 1 || !hasContent(row)) return;
      const read: TableRow = {
        item: {},
        location: cellLocation(sheet.name, rowNumber),
        fields: new Map(),
        territories: [],
      };
      for (const [index, field] of columns) {
        const location = cellLocation(sheet.name, rowNumber, { index, header: field.header });
        read.fields.set(field.field, location);
        const value = this.value(row.getCell(index), field, location);
        if (value === undefined) continue;
        setPath(read.item, field.field, value);
        if (field.role && typeof value === 'string') {
          const raw = plainValue(row.getCell(index).value);
          read.territories.push({
            text: String(raw),
            role: field.role,
            location,
            assign: (code) => setPath(read.item, field.field, code),
          });
        }
      }
      rows.push(read);
    });
    return rows;
  }

  private place(path: string, row: TableRow): void {
    this.territories.push(...row.territories);
    this.locations.set(path, row.location);
    for (const [field, location] of row.fields) {
      this.locations.set(`${path}.${field}`, location);
    }
  }

  private readTable(sheet: ExcelJS.Worksheet, definition: TableSheet): void {
    const rows = this.readRows(sheet, definition);
    if (definition.section === 'cells') {
      this.placeCells(rows);
      return;
    }
    rows.forEach((row, index) => this.place(`${definition.section}[${index}]`, row));
    this.locations.set(definition.section, cellLocation(sheet.name));
    const items = rows.map((row) => row.item);
    if (definition.section === 'tender.lots') for (const lot of items) lot.cells = [];
    setPath(this.input, definition.section, items);
  }

  /** Each cell goes to the lot its « Lot » column names, which must be on the « Lots » sheet. */
  private placeCells(rows: TableRow[]): void {
    const lots = ((this.input.tender as Json | undefined)?.lots ?? []) as Json[];
    for (const row of rows) {
      const lotNumber = row.item[CELL_LOT_FIELD] as number | undefined;
      const lotLocation = row.fields.get(CELL_LOT_FIELD);
      // The lot is where the cell goes, not a field of the cell.
      delete row.item[CELL_LOT_FIELD];
      row.fields.delete(CELL_LOT_FIELD);
      if (lotLocation === undefined) continue; // the whole column is missing, already reported
      const lot = lots.find((candidate) => candidate.number === lotNumber);
      if (lotNumber === undefined || !lot) {
        // A lot cell that is not a number has been reported already.
        if (!this.problems.some((problem) => problem.path === lotLocation)) {
          this.report(
            lotLocation,
            'UNKNOWN_LOT',
            `lot inconnu ${lotNumber ?? '(vide)'} : la feuille « Lots » n’a pas ce numéro`,
          );
        }
        continue;
      }
      const cells = lot.cells as Json[];
      this.place(`tender.lots[${lots.indexOf(lot)}].cells[${cells.length}]`, row);
      cells.push(row.item);
    }
  }
}

function hasContent(row: ExcelJS.Row): boolean {
  let content = false;
  row.eachCell((cell) => {
    content ||= plainValue(cell.value) !== undefined;
  });
  return content;
}

/** Drops segments from the end until a known location: `offers[3].foo` -> `offers[3]`. */
function locateIn(locations: ReadonlyMap<string, string>, path: string): string | undefined {
  for (let current = path; ;) {
    const location = locations.get(current);
    if (location !== undefined) return location;
    const parent = current.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * Reads a scenario workbook (the columns of scenario-workbook.columns.ts). Problems of the
 * workbook itself (a missing sheet or column, an unknown header, text where a number belongs, a
 * cell of an unknown lot) are thrown together as one INVALID_SCENARIO error located by sheet, row
 * and column; the scenario's own rules are left to the usual validation (see `locateProblems`).
 */
export async function readScenarioWorkbook(buffer: Buffer): Promise<WorkbookScenario> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw invalidScenarioError([
      {
        path: '$',
        code: 'INVALID_WORKBOOK',
        message: 'le fichier n’est pas un classeur XLSX lisible',
      },
    ]);
  }
  const reading = new ScenarioWorkbookReading(workbook);
  reading.read();
  if (reading.problems.length > 0) throw invalidScenarioError(reading.problems);
  const { locations } = reading;
  return {
    input: reading.input,
    territories: reading.territories,
    locate: (path) => locateIn(locations, path),
  };
}

/**
 * Puts in the scenario the code of each territory the workbook names (« Montreuil »,
 * « Montreuil (93) »), homonyms settled by the bid's other territories; throws one
 * INVALID_SCENARIO error naming the cell of each name that is unknown or still ambiguous.
 */
export async function resolveWorkbookTerritories(
  workbook: WorkbookScenario,
  gazetteer: TerritoryGazetteer,
): Promise<void> {
  const resolutions = await resolveTerritoryReferences(workbook.territories, gazetteer);
  const problems: Problem[] = [];
  resolutions.forEach((resolution, index) => {
    const territory = at(workbook.territories, index);
    if (resolution.ok) territory.assign(resolution.code);
    else
      problems.push({
        path: territory.location,
        code: resolution.code,
        message: resolution.message,
      });
  });
  if (problems.length > 0) throw invalidScenarioError(problems);
}

/** The same error with each JSON path replaced by the sheet, row and column it came from. */
export function locateProblems(error: DomainError, workbook: WorkbookScenario): DomainError {
  return new DomainError(
    error.code,
    error.message,
    error.problems.map((problem) => ({
      ...problem,
      path: workbook.locate(problem.path) ?? problem.path,
    })),
    error.details,
  );
}
