import type { INestApplicationContext } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { DomainError, DomainErrorCode, type ImportedBid, ScenarioImport } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';

/** The network an operator's import goes to when none is named. */
export const DEFAULT_NETWORK = 'Réseau principal';

/** Reads a scenario file and imports it in this process, in one transaction. */
export async function importScenarioFile(
  app: INestApplicationContext,
  file: string,
  options: { network?: string; onProgress?: (percent: number, step: string) => void } = {},
): Promise<ImportedBid> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason =
      error instanceof SyntaxError ? `JSON invalide : ${error.message}` : String(error);
    throw new DomainError(DomainErrorCode.INVALID_SCENARIO, `${file} : ${reason}`);
  }
  const networkId = await app
    .get(AccessRepository)
    .ensureNetwork(options.network ?? DEFAULT_NETWORK);
  return app.get(ScenarioImport).run(input, {
    networkId,
    actor: { userId: null, label: 'cli', requestId: null },
    onProgress: options.onProgress,
  });
}
