import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityAccessAudit1795339896096 implements MigrationInterface {
  name = 'IdentityAccessAudit1795339896096';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("seq" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_user_id" uuid, "actor" character varying(320) NOT NULL, "action" character varying(64) NOT NULL, "entity_type" character varying(64) NOT NULL, "entity_id" character varying(64), "bid_id" uuid, "before" jsonb, "after" jsonb, "request_id" character varying(100), "prev_hash" character varying(64) NOT NULL, "hash" character varying(64) NOT NULL, CONSTRAINT "PK_6e299f5706e715265416fefe53e" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4660137ce5d04e9bb84fae0355" ON "audit_events"  ("bid_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "networks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(300) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_61b1ee921bf79550d9d4742b9f7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "display_name" character varying(200) NOT NULL, "platform_admin" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "users_email_key" UNIQUE ("email"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "login_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "user_id" uuid, "token_hash" character varying(64), "requested_ip" character varying(64), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b62a8ebf660e5aa63dc5c05ee06" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "login_tokens_hash_key" ON "login_tokens"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "login_tokens_ip_created_idx" ON "login_tokens"  ("requested_ip", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "login_tokens_email_created_idx" ON "login_tokens"  ("email", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "mail_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient" character varying(320) NOT NULL, "subject" character varying(300) NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_01528929d58f733fd6bc613c638" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "network_organisations" ("network_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_00896cb55bbfae1527972fade53" PRIMARY KEY ("network_id", "organisation_id"))`,
    );
    await queryRunner.query(`CREATE TABLE "role_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "role" character varying(16) NOT NULL, "network_id" uuid, "organisation_id" uuid, "bid_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_1b33951bddd1d45bc397f59cc8" CHECK (("role" = 'COORDINATOR' AND "network_id" IS NOT NULL AND "organisation_id" IS NULL AND "bid_id" IS NULL)
  OR ("role" IN ('EDITOR', 'SIGNATORY') AND "organisation_id" IS NOT NULL AND "network_id" IS NULL AND "bid_id" IS NULL)
  OR ("role" = 'VIEWER' AND "organisation_id" IS NULL AND (("network_id" IS NULL) <> ("bid_id" IS NULL)))), CONSTRAINT "CHK_963a6ab9b569ebbe0202d042d5" CHECK ("role" IN ('COORDINATOR', 'EDITOR', 'SIGNATORY', 'VIEWER')), CONSTRAINT "PK_fc2df9835ac1d2a34839f113783" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "role_assignments_bid_key" ON "role_assignments"  ("user_id", "role", "bid_id") WHERE "bid_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "role_assignments_organisation_key" ON "role_assignments"  ("user_id", "role", "organisation_id") WHERE "organisation_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "role_assignments_network_key" ON "role_assignments"  ("user_id", "role", "network_id") WHERE "network_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character varying(64) NOT NULL, "user_id" uuid NOT NULL, "csrf_token" character varying(64) NOT NULL, "ip" character varying(64), "user_agent" character varying(300), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_085d540d9f418cfbdc7bd55bb1" ON "sessions"  ("user_id") `,
    );
    // Bids and import requests from before networks existed go to one network created for them.
    await queryRunner.query(`ALTER TABLE "bids" ADD "network_id" uuid`);
    await queryRunner.query(`ALTER TABLE "scenario_imports" ADD "network_id" uuid`);
    await queryRunner.query(`
      WITH legacy AS (
        INSERT INTO "networks" ("name")
        SELECT 'Réseau (candidatures antérieures)'
        WHERE EXISTS (SELECT 1 FROM "bids") OR EXISTS (SELECT 1 FROM "scenario_imports")
        RETURNING "id"
      ), bids_updated AS (
        UPDATE "bids" SET "network_id" = (SELECT "id" FROM legacy)
      )
      UPDATE "scenario_imports" SET "network_id" = (SELECT "id" FROM legacy)`);
    await queryRunner.query(`ALTER TABLE "bids" ALTER COLUMN "network_id" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "scenario_imports" ALTER COLUMN "network_id" SET NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "bids" ADD "transparency" character varying(16) NOT NULL DEFAULT 'ALLOCATION_ONLY'`,
    );
    await queryRunner.query(
      `ALTER TABLE "members" ADD "status" character varying(16) NOT NULL DEFAULT 'INVITED'`,
    );
    // Members imported so far came from their coordinator's file: they had agreed to take part.
    await queryRunner.query(`UPDATE "members" SET "status" = 'ACCEPTED'`);
    await queryRunner.query(`ALTER TABLE "members" ADD "decline_reason" text`);
    await queryRunner.query(`ALTER TABLE "members" ADD "invited_email" character varying(320)`);
    await queryRunner.query(
      `ALTER TABLE "members" ADD "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(`ALTER TABLE "scenario_imports" ADD "requested_by" uuid`);
    await queryRunner.query(
      `ALTER TABLE "scenario_imports" ADD "request_id" character varying(100)`,
    );
    await queryRunner.query(
      `ALTER TABLE "bids" ADD CONSTRAINT "CHK_276502976d9afa4cdd9fcdc0cd" CHECK ("transparency" IN ('OPEN', 'ALLOCATION_ONLY'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "members" ADD CONSTRAINT "CHK_abd5a8e24799020713c73afd4e" CHECK ("status" IN ('INVITED', 'ACCEPTED', 'DECLINED', 'DATA_COMPLETE', 'SIGNED', 'WITHDRAWN'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "bids" ADD CONSTRAINT "FK_32b052f95ea70820b6433869d07" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "login_tokens" ADD CONSTRAINT "FK_5d2c7889128a1654a2f9e216fb0" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD CONSTRAINT "FK_819dc1ff95e3256553f5b117b3a" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD CONSTRAINT "FK_b9d63fcc79155f8c8e200cfbe9d" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignments" ADD CONSTRAINT "FK_d91c8ac0c10fd8c6acdcc5ee946" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignments" ADD CONSTRAINT "FK_f609575b6e812f590d3ef2567d8" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignments" ADD CONSTRAINT "FK_f8d9c269fa82483a46caad4bfb3" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignments" ADD CONSTRAINT "FK_75f3efaeaa3e59eb0a0887943d0" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The audit log is append-only: the database itself refuses edits and deletions.
    await queryRunner.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_events_append_only
      BEFORE UPDATE OR DELETE ON "audit_events"
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await queryRunner.query(`CREATE TRIGGER audit_events_no_truncate
      BEFORE TRUNCATE ON "audit_events"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_events_no_truncate ON "audit_events"`);
    await queryRunner.query(`DROP TRIGGER audit_events_append_only ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION audit_events_append_only()`);
    await queryRunner.query(
      `ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignments" DROP CONSTRAINT "FK_75f3efaeaa3e59eb0a0887943d0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignments" DROP CONSTRAINT "FK_f8d9c269fa82483a46caad4bfb3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignments" DROP CONSTRAINT "FK_f609575b6e812f590d3ef2567d8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignments" DROP CONSTRAINT "FK_d91c8ac0c10fd8c6acdcc5ee946"`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" DROP CONSTRAINT "FK_b9d63fcc79155f8c8e200cfbe9d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" DROP CONSTRAINT "FK_819dc1ff95e3256553f5b117b3a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "login_tokens" DROP CONSTRAINT "FK_5d2c7889128a1654a2f9e216fb0"`,
    );
    await queryRunner.query(`ALTER TABLE "bids" DROP CONSTRAINT "FK_32b052f95ea70820b6433869d07"`);
    await queryRunner.query(
      `ALTER TABLE "members" DROP CONSTRAINT "CHK_abd5a8e24799020713c73afd4e"`,
    );
    await queryRunner.query(`ALTER TABLE "bids" DROP CONSTRAINT "CHK_276502976d9afa4cdd9fcdc0cd"`);
    await queryRunner.query(`ALTER TABLE "scenario_imports" DROP COLUMN "request_id"`);
    await queryRunner.query(`ALTER TABLE "scenario_imports" DROP COLUMN "requested_by"`);
    await queryRunner.query(`ALTER TABLE "scenario_imports" DROP COLUMN "network_id"`);
    await queryRunner.query(`ALTER TABLE "members" DROP COLUMN "status_changed_at"`);
    await queryRunner.query(`ALTER TABLE "members" DROP COLUMN "invited_email"`);
    await queryRunner.query(`ALTER TABLE "members" DROP COLUMN "decline_reason"`);
    await queryRunner.query(`ALTER TABLE "members" DROP COLUMN "status"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP COLUMN "transparency"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP COLUMN "network_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_085d540d9f418cfbdc7bd55bb1"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_token_hash_key"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "public"."role_assignments_network_key"`);
    await queryRunner.query(`DROP INDEX "public"."role_assignments_organisation_key"`);
    await queryRunner.query(`DROP INDEX "public"."role_assignments_bid_key"`);
    await queryRunner.query(`DROP TABLE "role_assignments"`);
    await queryRunner.query(`DROP TABLE "network_organisations"`);
    await queryRunner.query(`DROP TABLE "mail_log"`);
    await queryRunner.query(`DROP INDEX "public"."login_tokens_email_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."login_tokens_ip_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."login_tokens_hash_key"`);
    await queryRunner.query(`DROP TABLE "login_tokens"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "networks"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4660137ce5d04e9bb84fae0355"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
