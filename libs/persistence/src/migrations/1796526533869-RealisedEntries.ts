import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Realised figures: entries never updated, a correction being a new entry with its reason. */
export class RealisedEntries1796526533869 implements MigrationInterface {
  name = 'RealisedEntries1796526533869';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "realised_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bid_id" uuid NOT NULL, "member_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "lot_cell_id" uuid NOT NULL, "period_number" integer NOT NULL, "hours" numeric(12,2) NOT NULL, "revenue_cents" bigint NOT NULL, "insertion_hours" numeric(12,2) NOT NULL, "insertion_people" integer NOT NULL, "author_id" uuid, "author_label" character varying(320) NOT NULL, "on_behalf" boolean NOT NULL, "reason" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "CHK_ccd337ba5d9b71d05b6b8c5d7a" CHECK ("hours" >= 0 AND "revenue_cents" >= 0 AND "insertion_hours" >= 0 AND "insertion_people" >= 0), CONSTRAINT "CHK_6378979916efb162471454023e" CHECK ("period_number" >= 1), CONSTRAINT "PK_82c0b32ddaa52e0bf129436d293" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "realised_entries_latest_idx" ON "realised_entries"  ("bid_id", "member_id", "lot_cell_id", "period_number", "recorded_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" ADD CONSTRAINT "FK_e3c4142ae9563886ad9f49e5aad" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" ADD CONSTRAINT "FK_33b32fb70703773c99aaac8c5f1" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" ADD CONSTRAINT "FK_93e761cc952688a509fd2ad225c" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" ADD CONSTRAINT "FK_8ddb26993b28783a4f7f6e474aa" FOREIGN KEY ("lot_cell_id") REFERENCES "lot_cells"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "realised_entries" DROP CONSTRAINT "FK_8ddb26993b28783a4f7f6e474aa"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" DROP CONSTRAINT "FK_93e761cc952688a509fd2ad225c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" DROP CONSTRAINT "FK_33b32fb70703773c99aaac8c5f1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" DROP CONSTRAINT "FK_e3c4142ae9563886ad9f49e5aad"`,
    );
    await queryRunner.query(`DROP INDEX "public"."realised_entries_latest_idx"`);
    await queryRunner.query(`DROP TABLE "realised_entries"`);
  }
}
