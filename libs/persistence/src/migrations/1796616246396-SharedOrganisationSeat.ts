import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: a network's directory no longer writes its staff, first territory and first
 * representative into the shared organisation row (every network's bids read it); they stay in
 * its own `network_organisations` row, which already holds them. The shared seat may now be
 * unknown. An organisation a directory created (its row and that network's entry written by the
 * same transaction, hence the same `created_at`, and audited as added by that network's
 * directory) loses the copy it was given: those values are still in that network's own row.
 */
export class SharedOrganisationSeat1796616246396 implements MigrationInterface {
  name = 'SharedOrganisationSeat1796616246396';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "organisations" DROP CONSTRAINT "FK_54382b25a4f152fdcedc7d94ce8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" ALTER COLUMN "home_territory_id" DROP NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD CONSTRAINT "FK_54382b25a4f152fdcedc7d94ce8" FOREIGN KEY ("home_territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `UPDATE "organisations" o
          SET "employees" = 0, "home_territory_id" = NULL, "representative_name" = '',
              "representative_title" = '', "representative_email" = ''
        WHERE EXISTS (
          SELECT 1 FROM "network_organisations" entry
           WHERE entry."organisation_id" = o."id" AND entry."created_at" = o."created_at"
             AND EXISTS (
               SELECT 1 FROM "audit_events" a
                WHERE a."action" = 'directory.organisation_added' AND a."entity_id" = o."id"::text
                  AND a."after"->>'networkId' = entry."network_id"::text))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The copies removed are not restored: they were another network's data.
    await queryRunner.query(
      `ALTER TABLE "organisations" DROP CONSTRAINT "FK_54382b25a4f152fdcedc7d94ce8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" ALTER COLUMN "home_territory_id" SET NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD CONSTRAINT "FK_54382b25a4f152fdcedc7d94ce8" FOREIGN KEY ("home_territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }
}
