import { NestFactory } from '@nestjs/core';
import {
  APP_CONFIG,
  type HttpEnv,
  InvalidConfigError,
  loadDotEnv,
  validateEnv,
} from '@cordage/config';
import { API_ENV, AppModule } from './app.module';
import { configureApp } from './bootstrap';

async function main(): Promise<void> {
  loadDotEnv();
  validateEnv(process.env, ...API_ENV); // fail fast, with the message only
  const app = configureApp(
    await NestFactory.create(AppModule, {
      bodyParser: false,
      bufferLogs: true,
      abortOnError: false,
    }),
  );
  const config = app.get<HttpEnv>(APP_CONFIG);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
