import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One table for requested work: allocation runs, scenario imports, document and signing requests
 * move into `job_requests` with their ids (the outbox messages, the jobs in Redis and the links
 * from documents and signatures stay valid), then the four tables go. PENDING becomes QUEUED (a
 * worker marks it RUNNING again when it takes the job); an allocation UNCHANGED is DONE with
 * `unchanged` in its result.
 */
export class JobRequests1796457439876 implements MigrationInterface {
  name = 'JobRequests1796457439876';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "documents" DROP CONSTRAINT "FK_640ed9849e6eb66177436f91f50"`,
    );
    await queryRunner.query(
      `ALTER TABLE "signatures" DROP CONSTRAINT "FK_b67c77e4595b9a4bf81635f6279"`,
    );
    await queryRunner.query(
      `CREATE TABLE "job_requests" ("id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'QUEUED', "network_id" uuid NOT NULL, "bid_id" uuid, "input_hash" character varying(64), "parameters" jsonb NOT NULL, "result" jsonb, "failure" jsonb, "requested_by" uuid, "request_id" character varying(100), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_14ae82336304094a9cc8a073e5" CHECK ("status" IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')), CONSTRAINT "CHK_fa98a0c8e51823f76283bb3607" CHECK ("kind" IN ('ALLOCATION_RUN', 'SCENARIO_IMPORT', 'DOCUMENTS', 'SIGNING')), CONSTRAINT "PK_32ec22ee81def140c506ef8440d" PRIMARY KEY ("id"))`,
    );
    await this.moveRowsIn(queryRunner);
    await queryRunner.query(
      `CREATE INDEX "IDX_962f7ea04aa5d41b859b4230cf" ON "job_requests"  ("bid_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "job_requests_waiting_input_key" ON "job_requests"  ("kind", "bid_id", "input_hash") WHERE "status" IN ('QUEUED', 'RUNNING')`,
    );
    await queryRunner.query(
      `ALTER TABLE "job_requests" ADD CONSTRAINT "FK_10aef046d0f7cce6cd1d375a9df" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "job_requests" ADD CONSTRAINT "FK_962f7ea04aa5d41b859b4230cfc" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "FK_640ed9849e6eb66177436f91f50" FOREIGN KEY ("request_id") REFERENCES "job_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signatures" ADD CONSTRAINT "FK_b67c77e4595b9a4bf81635f6279" FOREIGN KEY ("signing_request_id") REFERENCES "job_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    for (const table of [
      'signing_requests',
      'document_requests',
      'allocation_runs',
      'scenario_imports',
    ]) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "signatures" DROP CONSTRAINT "FK_b67c77e4595b9a4bf81635f6279"`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" DROP CONSTRAINT "FK_640ed9849e6eb66177436f91f50"`,
    );
    await queryRunner.query(
      `CREATE TABLE "scenario_imports" ("id" uuid NOT NULL, "status" character varying(8) NOT NULL DEFAULT 'PENDING', "source" text, "source_bytes" integer NOT NULL, "bid_id" uuid, "result" jsonb, "failure" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "network_id" uuid NOT NULL, "requested_by" uuid, "request_id" character varying(100), CONSTRAINT "CHK_d642c1b0bddd0557d430b4d5cc" CHECK ("status" IN ('PENDING', 'DONE', 'FAILED')), CONSTRAINT "PK_17f9edaa7d1a37a9358f6cbd55f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "allocation_runs" ("id" uuid NOT NULL, "bid_id" uuid NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'PENDING', "requested_by" uuid, "request_id" character varying(100), "version_id" uuid, "failure" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "input_hash" character varying(64), CONSTRAINT "CHK_88bcc62f3b26a656a276c8ce25" CHECK ("status" IN ('PENDING', 'DONE', 'UNCHANGED', 'FAILED')), CONSTRAINT "PK_e33e146d4eb0d0629fe71ea2b44" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "document_requests" ("id" uuid NOT NULL, "bid_id" uuid NOT NULL, "allocation_version_id" uuid NOT NULL, "document_set" character varying(16) NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'PENDING', "requested_by" uuid, "request_id" character varying(100), "failure" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "change_request_id" uuid, CONSTRAINT "CHK_1dd2df552432c88e0df80bdfc7" CHECK ("status" IN ('PENDING', 'DONE', 'FAILED')), CONSTRAINT "CHK_a1bafca4159e7b465b9091d0c0" CHECK ("document_set" IN ('CONVENTION', 'EXPORTS', 'AMENDMENT')), CONSTRAINT "PK_43076ee267e48f196b68ce008e6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "signing_requests" ("id" uuid NOT NULL, "document_id" uuid NOT NULL, "member_id" uuid NOT NULL, "user_id" uuid NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'PENDING', "ip" character varying(64), "request_id" character varying(100), "failure" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_8eea00ccc3ed4a54bd1b49c2d8" CHECK ("status" IN ('PENDING', 'DONE', 'FAILED')), CONSTRAINT "PK_9bb00f7da7f2cb267cf8eeebc3c" PRIMARY KEY ("id"))`,
    );
    await this.moveRowsOut(queryRunner);
    await queryRunner.query(`DROP TABLE "job_requests"`);
    for (const statement of [
      `CREATE INDEX "IDX_3a0136dc8a2edf36086073087b" ON "document_requests" ("bid_id")`,
      `CREATE INDEX "IDX_3ada10e2bc6035f9c433d9e80d" ON "allocation_runs" ("bid_id")`,
      `CREATE INDEX "IDX_e15539f000151e15fbbdfec4f4" ON "signing_requests" ("document_id")`,
      `CREATE UNIQUE INDEX "allocation_runs_pending_input_key" ON "allocation_runs" ("bid_id", "input_hash") WHERE "status" = 'PENDING'`,
      `ALTER TABLE "signing_requests" ADD CONSTRAINT "FK_06f07061bf23b56ac14b5dcf4af" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "document_requests" ADD CONSTRAINT "FK_3a0136dc8a2edf36086073087be" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "allocation_runs" ADD CONSTRAINT "FK_3ada10e2bc6035f9c433d9e80d1" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "signing_requests" ADD CONSTRAINT "FK_e15539f000151e15fbbdfec4f4e" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "scenario_imports" ADD CONSTRAINT "FK_ee4aa134d6d42be50acddb84b2a" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "document_requests" ADD CONSTRAINT "FK_ef440bb2231e69fd6c6410c0913" FOREIGN KEY ("allocation_version_id") REFERENCES "allocation_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "signatures" ADD CONSTRAINT "FK_b67c77e4595b9a4bf81635f6279" FOREIGN KEY ("signing_request_id") REFERENCES "signing_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "documents" ADD CONSTRAINT "FK_640ed9849e6eb66177436f91f50" FOREIGN KEY ("request_id") REFERENCES "document_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    ]) {
      await queryRunner.query(statement);
    }
  }

  private async moveRowsIn(queryRunner: QueryRunner): Promise<void> {
    const columns = `"id", "kind", "status", "network_id", "bid_id", "input_hash", "parameters", "result",
      "failure", "requested_by", "request_id", "created_at", "finished_at"`;
    const status = `CASE r.status WHEN 'PENDING' THEN 'QUEUED' WHEN 'UNCHANGED' THEN 'DONE' ELSE r.status END`;
    await queryRunner.query(
      `INSERT INTO "job_requests" (${columns})
       SELECT r.id, 'SCENARIO_IMPORT', ${status}, r.network_id, r.bid_id, NULL,
         jsonb_strip_nulls(jsonb_build_object('source', r.source, 'sourceBytes', r.source_bytes)),
         r.result, r.failure, r.requested_by, r.request_id, r.created_at, r.finished_at
       FROM "scenario_imports" r`,
    );
    await queryRunner.query(
      `INSERT INTO "job_requests" (${columns})
       SELECT r.id, 'ALLOCATION_RUN', ${status}, b.network_id, r.bid_id, r.input_hash, '{}'::jsonb,
         CASE WHEN r.version_id IS NOT NULL THEN jsonb_build_object(
           'versionId', r.version_id, 'unchanged', r.status = 'UNCHANGED') END,
         r.failure, r.requested_by, r.request_id, r.created_at, r.finished_at
       FROM "allocation_runs" r JOIN "bids" b ON b.id = r.bid_id`,
    );
    await queryRunner.query(
      `INSERT INTO "job_requests" (${columns})
       SELECT r.id, 'DOCUMENTS', ${status}, b.network_id, r.bid_id, NULL,
         jsonb_build_object('allocationVersionId', r.allocation_version_id,
           'documentSet', r.document_set, 'changeRequestId', r.change_request_id),
         NULL, r.failure, r.requested_by, r.request_id, r.created_at, r.finished_at
       FROM "document_requests" r JOIN "bids" b ON b.id = r.bid_id`,
    );
    // A signing failure had no problems: every failure now lists them (none here).
    await queryRunner.query(
      `INSERT INTO "job_requests" (${columns})
       SELECT r.id, 'SIGNING', ${status}, b.network_id, d.bid_id, NULL,
         jsonb_build_object('documentId', r.document_id, 'memberId', r.member_id, 'ip', r.ip),
         NULL, jsonb_build_object('problems', '[]'::jsonb) || r.failure, r.user_id, r.request_id,
         r.created_at, r.finished_at
       FROM "signing_requests" r JOIN "documents" d ON d.id = r.document_id
       JOIN "bids" b ON b.id = d.bid_id`,
    );
  }

  private async moveRowsOut(queryRunner: QueryRunner): Promise<void> {
    const status = `CASE r.status WHEN 'QUEUED' THEN 'PENDING' WHEN 'RUNNING' THEN 'PENDING' ELSE r.status END`;
    await queryRunner.query(
      `INSERT INTO "scenario_imports" ("id", "status", "source", "source_bytes", "bid_id", "result",
         "failure", "created_at", "finished_at", "network_id", "requested_by", "request_id")
       SELECT r.id, ${status}, r.parameters ->> 'source', (r.parameters ->> 'sourceBytes')::int,
         r.bid_id, r.result, r.failure, r.created_at, r.finished_at, r.network_id, r.requested_by,
         r.request_id
       FROM "job_requests" r WHERE r.kind = 'SCENARIO_IMPORT'`,
    );
    await queryRunner.query(
      `INSERT INTO "allocation_runs" ("id", "bid_id", "status", "requested_by", "request_id",
         "version_id", "failure", "created_at", "finished_at", "input_hash")
       SELECT r.id, r.bid_id,
         CASE WHEN (r.result ->> 'unchanged')::boolean THEN 'UNCHANGED' ELSE ${status} END,
         r.requested_by, r.request_id, (r.result ->> 'versionId')::uuid, r.failure, r.created_at,
         r.finished_at, r.input_hash
       FROM "job_requests" r WHERE r.kind = 'ALLOCATION_RUN'`,
    );
    await queryRunner.query(
      `INSERT INTO "document_requests" ("id", "bid_id", "allocation_version_id", "document_set",
         "status", "requested_by", "request_id", "failure", "created_at", "finished_at",
         "change_request_id")
       SELECT r.id, r.bid_id, (r.parameters ->> 'allocationVersionId')::uuid,
         r.parameters ->> 'documentSet', ${status}, r.requested_by, r.request_id, r.failure,
         r.created_at, r.finished_at, (r.parameters ->> 'changeRequestId')::uuid
       FROM "job_requests" r WHERE r.kind = 'DOCUMENTS'`,
    );
    await queryRunner.query(
      `INSERT INTO "signing_requests" ("id", "document_id", "member_id", "user_id", "status", "ip",
         "request_id", "failure", "created_at", "finished_at")
       SELECT r.id, (r.parameters ->> 'documentId')::uuid, (r.parameters ->> 'memberId')::uuid,
         r.requested_by, ${status}, r.parameters ->> 'ip', r.request_id, r.failure - 'problems',
         r.created_at, r.finished_at
       FROM "job_requests" r WHERE r.kind = 'SIGNING'`,
    );
  }
}
