// One measured import, in a process of its own (forked by import.bench.ts) so that its peak RSS
// and its heap are its own, as when `cordage import` runs. Reports its figures over IPC.
import { readFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { databaseEnv, validateEnv } from '@cordage/config';
import { ScenarioImport } from '@cordage/domain';
import {
  AccessRepository,
  AuditLogRepository,
  TerritoryRepository,
  TypeOrmScenarioStore,
  dataSourceOptions,
} from '@cordage/persistence';
import { naiveSave } from './naive-import';

export type ImportPath = 'cordage' | 'baseline';

export interface ImportRequest {
  path: ImportPath;
  file: string;
  databaseUrl: string;
  /** Baseline only: stop after this fraction of the offers if the projection exceeds maxSeconds. */
  probeFraction: number;
  maxSeconds: number;
}

export interface ImportFigures {
  parseSeconds: number;
  checkSeconds: number;
  writeSeconds: number;
  /** The write time with every offer; differs from writeSeconds when extrapolated. */
  projectedWriteSeconds: number;
  extrapolated: boolean;
  offersWritten: number;
  maxRssBytes: number;
}

async function measure(request: ImportRequest): Promise<ImportFigures> {
  const env = validateEnv({ DATABASE_URL: request.databaseUrl }, databaseEnv);
  const dataSource = new DataSource(dataSourceOptions(env));
  await dataSource.initialize();
  try {
    // Wired as PersistenceModule wires it for the cli, the worker and the api.
    const store = new TypeOrmScenarioStore(dataSource, new AuditLogRepository(dataSource));
    const networkId = await new AccessRepository(dataSource).ensureNetwork(
      'Réseau du banc d’essai',
    );
    const scenarioImport = new ScenarioImport(new TerritoryRepository(dataSource), store);
    const seconds = (since: number) => (performance.now() - since) / 1000;

    // ScenarioImport.run is check() then store.save(): called apart here to time each step.
    let started = performance.now();
    const input: unknown = JSON.parse(await readFile(request.file, 'utf8'));
    const parseSeconds = seconds(started);

    started = performance.now();
    const scenario = await scenarioImport.check(input);
    const checkSeconds = seconds(started);

    started = performance.now();
    let write: Pick<
      ImportFigures,
      'writeSeconds' | 'projectedWriteSeconds' | 'extrapolated' | 'offersWritten'
    >;
    if (request.path === 'cordage') {
      await store.save(scenario, {
        networkId,
        actor: { userId: null, label: 'bench', requestId: null },
      });
      const writeSeconds = seconds(started);
      write = {
        writeSeconds,
        projectedWriteSeconds: writeSeconds,
        extrapolated: false,
        offersWritten: scenario.offers.length,
      };
    } else {
      const naive = await naiveSave(dataSource, scenario, request);
      write = {
        writeSeconds: naive.seconds,
        projectedWriteSeconds: naive.projectedSeconds,
        extrapolated: naive.extrapolated,
        offersWritten: naive.offersWritten,
      };
    }
    // maxRSS is in kibibytes.
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    return { parseSeconds, checkSeconds, ...write, maxRssBytes };
  } finally {
    await dataSource.destroy();
  }
}

process.once('message', (request: ImportRequest) => {
  measure(request).then(
    (figures) => process.send?.(figures, () => process.disconnect()),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
      process.disconnect();
    },
  );
});
