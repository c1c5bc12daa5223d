import type { MigrationInterface, QueryRunner } from 'typeorm';

const SEARCH_NAME = `translate(lower(name), 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ-''’', 'aaaaaaceeeeiiiinooooouuuuyy   ')`;

/** The territories' names as people type them, for the web app's search. */
export class TerritorySearchName1795700228706 implements MigrationInterface {
  name = 'TerritorySearchName1795700228706';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "territories" ADD "search_name" character varying(300) GENERATED ALWAYS AS (${SEARCH_NAME}) STORED NOT NULL`,
    );
    // TypeORM compares generated columns with what it recorded here (migration:check).
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" varchar NOT NULL,
      "database" varchar, "schema" varchar, "table" varchar, "name" varchar, "value" text)`);
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value")
       VALUES (current_database(), current_schema(), 'territories', 'GENERATED_COLUMN', 'search_name', $1)`,
      [SEARCH_NAME],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'territories' AND "name" = 'search_name'`,
    );
    await queryRunner.query(`ALTER TABLE "territories" DROP COLUMN "search_name"`);
  }
}
