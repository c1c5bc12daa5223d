import { MigrationInterface, QueryRunner } from 'typeorm';

export class Corrigenda1796599242572 implements MigrationInterface {
  name = 'Corrigenda1796599242572';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "corrigenda" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bid_id" uuid NOT NULL, "number" integer NOT NULL, "reason" text NOT NULL, "buyer_reference" character varying(100), "published_on" date NOT NULL, "changes" jsonb NOT NULL, "summary" jsonb NOT NULL, "outdated_offers" integer NOT NULL, "outdated_versions" jsonb NOT NULL, "created_by" uuid, "author" character varying(320) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "corrigenda_bid_number_key" UNIQUE ("bid_id", "number"), CONSTRAINT "PK_7665815614bc751ccdbdc977d7c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "allocation_versions" ADD "outdated_by_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "allocation_versions" ADD "outdated_reason" character varying(500)`,
    );
    await queryRunner.query(`ALTER TABLE "lot_cells" ADD "removed_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "offers" ADD "outdated_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "offers" ADD "outdated_reason" character varying(500)`);
    await queryRunner.query(
      `ALTER TABLE "corrigenda" ADD CONSTRAINT "FK_c3e4ebf07a8adac2672c56f135f" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_versions" ADD CONSTRAINT "FK_95ed9aba6571f411f002dbe9103" FOREIGN KEY ("outdated_by_id") REFERENCES "corrigenda"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_cells" ADD CONSTRAINT "FK_5410417cc75a0302094eeacf14d" FOREIGN KEY ("removed_by_id") REFERENCES "corrigenda"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offers" ADD CONSTRAINT "FK_dd50a6f1ed10af9b45099213fb1" FOREIGN KEY ("outdated_by_id") REFERENCES "corrigenda"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "offers" DROP CONSTRAINT "FK_dd50a6f1ed10af9b45099213fb1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_cells" DROP CONSTRAINT "FK_5410417cc75a0302094eeacf14d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_versions" DROP CONSTRAINT "FK_95ed9aba6571f411f002dbe9103"`,
    );
    await queryRunner.query(
      `ALTER TABLE "corrigenda" DROP CONSTRAINT "FK_c3e4ebf07a8adac2672c56f135f"`,
    );
    await queryRunner.query(`ALTER TABLE "offers" DROP COLUMN "outdated_reason"`);
    await queryRunner.query(`ALTER TABLE "offers" DROP COLUMN "outdated_by_id"`);
    await queryRunner.query(`ALTER TABLE "lot_cells" DROP COLUMN "removed_by_id"`);
    await queryRunner.query(`ALTER TABLE "allocation_versions" DROP COLUMN "outdated_reason"`);
    await queryRunner.query(`ALTER TABLE "allocation_versions" DROP COLUMN "outdated_by_id"`);
    await queryRunner.query(`DROP TABLE "corrigenda"`);
  }
}
