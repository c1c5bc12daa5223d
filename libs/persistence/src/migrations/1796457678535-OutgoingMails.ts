import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Mails leave through the outbox: each one a row until the worker has sent it. */
export class OutgoingMails1796457678535 implements MigrationInterface {
  name = 'OutgoingMails1796457678535';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outgoing_mails" ("id" uuid NOT NULL, "recipient" character varying(320) NOT NULL, "subject" character varying(300) NOT NULL, "body" text, "dedupe_key" character varying(600), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_131b18b6ed3f835036a6db24d81" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "outgoing_mails_dedupe_key" ON "outgoing_mails"  ("dedupe_key") WHERE "dedupe_key" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."outgoing_mails_dedupe_key"`);
    await queryRunner.query(`DROP TABLE "outgoing_mails"`);
  }
}
