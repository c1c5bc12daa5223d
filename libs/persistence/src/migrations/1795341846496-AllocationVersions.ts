import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AllocationVersions1795341846496 implements MigrationInterface {
  name = 'AllocationVersions1795341846496';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "allocation_runs" ("id" uuid NOT NULL, "bid_id" uuid NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'PENDING', "requested_by" uuid, "request_id" character varying(100), "version_id" uuid, "failure" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_88bcc62f3b26a656a276c8ce25" CHECK ("status" IN ('PENDING', 'DONE', 'UNCHANGED', 'FAILED')), CONSTRAINT "PK_e33e146d4eb0d0629fe71ea2b44" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3ada10e2bc6035f9c433d9e80d" ON "allocation_runs"  ("bid_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "allocation_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bid_id" uuid NOT NULL, "number" integer NOT NULL, "kind" character varying(10) NOT NULL, "input_hash" character varying(64) NOT NULL, "based_on" uuid, "result" jsonb NOT NULL, "override" jsonb, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "allocation_versions_bid_number_key" UNIQUE ("bid_id", "number"), CONSTRAINT "CHK_fe9af669ac292052699367c8d4" CHECK ("kind" IN ('RUN', 'OVERRIDE')), CONSTRAINT "PK_53c8875f419084785cce67a92b0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_runs" ADD CONSTRAINT "FK_3ada10e2bc6035f9c433d9e80d1" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_versions" ADD CONSTRAINT "FK_036f9ce8216714a2a7432fffc8e" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "allocation_versions" DROP CONSTRAINT "FK_036f9ce8216714a2a7432fffc8e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_runs" DROP CONSTRAINT "FK_3ada10e2bc6035f9c433d9e80d1"`,
    );
    await queryRunner.query(`DROP TABLE "allocation_versions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3ada10e2bc6035f9c433d9e80d"`);
    await queryRunner.query(`DROP TABLE "allocation_runs"`);
  }
}
