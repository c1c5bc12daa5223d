import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What lets the worker redo from Postgres what Redis forgot, and run it once. */
export class RecoverableJobs1796402744590 implements MigrationInterface {
  name = 'RecoverableJobs1796402744590';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "deadline_job_runs" ("job_id" character varying(200) NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2ffd401bd2f4d0d77122afff581" PRIMARY KEY ("job_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "allocation_runs" ADD "input_hash" character varying(64)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "allocation_runs_pending_input_key" ON "allocation_runs"  ("bid_id", "input_hash") WHERE "status" = 'PENDING'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."allocation_runs_pending_input_key"`);
    await queryRunner.query(`ALTER TABLE "allocation_runs" DROP COLUMN "input_hash"`);
    await queryRunner.query(`DROP TABLE "deadline_job_runs"`);
  }
}
