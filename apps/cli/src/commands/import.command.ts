import type { INestApplicationContext } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { DomainError, DomainErrorCode, type ImportedBid, ScenarioImport } from '@cordage/domain';

/** Reads a scenario file and imports it in this process, in one transaction. */
export async function importScenarioFile(
  app: INestApplicationContext,
  file: string,
  onProgress?: (percent: number, step: string) => void,
): Promise<ImportedBid> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason =
      error instanceof SyntaxError ? `JSON invalide : ${error.message}` : String(error);
    throw new DomainError(DomainErrorCode.INVALID_SCENARIO, `${file} : ${reason}`);
  }
  return app.get(ScenarioImport).run(input, { onProgress });
}
