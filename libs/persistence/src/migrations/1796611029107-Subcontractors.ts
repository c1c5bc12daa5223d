import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The subcontracting tier as actors: a subcontractor invited in the app names its principal
 * (members.principal_id), declares what it can lend per cell (subcontractor_capacities), and a
 * subcontract carries its duration, amount incl. VAT and reverse charge when entered in the app.
 */
export class Subcontractors1796611029107 implements MigrationInterface {
  name = 'Subcontractors1796611029107';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "subcontractor_capacities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "lot_cell_id" uuid NOT NULL, "hours" numeric NOT NULL, CONSTRAINT "subcontractor_capacities_member_cell_key" UNIQUE ("member_id", "lot_cell_id"), CONSTRAINT "CHK_d40ae5b67b2810d26fd7cb96db" CHECK ("hours" > 0), CONSTRAINT "PK_60c10eced0d7a75f3842d256daa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c57c8b863cfa1cd62b9b318b6b" ON "subcontractor_capacities"  ("lot_cell_id") `,
    );
    await queryRunner.query(`ALTER TABLE "members" ADD "principal_id" uuid`);
    await queryRunner.query(`ALTER TABLE "subcontracts" ADD "duration_months" integer`);
    await queryRunner.query(`ALTER TABLE "subcontracts" ADD "amount_incl_vat_cents" bigint`);
    await queryRunner.query(`ALTER TABLE "subcontracts" ADD "reverse_charge" boolean`);
    await queryRunner.query(
      `ALTER TABLE "members" ADD CONSTRAINT "CHK_ee8d2a2c5a7bdac0451488c094" CHECK ("principal_id" IS NULL OR "role" = 'SOUS_TRAITANT')`,
    );
    await queryRunner.query(
      `ALTER TABLE "subcontracts" ADD CONSTRAINT "CHK_dda572456682b3cc005198e760" CHECK ("amount_incl_vat_cents" >= "max_amount_cents")`,
    );
    await queryRunner.query(
      `ALTER TABLE "subcontracts" ADD CONSTRAINT "CHK_d36ab73451cad8f10721e514a7" CHECK ("duration_months" BETWEEN 1 AND 96)`,
    );
    await queryRunner.query(
      `ALTER TABLE "members" ADD CONSTRAINT "FK_d776f2825c6c5086482c3054ca6" FOREIGN KEY ("principal_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "subcontractor_capacities" ADD CONSTRAINT "FK_55766ae8efdc03c7878fbe43bb3" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "subcontractor_capacities" ADD CONSTRAINT "FK_c57c8b863cfa1cd62b9b318b6b6" FOREIGN KEY ("lot_cell_id") REFERENCES "lot_cells"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "subcontractor_capacities" DROP CONSTRAINT "FK_c57c8b863cfa1cd62b9b318b6b6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "subcontractor_capacities" DROP CONSTRAINT "FK_55766ae8efdc03c7878fbe43bb3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "members" DROP CONSTRAINT "FK_d776f2825c6c5086482c3054ca6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "subcontracts" DROP CONSTRAINT "CHK_d36ab73451cad8f10721e514a7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "subcontracts" DROP CONSTRAINT "CHK_dda572456682b3cc005198e760"`,
    );
    await queryRunner.query(
      `ALTER TABLE "members" DROP CONSTRAINT "CHK_ee8d2a2c5a7bdac0451488c094"`,
    );
    await queryRunner.query(`ALTER TABLE "subcontracts" DROP COLUMN "reverse_charge"`);
    await queryRunner.query(`ALTER TABLE "subcontracts" DROP COLUMN "amount_incl_vat_cents"`);
    await queryRunner.query(`ALTER TABLE "subcontracts" DROP COLUMN "duration_months"`);
    await queryRunner.query(`ALTER TABLE "members" DROP COLUMN "principal_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c57c8b863cfa1cd62b9b318b6b"`);
    await queryRunner.query(`DROP TABLE "subcontractor_capacities"`);
  }
}
