import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadDotEnv, validateSlices } from '@cordage/config';
import { CLI_CONFIG, CliModule } from './cli.module';

/** Runs `work` with the database wired, then closes every connection so the process can exit. */
export async function withCliContext<T>(
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  loadDotEnv();
  validateSlices(process.env, CLI_CONFIG); // fail fast, with the message only
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
