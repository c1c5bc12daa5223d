import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InvitationsRepresentation1796402739080 implements MigrationInterface {
  name = 'InvitationsRepresentation1796402739080';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "invitation_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_78ebabba3f0478fbf7c16319b7a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "invitation_links_hash_key" ON "invitation_links"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "invitation_links_member_idx" ON "invitation_links"  ("member_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "representation_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "roles" character varying(16) array NOT NULL, "bid_id" uuid, "requested_by" uuid, "status" character varying(16) NOT NULL DEFAULT 'PENDING', "decided_by" uuid, "decided_as" character varying(16), "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_5c09d2843f61c26387a89bf749" CHECK (("status" = 'PENDING') = ("decided_at" IS NULL)), CONSTRAINT "CHK_3e8ee33354d6b2a3971c27177d" CHECK (cardinality("roles") > 0 AND "roles" <@ ARRAY['EDITOR', 'SIGNATORY']::varchar[]), CONSTRAINT "CHK_423a5b48db5be363f6478230cc" CHECK ("decided_as" IS NULL OR "decided_as" IN ('REPRESENTATIVE', 'PLATFORM_ADMIN')), CONSTRAINT "CHK_bd84cbf768a751d78417c87f56" CHECK ("status" IN ('PENDING', 'CONFIRMED', 'REFUSED')), CONSTRAINT "PK_c7fa32c1263c71457f89ebfe7b2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "representation_requests_one_pending" ON "representation_requests"  ("organisation_id", "user_id") WHERE "status" = 'PENDING'`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation_links" ADD CONSTRAINT "FK_3bd9b0ec54402b97b87ee7d984a" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation_links" ADD CONSTRAINT "FK_6b77278980aa874e3ce6d22cc03" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "representation_requests" ADD CONSTRAINT "FK_c87d4af4980c60676cc02db7852" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "representation_requests" ADD CONSTRAINT "FK_ec4ac7ae7377c891e8f39638cee" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "representation_requests" ADD CONSTRAINT "FK_ab8bc07327c90d793c780f821eb" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "representation_requests" ADD CONSTRAINT "FK_15adfeec898d768c2ff930a7aa8" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "representation_requests" ADD CONSTRAINT "FK_3d2e5b60b5a7a77e488b2214059" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "representation_requests" DROP CONSTRAINT "FK_3d2e5b60b5a7a77e488b2214059"`,
    );
    await queryRunner.query(
      `ALTER TABLE "representation_requests" DROP CONSTRAINT "FK_15adfeec898d768c2ff930a7aa8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "representation_requests" DROP CONSTRAINT "FK_ab8bc07327c90d793c780f821eb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "representation_requests" DROP CONSTRAINT "FK_ec4ac7ae7377c891e8f39638cee"`,
    );
    await queryRunner.query(
      `ALTER TABLE "representation_requests" DROP CONSTRAINT "FK_c87d4af4980c60676cc02db7852"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation_links" DROP CONSTRAINT "FK_6b77278980aa874e3ce6d22cc03"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation_links" DROP CONSTRAINT "FK_3bd9b0ec54402b97b87ee7d984a"`,
    );
    await queryRunner.query(`DROP INDEX "public"."representation_requests_one_pending"`);
    await queryRunner.query(`DROP TABLE "representation_requests"`);
    await queryRunner.query(`DROP INDEX "public"."invitation_links_member_idx"`);
    await queryRunner.query(`DROP INDEX "public"."invitation_links_hash_key"`);
    await queryRunner.query(`DROP TABLE "invitation_links"`);
  }
}
