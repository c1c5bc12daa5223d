import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Drift alerts: one row per drift of a member on a lot, so that its alert goes out once. */
export class DriftAlerts1796527745756 implements MigrationInterface {
  name = 'DriftAlerts1796527745756';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "drift_alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bid_id" uuid NOT NULL, "member_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "start_period" integer NOT NULL, "alert_period" integer NOT NULL, "planned_cents" bigint NOT NULL, "realised_cents" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "drift_alerts_member_lot_start_key" UNIQUE ("member_id", "lot_id", "start_period"), CONSTRAINT "PK_1ff6186cb577fa205dd8626e195" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" ADD CONSTRAINT "FK_3882749a443ed2a052c1dc43514" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" ADD CONSTRAINT "FK_62f8b646add91761634c877a822" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" ADD CONSTRAINT "FK_29f1ca4833cb9e797c2ecc38bd1" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" DROP CONSTRAINT "FK_29f1ca4833cb9e797c2ecc38bd1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" DROP CONSTRAINT "FK_62f8b646add91761634c877a822"`,
    );
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" DROP CONSTRAINT "FK_3882749a443ed2a052c1dc43514"`,
    );
    await queryRunner.query(`DROP TABLE "drift_alerts"`);
  }
}
