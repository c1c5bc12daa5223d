import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Documents1795692614833 implements MigrationInterface {
  name = 'Documents1795692614833';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "document_requests" ("id" uuid NOT NULL, "bid_id" uuid NOT NULL, "allocation_version_id" uuid NOT NULL, "document_set" character varying(16) NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'PENDING', "requested_by" uuid, "request_id" character varying(100), "failure" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_1e3cb44d95bf727fc889d7ee77" CHECK ("document_set" IN ('CONVENTION', 'EXPORTS')), CONSTRAINT "CHK_1dd2df552432c88e0df80bdfc7" CHECK ("status" IN ('PENDING', 'DONE', 'FAILED')), CONSTRAINT "PK_43076ee267e48f196b68ce008e6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3a0136dc8a2edf36086073087b" ON "document_requests"  ("bid_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bid_id" uuid NOT NULL, "allocation_version_id" uuid NOT NULL, "request_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "subject" character varying(200) NOT NULL DEFAULT '', "version" integer NOT NULL, "filename" character varying(255) NOT NULL, "media_type" character varying(100) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "storage_key" character varying(200) NOT NULL, "frozen_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "documents_request_kind_subject_key" UNIQUE ("request_id", "kind", "subject"), CONSTRAINT "documents_bid_kind_subject_version_key" UNIQUE ("bid_id", "kind", "subject", "version"), CONSTRAINT "CHK_7dc4eabe36521131bc77aa1d15" CHECK ("size_bytes" >= 0), CONSTRAINT "CHK_9c0a20ee29cdd85ddad8c7f56d" CHECK ("kind" IN ('CONVENTION', 'DC1', 'DC4', 'XLSX', 'CSV', 'OCDS')), CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_21494812e142d166946d905233" ON "documents"  ("bid_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "bids" ADD "convention_settings" jsonb NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_requests" ADD CONSTRAINT "FK_3a0136dc8a2edf36086073087be" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_requests" ADD CONSTRAINT "FK_ef440bb2231e69fd6c6410c0913" FOREIGN KEY ("allocation_version_id") REFERENCES "allocation_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "FK_21494812e142d166946d9052331" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "FK_479fd5a74cae8b93c955df0f8fa" FOREIGN KEY ("allocation_version_id") REFERENCES "allocation_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "FK_640ed9849e6eb66177436f91f50" FOREIGN KEY ("request_id") REFERENCES "document_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // A frozen document is what members sign: no statement may change or remove it. Only a
    // purge that says so (the test harness, an operator) passes.
    await queryRunner.query(`CREATE FUNCTION documents_frozen_guard() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF OLD.frozen_at IS NOT NULL AND coalesce(current_setting('cordage.purge', true), '') <> 'on' THEN
              RAISE EXCEPTION 'document % is frozen and cannot change', OLD.id USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
          END $$`);
    await queryRunner.query(
      `CREATE TRIGGER documents_frozen_guard BEFORE UPDATE OR DELETE ON documents FOR EACH ROW EXECUTE FUNCTION documents_frozen_guard()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER documents_frozen_guard ON documents`);
    await queryRunner.query(`DROP FUNCTION documents_frozen_guard()`);
    await queryRunner.query(
      `ALTER TABLE "documents" DROP CONSTRAINT "FK_640ed9849e6eb66177436f91f50"`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" DROP CONSTRAINT "FK_479fd5a74cae8b93c955df0f8fa"`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" DROP CONSTRAINT "FK_21494812e142d166946d9052331"`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_requests" DROP CONSTRAINT "FK_ef440bb2231e69fd6c6410c0913"`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_requests" DROP CONSTRAINT "FK_3a0136dc8a2edf36086073087be"`,
    );
    await queryRunner.query(`ALTER TABLE "bids" DROP COLUMN "convention_settings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_21494812e142d166946d905233"`);
    await queryRunner.query(`DROP TABLE "documents"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3a0136dc8a2edf36086073087b"`);
    await queryRunner.query(`DROP TABLE "document_requests"`);
  }
}
