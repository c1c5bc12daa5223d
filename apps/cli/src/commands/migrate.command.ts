import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TerritoriesService } from '@cordage/application';

/** Applies pending migrations; returns their names. */
export async function migrate(app: INestApplicationContext): Promise<string[]> {
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}

/** Loads the official French geography (idempotent). */
export async function seedTerritories(app: INestApplicationContext) {
  return app.get(TerritoriesService).seedOfficial();
}
