import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { InvalidConfigError, loadDotEnv, validateSlices } from '@cordage/config';
import { JobReconciler, OutboxRelay } from '@cordage/application';
import { WORKER_CONFIG } from './worker-env';

async function main(): Promise<void> {
  loadDotEnv();
  validateSlices(process.env, WORKER_CONFIG);
  // Imported only now: processor options are read from the environment when classes load.
  const { WorkerModule } = await import('./worker.module');
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.get(OutboxRelay).start();
  app.get(JobReconciler).start();
  app.get(Logger).log('worker ready');
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
