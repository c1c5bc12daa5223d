import type { Scenario } from '@cordage/domain';
import ExcelJS from 'exceljs';
import {
  CELL_LOT_FIELD,
  FORM_HEADERS,
  type FormSheet,
  SCENARIO_SHEETS,
  type TableSheet,
  type WorkbookField,
} from './scenario-workbook.columns';

type Json = Record<string, unknown>;

function valueAt(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Json | undefined)?.[key], source);
}

/** Text stays text (a SIRET, a deadline with its offset); numbers stay numbers; yes is « Oui ». */
function cellValue(value: unknown): ExcelJS.CellValue {
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  return typeof value === 'number' || typeof value === 'string' ? value : null;
}

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

function writeForm(sheet: ExcelJS.Worksheet, definition: FormSheet, scenario: Scenario): void {
  sheet.columns = [{ width: 42 }, { width: 40 }];
  sheet.addRow([...FORM_HEADERS]).font = { bold: true };
  for (const field of definition.fields) {
    sheet.addRow([field.header, cellValue(valueAt(scenario, field.field))]);
  }
}

function writeTable(sheet: ExcelJS.Worksheet, definition: TableSheet, scenario: Scenario): void {
  sheet.columns = definition.columns.map((field) => ({ width: widthOf(field) }));
  sheet.addRow(definition.columns.map((field) => field.header)).font = { bold: true };
  for (const item of itemsOf(scenario, definition)) {
    sheet.addRow(definition.columns.map((field) => cellValue(valueAt(item, field.field))));
  }
}

/**
 * A scenario as the workbook `readScenarioWorkbook` reads: the template a coordinator fills in
 * (from an empty bid) or an existing bid to edit and import again.
 */
export async function scenarioWorkbook(scenario: Scenario): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Cordage';
  for (const definition of SCENARIO_SHEETS) {
    const sheet = workbook.addWorksheet(definition.name, {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    if (definition.layout === 'form') writeForm(sheet, definition, scenario);
    else writeTable(sheet, definition, scenario);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
