import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ChangeRequests1795695860034 implements MigrationInterface {
  name = 'ChangeRequests1795695860034';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "document_requests" DROP CONSTRAINT "CHK_1e3cb44d95bf727fc889d7ee77"`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" DROP CONSTRAINT "CHK_9c0a20ee29cdd85ddad8c7f56d"`,
    );
    await queryRunner.query(
      `CREATE TABLE "change_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bid_id" uuid NOT NULL, "member_id" uuid NOT NULL, "previous_member_status" character varying(16) NOT NULL, "reason" character varying(32) NOT NULL, "justification" text NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'OPEN', "amendment_number" integer NOT NULL, "allocation_version_id" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_a91d8541fa1db51718006f084c" CHECK ("status" IN ('OPEN', 'REALLOCATED', 'AMENDMENT_SIGNING', 'CLOSED', 'REJECTED')), CONSTRAINT "CHK_225ba5e5dad5cd525bd1aa487b" CHECK ("reason" IN ('MEMBER_UNABLE_TO_PERFORM', 'RESTRUCTURING')), CONSTRAINT "PK_e3f28255a6e818820f18f6d5956" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "change_requests_one_active_per_bid" ON "change_requests"  ("bid_id") WHERE "status" IN ('OPEN', 'REALLOCATED', 'AMENDMENT_SIGNING')`,
    );
    await queryRunner.query(`ALTER TABLE "document_requests" ADD "change_request_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "document_requests" ADD CONSTRAINT "CHK_a1bafca4159e7b465b9091d0c0" CHECK ("document_set" IN ('CONVENTION', 'EXPORTS', 'AMENDMENT'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "CHK_f2be2a9030683d53755b0ece74" CHECK ("kind" IN ('CONVENTION', 'DC1', 'DC4', 'XLSX', 'CSV', 'OCDS', 'AMENDMENT', 'BUYER_LETTER'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_requests" ADD CONSTRAINT "FK_f05e2506b0fa3d21a9628dc9768" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_requests" ADD CONSTRAINT "FK_abf648d31cc18c125888a43ce16" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "change_requests" DROP CONSTRAINT "FK_abf648d31cc18c125888a43ce16"`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_requests" DROP CONSTRAINT "FK_f05e2506b0fa3d21a9628dc9768"`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" DROP CONSTRAINT "CHK_f2be2a9030683d53755b0ece74"`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_requests" DROP CONSTRAINT "CHK_a1bafca4159e7b465b9091d0c0"`,
    );
    await queryRunner.query(`ALTER TABLE "document_requests" DROP COLUMN "change_request_id"`);
    await queryRunner.query(`DROP INDEX "public"."change_requests_one_active_per_bid"`);
    await queryRunner.query(`DROP TABLE "change_requests"`);
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "CHK_9c0a20ee29cdd85ddad8c7f56d" CHECK (((kind)::text = ANY ((ARRAY['CONVENTION'::character varying, 'DC1'::character varying, 'DC4'::character varying, 'XLSX'::character varying, 'CSV'::character varying, 'OCDS'::character varying])::text[])))`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_requests" ADD CONSTRAINT "CHK_1e3cb44d95bf727fc889d7ee77" CHECK (((document_set)::text = ANY ((ARRAY['CONVENTION'::character varying, 'EXPORTS'::character varying])::text[])))`,
    );
  }
}
