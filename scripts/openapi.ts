// Writes the api's OpenAPI document (the source of the web app's typed client) to the path given.
// Nest's preview mode builds the route metadata without connecting to Postgres or Redis.
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { AppModule } from '@cordage/api/app.module';
import { openApiDocument } from '@cordage/api/bootstrap';

async function main(out: string | undefined): Promise<void> {
  if (!out) throw new Error('usage: openapi.ts OUT.json');
  const app = await NestFactory.create(AppModule, { preview: true, logger: false });
  app.setGlobalPrefix('api');
  writeFileSync(out, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
  await app.close();
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
