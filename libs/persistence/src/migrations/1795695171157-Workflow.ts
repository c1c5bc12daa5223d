import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Workflow1795695171157 implements MigrationInterface {
  name = 'Workflow1795695171157';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "allocation_votes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "allocation_version_id" uuid NOT NULL, "member_id" uuid NOT NULL, "choice" character varying(8) NOT NULL, "comment" text, "user_id" uuid, "voted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "allocation_votes_version_member_key" UNIQUE ("allocation_version_id", "member_id"), CONSTRAINT "CHK_6db8b21715a03985dd1470d981" CHECK ("choice" IN ('APPROVE', 'OBJECT')), CONSTRAINT "PK_b82fbe4e6028a1e97a291f5ab9b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "charters" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "network_id" uuid NOT NULL, "version" integer NOT NULL, "title" character varying(200) NOT NULL, "text" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "charters_network_version_key" UNIQUE ("network_id", "version"), CONSTRAINT "PK_c22653503e61b7cc1408c60da9c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "charter_acceptances" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "charter_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "user_id" uuid, "accepted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "charter_acceptances_charter_organisation_key" UNIQUE ("charter_id", "organisation_id"), CONSTRAINT "PK_35115448b2861e22f47387cf6d3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "reminder_deliveries" ("job_id" character varying(200) NOT NULL, "recipient" character varying(320) NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7959309ea07389c6c0f0a28bcae" PRIMARY KEY ("job_id", "recipient"))`,
    );
    await queryRunner.query(`ALTER TABLE "bids" ADD "capacity_deadline" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "bids" ADD "reminder_days" jsonb NOT NULL DEFAULT '[7,2]'`,
    );
    await queryRunner.query(`ALTER TABLE "bids" ADD "proposed_version_id" uuid`);
    await queryRunner.query(`ALTER TABLE "bids" ADD "agreed_version_id" uuid`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ADD "job_id" character varying(200)`);
    await queryRunner.query(
      `ALTER TABLE "outbox_messages" ADD "deliver_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "bids" ADD CONSTRAINT "CHK_251df659cf79936068f378f0a8" CHECK ("status" IN ('DRAFT', 'COLLECTING', 'ALLOCATING', 'PROPOSED', 'AGREED', 'SIGNING', 'SIGNED', 'SUBMITTED', 'AWARDED', 'LOST', 'WITHDRAWN'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_votes" ADD CONSTRAINT "FK_286461718c1377492bbecb187b0" FOREIGN KEY ("allocation_version_id") REFERENCES "allocation_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_votes" ADD CONSTRAINT "FK_1ebe3743a0321fbab873bb50273" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "charters" ADD CONSTRAINT "FK_08c531bb8352de6b78ab605bba1" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "charter_acceptances" ADD CONSTRAINT "FK_7e0962a3b79f0cebdda5f9a77d9" FOREIGN KEY ("charter_id") REFERENCES "charters"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "charter_acceptances" ADD CONSTRAINT "FK_f6e997609b7c1ed293aabb8ac04" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "charter_acceptances" DROP CONSTRAINT "FK_f6e997609b7c1ed293aabb8ac04"`,
    );
    await queryRunner.query(
      `ALTER TABLE "charter_acceptances" DROP CONSTRAINT "FK_7e0962a3b79f0cebdda5f9a77d9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "charters" DROP CONSTRAINT "FK_08c531bb8352de6b78ab605bba1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_votes" DROP CONSTRAINT "FK_1ebe3743a0321fbab873bb50273"`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_votes" DROP CONSTRAINT "FK_286461718c1377492bbecb187b0"`,
    );
    await queryRunner.query(`ALTER TABLE "bids" DROP CONSTRAINT "CHK_251df659cf79936068f378f0a8"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "deliver_at"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "job_id"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP COLUMN "agreed_version_id"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP COLUMN "proposed_version_id"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP COLUMN "reminder_days"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP COLUMN "capacity_deadline"`);
    await queryRunner.query(`DROP TABLE "reminder_deliveries"`);
    await queryRunner.query(`DROP TABLE "charter_acceptances"`);
    await queryRunner.query(`DROP TABLE "charters"`);
    await queryRunner.query(`DROP TABLE "allocation_votes"`);
  }
}
