import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drift alerts per measure (revenue, hours, insertion hours): the alerts already raised were on
 * revenue and keep their figures (renamed columns, in cents); the unique key takes the measure.
 */
export class DriftMeasures1796610794398 implements MigrationInterface {
  name = 'DriftMeasures1796610794398';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" DROP CONSTRAINT "drift_alerts_member_lot_start_key"`,
    );
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" RENAME COLUMN "planned_cents" TO "planned"`,
    );
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" RENAME COLUMN "realised_cents" TO "realised"`,
    );
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" ADD "measure" character varying(20) NOT NULL DEFAULT 'REVENUE'`,
    );
    await queryRunner.query(`ALTER TABLE "drift_alerts" ALTER COLUMN "measure" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" ADD CONSTRAINT "CHK_a3f4b6b5f0cfa6d8eec9b2fac0" CHECK ("measure" IN ('REVENUE', 'HOURS', 'INSERTION_HOURS'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" ADD CONSTRAINT "drift_alerts_member_lot_measure_start_key" UNIQUE ("member_id", "lot_id", "measure", "start_period")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" DROP CONSTRAINT "drift_alerts_member_lot_measure_start_key"`,
    );
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" DROP CONSTRAINT "CHK_a3f4b6b5f0cfa6d8eec9b2fac0"`,
    );
    await queryRunner.query(`DELETE FROM "drift_alerts" WHERE "measure" <> 'REVENUE'`);
    await queryRunner.query(`ALTER TABLE "drift_alerts" DROP COLUMN "measure"`);
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" RENAME COLUMN "realised" TO "realised_cents"`,
    );
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" RENAME COLUMN "planned" TO "planned_cents"`,
    );
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" ADD CONSTRAINT "drift_alerts_member_lot_start_key" UNIQUE ("member_id", "lot_id", "start_period")`,
    );
  }
}
