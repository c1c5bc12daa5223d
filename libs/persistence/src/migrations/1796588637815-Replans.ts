import { MigrationInterface, QueryRunner } from 'typeorm';

export class Replans1796588637815 implements MigrationInterface {
  name = 'Replans1796588637815';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "job_requests" DROP CONSTRAINT "CHK_ab6e7b66d1cb6fbf5c7e181b84"`,
    );
    await queryRunner.query(
      `CREATE TABLE "replans" ("id" uuid NOT NULL, "bid_id" uuid NOT NULL, "number" integer NOT NULL, "from_period" integer NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'QUEUED', "result" jsonb, "failure" jsonb, "requested_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "replans_bid_number_key" UNIQUE ("bid_id", "number"), CONSTRAINT "CHK_a0b215f75cd996ba4cd9f35028" CHECK ("from_period" >= 2), CONSTRAINT "CHK_4e10ebb20f6cc4c1406b6e42f0" CHECK ("status" IN ('QUEUED', 'DONE', 'FAILED')), CONSTRAINT "PK_fd5091c3527d5c46ccdbd086f9e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "job_requests" ADD CONSTRAINT "CHK_d8de71d1ca7e37cdce654e3a09" CHECK ("kind" IN ('ALLOCATION_RUN', 'SCENARIO_IMPORT', 'DOCUMENTS', 'SIGNING', 'REPLAN', 'CONTRACT_REPORT'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "replans" ADD CONSTRAINT "FK_a888043e7eb480e712d27f0a14f" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "realised_reminders" ("member_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "period_number" integer NOT NULL, "bid_id" uuid NOT NULL, "reminded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_743c677dcfcb6bf5d55bfb79f37" PRIMARY KEY ("member_id", "lot_id", "period_number"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_reminders" ADD CONSTRAINT "FK_7585667d3ca7dcbb3667b833c32" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_reminders" ADD CONSTRAINT "FK_219ea51d3e2c3952c8a45d46d95" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_reminders" ADD CONSTRAINT "FK_d842cdd744fb37ffa3587088599" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "realised_reminders" DROP CONSTRAINT "FK_d842cdd744fb37ffa3587088599"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_reminders" DROP CONSTRAINT "FK_219ea51d3e2c3952c8a45d46d95"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_reminders" DROP CONSTRAINT "FK_7585667d3ca7dcbb3667b833c32"`,
    );
    await queryRunner.query(`DROP TABLE "realised_reminders"`);
    await queryRunner.query(
      `ALTER TABLE "replans" DROP CONSTRAINT "FK_a888043e7eb480e712d27f0a14f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "job_requests" DROP CONSTRAINT "CHK_d8de71d1ca7e37cdce654e3a09"`,
    );
    await queryRunner.query(`DROP TABLE "replans"`);
    await queryRunner.query(
      `ALTER TABLE "job_requests" ADD CONSTRAINT "CHK_ab6e7b66d1cb6fbf5c7e181b84" CHECK ("kind" IN ('ALLOCATION_RUN', 'SCENARIO_IMPORT', 'DOCUMENTS', 'SIGNING', 'CONTRACT_REPORT'))`,
    );
  }
}
