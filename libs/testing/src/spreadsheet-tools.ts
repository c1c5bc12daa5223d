import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';

/** LibreOffice's codes in a CSV filter's options (its wiki, "Filter Options for the CSV Filter"). */
const CSV_SEPARATORS = { ';': 59, ',': 44 } as const;
const UTF8_CHARSET = 76;
export const LIBREOFFICE_LANGUAGES = { 'fr-FR': 1036, 'en-US': 1033 } as const;

/**
 * Opens a CSV file in LibreOffice Calc (headless) as a person would with these settings, and
 * returns what Calc made of each cell, saved as XLSX and read back: numbers stay numbers only if
 * Calc read them as such, and dates come back as dates. Each call has its own LibreOffice profile,
 * so runs beside this one (other tests, other checkouts) do not share an instance.
 */
export function openCsvInLibreOffice(
  csv: string | Buffer,
  settings: { separator: ';' | ','; language: keyof typeof LIBREOFFICE_LANGUAGES },
): Promise<ExcelJS.Workbook> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cordage-calc-'));
  try {
    const input = path.join(dir, 'export.csv');
    writeFileSync(input, csv);
    // Separator, text quote ("), charset, first line, column types (standard), language.
    const filter = [
      CSV_SEPARATORS[settings.separator],
      34,
      UTF8_CHARSET,
      1,
      '',
      LIBREOFFICE_LANGUAGES[settings.language],
    ].join(',');
    const run = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
        '--headless',
        '--norestore',
        `--infilter=CSV:${filter}`,
        '--convert-to',
        'xlsx',
        '--outdir',
        dir,
        input,
      ],
      { encoding: 'utf8', timeout: 110_000 },
    );
    if (run.error) {
      throw new Error(
        `LibreOffice (soffice) could not run: ${run.error.message}; scripts/test.sh installs it (ensure_spreadsheet_tools)`,
      );
    }
    const output = path.join(dir, 'export.xlsx');
    let bytes: Buffer;
    try {
      bytes = readFileSync(output);
    } catch {
      throw new Error(`soffice wrote no XLSX (exit ${run.status}): ${run.stdout}${run.stderr}`);
    }
    const workbook = new ExcelJS.Workbook();
    return workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
