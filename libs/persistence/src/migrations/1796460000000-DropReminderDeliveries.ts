import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reminders are queued once by their mail's dedupe key (outgoing_mails): this record is no use. */
export class DropReminderDeliveries1796460000000 implements MigrationInterface {
  name = 'DropReminderDeliveries1796460000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "reminder_deliveries"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reminder_deliveries" ("job_id" character varying(200) NOT NULL, "recipient" character varying(320) NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7959309ea07389c6c0f0a28bcae" PRIMARY KEY ("job_id", "recipient"))`,
    );
  }
}
