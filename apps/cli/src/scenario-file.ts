import { readFile } from 'node:fs/promises';
import { DomainError, DomainErrorCode, isDomainError } from '@cordage/domain';

export interface ScenarioFile {
  /** The cordage.scenario/1 object, not validated yet. */
  input: unknown;
  /** Runs `work`; a refusal of the scenario names sheets, rows and columns for a workbook. */
  orLocated<T>(work: () => Promise<T>): Promise<T>;
}

/** A scenario file as the commands take it: JSON, or an XLSX workbook with the same columns. */
export async function readScenarioFile(file: string): Promise<ScenarioFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new DomainError(DomainErrorCode.INVALID_SCENARIO, `${file} : ${String(error)}`);
  }
  if (file.toLowerCase().endsWith('.xlsx')) {
    // Loaded for a workbook only: the documents lib (PDF, signing, XLSX) takes seconds to load.
    const { locateProblems, readScenarioWorkbook } = await import('@cordage/documents');
    const workbook = await readScenarioWorkbook(bytes);
    return {
      input: workbook.input,
      orLocated: async (work) => {
        try {
          return await work();
        } catch (error) {
          throw isDomainError(error) ? locateProblems(error, workbook) : error;
        }
      },
    };
  }
  let input: unknown;
  try {
    input = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    const reason =
      error instanceof SyntaxError ? `JSON invalide : ${error.message}` : String(error);
    throw new DomainError(DomainErrorCode.INVALID_SCENARIO, `${file} : ${reason}`);
  }
  return { input, orLocated: (work) => work() };
}
