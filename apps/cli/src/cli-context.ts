import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadDotEnv, validateEnv } from '@cordage/config';
import { CLI_ENV, CliModule } from './cli.module';

/** Runs `work` with the database wired, then closes every connection so the process can exit. */
export async function withCliContext<T>(
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  loadDotEnv();
  validateEnv(process.env, ...CLI_ENV); // fail fast, with the message only
  const app = await NestFactory.createApplicationContext(CliModule, {
    logger: ['error', 'warn'],
    abortOnError: false, // errors reach the command's handler
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
