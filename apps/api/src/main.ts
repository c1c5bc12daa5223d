import { NestFactory } from '@nestjs/core';
import {
  type ConfigOf,
  InvalidConfigError,
  httpConfig,
  loadDotEnv,
  validateSlices,
} from '@cordage/config';
import { API_CONFIG, AppModule } from './app.module';
import { configureApp } from './bootstrap';

async function main(): Promise<void> {
  loadDotEnv();
  validateSlices(process.env, API_CONFIG); // fail fast, with the message only
  const app = configureApp(
    await NestFactory.create(AppModule, {
      bodyParser: false,
      bufferLogs: true,
      abortOnError: false,
    }),
  );
  const config = app.get<ConfigOf<typeof httpConfig>>(httpConfig.token);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
