// One measured import, in a process of its own (forked by import.bench.ts) so that its peak RSS
// and its heap are its own, as when `cordage import` runs. Reports its figures over IPC.
import { readFile } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfigModule, databaseConfig } from '@cordage/config';
import { ScenarioImport } from '@cordage/domain';
import {
  AccessRepository,
  PersistenceModule,
  TransactionHost,
  TypeOrmScenarioStore,
} from '@cordage/persistence';
import { naiveSave } from './naive-import';
import { answerParentOnce } from '../measured-child';

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
  process.env.DATABASE_URL = request.databaseUrl;
  // Wired by PersistenceModule as for the cli, the worker and the api.
  const context = await NestFactory.createApplicationContext(
    {
      module: class BenchModule {},
      imports: [AppConfigModule.forRoot(databaseConfig), PersistenceModule],
    },
    { logger: false },
  );
  const dataSource = context.get<DataSource>(getDataSourceToken());
  try {
    const store = context.get(TypeOrmScenarioStore);
    const networkId = await context.get(AccessRepository).ensureNetwork('Réseau du banc d’essai');
    const scenarioImport = context.get(ScenarioImport);
    const seconds = (since: number) => (performance.now() - since) / 1000;

    // An import is check() then store.save() in one transaction: called apart to time each.
    let started = performance.now();
    const input: unknown = JSON.parse(await readFile(request.file, 'utf8'));
    const parseSeconds = seconds(started);

    started = performance.now();
    const scenario = await scenarioImport.check(input, networkId);
    const checkSeconds = seconds(started);

    started = performance.now();
    let write: Pick<
      ImportFigures,
      'writeSeconds' | 'projectedWriteSeconds' | 'extrapolated' | 'offersWritten'
    >;
    if (request.path === 'cordage') {
      await context.get(TransactionHost).withTransaction(() => store.save(scenario, { networkId }));
      const writeSeconds = seconds(started);
      write = {
        writeSeconds,
        projectedWriteSeconds: writeSeconds,
        extrapolated: false,
        offersWritten: scenario.offers.length,
      };
    } else {
      const naive = await naiveSave(dataSource, scenario, { ...request, networkId });
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
    await context.close();
  }
}

answerParentOnce(measure);
