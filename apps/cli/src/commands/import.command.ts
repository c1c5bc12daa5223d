import type { INestApplicationContext } from '@nestjs/common';
import { ScenarioImporter } from '@cordage/application';
import { type ImportedBid } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import { readScenarioFile } from '../scenario-file';

/** The network an operator's import goes to when none is named. */
export const DEFAULT_NETWORK = 'Réseau principal';

/** Reads a scenario file (JSON or XLSX) and imports it in this process, in one transaction. */
export async function importScenarioFile(
  app: INestApplicationContext,
  file: string,
  options: {
    network?: string;
    onProgress?: (percent: number, step: string) => void;
    /** Changes the file's scenario before it is imported (the demo keeps its deadline ahead). */
    adjust?: (scenario: unknown) => unknown;
  } = {},
): Promise<ImportedBid> {
  const scenarioFile = await readScenarioFile(file);
  const input = options.adjust ? options.adjust(scenarioFile.input) : scenarioFile.input;
  const networkId = await app
    .get(AccessRepository)
    .ensureNetwork(options.network ?? DEFAULT_NETWORK);
  return scenarioFile.orLocated(() =>
    app.get(ScenarioImporter).import(input, {
      networkId,
      actor: { userId: null, label: 'cli', requestId: null },
      onProgress: options.onProgress,
    }),
  );
}
