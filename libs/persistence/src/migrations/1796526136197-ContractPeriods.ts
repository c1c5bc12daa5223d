import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each won lot's contract (start, duration, period) and the planned split spread over its periods. */
export class ContractPeriods1796526136197 implements MigrationInterface {
  name = 'ContractPeriods1796526136197';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "planned_periods" ("bid_id" uuid NOT NULL, "member_id" uuid NOT NULL, "lot_cell_id" uuid NOT NULL, "period_number" integer NOT NULL, "lot_id" uuid NOT NULL, "hundredths" bigint NOT NULL, "amount_cents" bigint NOT NULL, "insertion_hours" integer NOT NULL, CONSTRAINT "CHK_bac0577c593920a9791ea64e5b" CHECK ("hundredths" >= 0 AND "amount_cents" >= 0 AND "insertion_hours" >= 0), CONSTRAINT "CHK_c3c477f6a6d47ad1e839776ad5" CHECK ("period_number" >= 1), CONSTRAINT "PK_ef32cffcea1b218e3a0b8196cc8" PRIMARY KEY ("bid_id", "member_id", "lot_cell_id", "period_number"))`,
    );
    await queryRunner.query(`ALTER TABLE "lot_awards" ADD "start_on" date`);
    await queryRunner.query(`ALTER TABLE "lot_awards" ADD "duration_months" integer`);
    await queryRunner.query(`ALTER TABLE "lot_awards" ADD "period_months" integer`);
    await queryRunner.query(
      `ALTER TABLE "lot_awards" ADD CONSTRAINT "CHK_ed916887085cc57926b4aeb1f7" CHECK ("duration_months" BETWEEN 1 AND 120 AND "period_months" BETWEEN 1 AND "duration_months")`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_awards" ADD CONSTRAINT "CHK_fc0d0a2c24d70bd75d27e1c829" CHECK (("start_on" IS NULL) = ("duration_months" IS NULL) AND ("start_on" IS NULL) = ("period_months" IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_awards" ADD CONSTRAINT "CHK_7384ac0ff147be83b1ca4becaf" CHECK ("outcome" = 'WON' OR "start_on" IS NULL)`,
    );
    await queryRunner.query(
      `ALTER TABLE "planned_periods" ADD CONSTRAINT "FK_5a751507d45465616d6e23ad18c" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "planned_periods" ADD CONSTRAINT "FK_0e47c24b9e5a10d91746009aadc" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "planned_periods" ADD CONSTRAINT "FK_d5749f2a3d0782b7046868e29af" FOREIGN KEY ("lot_cell_id") REFERENCES "lot_cells"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "planned_periods" ADD CONSTRAINT "FK_7ee3c3d7b6f5983f90a91bf6cb4" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "planned_periods" DROP CONSTRAINT "FK_7ee3c3d7b6f5983f90a91bf6cb4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "planned_periods" DROP CONSTRAINT "FK_d5749f2a3d0782b7046868e29af"`,
    );
    await queryRunner.query(
      `ALTER TABLE "planned_periods" DROP CONSTRAINT "FK_0e47c24b9e5a10d91746009aadc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "planned_periods" DROP CONSTRAINT "FK_5a751507d45465616d6e23ad18c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_awards" DROP CONSTRAINT "CHK_7384ac0ff147be83b1ca4becaf"`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_awards" DROP CONSTRAINT "CHK_fc0d0a2c24d70bd75d27e1c829"`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_awards" DROP CONSTRAINT "CHK_ed916887085cc57926b4aeb1f7"`,
    );
    await queryRunner.query(`ALTER TABLE "lot_awards" DROP COLUMN "period_months"`);
    await queryRunner.query(`ALTER TABLE "lot_awards" DROP COLUMN "duration_months"`);
    await queryRunner.query(`ALTER TABLE "lot_awards" DROP COLUMN "start_on"`);
    await queryRunner.query(`DROP TABLE "planned_periods"`);
  }
}
