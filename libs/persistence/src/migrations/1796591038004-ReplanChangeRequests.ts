import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReplanChangeRequests1796591038004 implements MigrationInterface {
  name = 'ReplanChangeRequests1796591038004';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "change_requests" DROP CONSTRAINT "CHK_225ba5e5dad5cd525bd1aa487b"`,
    );
    await queryRunner.query(
      `CREATE TABLE "change_request_votes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "change_request_id" uuid NOT NULL, "member_id" uuid NOT NULL, "choice" character varying(8) NOT NULL, "comment" text, "user_id" uuid, "voted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "change_request_votes_request_member_key" UNIQUE ("change_request_id", "member_id"), CONSTRAINT "CHK_318b04de34395a04d631319bb0" CHECK ("choice" IN ('APPROVE', 'OBJECT')), CONSTRAINT "PK_4791f1b79c2a4fa90646a2b8aee" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "change_requests" ADD "replan_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "change_requests" DROP CONSTRAINT "FK_abf648d31cc18c125888a43ce16"`,
    );
    await queryRunner.query(`ALTER TABLE "change_requests" ALTER COLUMN "member_id" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "change_requests" ALTER COLUMN "previous_member_status" DROP NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_kind" CHECK (("reason" = 'REPLAN' AND "replan_id" IS NOT NULL AND "member_id" IS NULL AND "previous_member_status" IS NULL) OR ("reason" <> 'REPLAN' AND "replan_id" IS NULL AND "member_id" IS NOT NULL AND "previous_member_status" IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_requests" ADD CONSTRAINT "CHK_c50b2fb0629879a66f753d5c1e" CHECK ("reason" IN ('MEMBER_UNABLE_TO_PERFORM', 'RESTRUCTURING', 'REPLAN'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_requests" ADD CONSTRAINT "FK_abf648d31cc18c125888a43ce16" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_requests" ADD CONSTRAINT "FK_958308eab7222f8b41901494364" FOREIGN KEY ("replan_id") REFERENCES "replans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_request_votes" ADD CONSTRAINT "FK_42a7fce8fb135fc21de9b73c093" FOREIGN KEY ("change_request_id") REFERENCES "change_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_request_votes" ADD CONSTRAINT "FK_d3a6edf208fa2cddf865721a1bf" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "change_request_votes" DROP CONSTRAINT "FK_d3a6edf208fa2cddf865721a1bf"`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_request_votes" DROP CONSTRAINT "FK_42a7fce8fb135fc21de9b73c093"`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_requests" DROP CONSTRAINT "FK_958308eab7222f8b41901494364"`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_requests" DROP CONSTRAINT "FK_abf648d31cc18c125888a43ce16"`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_requests" DROP CONSTRAINT "CHK_c50b2fb0629879a66f753d5c1e"`,
    );
    await queryRunner.query(`ALTER TABLE "change_requests" DROP CONSTRAINT "change_requests_kind"`);
    await queryRunner.query(
      `ALTER TABLE "change_requests" ALTER COLUMN "previous_member_status" SET NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "change_requests" ALTER COLUMN "member_id" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "change_requests" ADD CONSTRAINT "FK_abf648d31cc18c125888a43ce16" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "change_requests" DROP COLUMN "replan_id"`);
    await queryRunner.query(`DROP TABLE "change_request_votes"`);
    await queryRunner.query(
      `ALTER TABLE "change_requests" ADD CONSTRAINT "CHK_225ba5e5dad5cd525bd1aa487b" CHECK (((reason)::text = ANY ((ARRAY['MEMBER_UNABLE_TO_PERFORM'::character varying, 'RESTRUCTURING'::character varying])::text[])))`,
    );
  }
}
