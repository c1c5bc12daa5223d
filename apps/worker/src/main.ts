import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import {
  InvalidConfigError,
  databaseEnv,
  loadDotEnv,
  logEnv,
  redisEnv,
  validateEnv,
  workerEnv,
} from '@cordage/config';
import { OutboxRelay } from '@cordage/queue';

async function main(): Promise<void> {
  loadDotEnv();
  validateEnv(process.env, databaseEnv, redisEnv, workerEnv, logEnv);
  // Imported only now: processor options are read from the environment when classes load.
  const { WorkerModule } = await import('./worker.module');
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.get(OutboxRelay).start();
  app.get(Logger).log('worker ready');
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
