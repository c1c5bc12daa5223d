import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795337603440 implements MigrationInterface {
  name = 'Initial1795337603440';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "territories" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(80) NOT NULL, "level" character varying(8) NOT NULL, "name" character varying(300) NOT NULL, "parent_id" uuid, "bid_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_3fc478955353ea18e33793bc69" CHECK (("level" = 'SITE') = ("bid_id" IS NOT NULL)), CONSTRAINT "CHK_87f144ba189683733c79288187" CHECK ("level" IN ('REG', 'DEP', 'EPT', 'EPCI', 'COM', 'BE', 'SITE')), CONSTRAINT "PK_5fd98f342e49509ee461d86f54f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d9d1dc97fe23c6703a8295f730" ON "territories"  ("parent_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "territories_bid_code_key" ON "territories"  ("bid_id", "code") WHERE "bid_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "territories_code_official_key" ON "territories"  ("code") WHERE "bid_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "legal_name" character varying(300) NOT NULL, "kind" character varying(8) NOT NULL, "id_scheme" character varying(8) NOT NULL, "id_value" character varying(20) NOT NULL, "employees" integer NOT NULL, "home_territory_id" uuid NOT NULL, "representative_name" character varying(200) NOT NULL, "representative_title" character varying(200) NOT NULL, "representative_email" character varying(320) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "organisations_identifier_key" UNIQUE ("id_scheme", "id_value"), CONSTRAINT "CHK_9bdbf4f3d3847f754ae443123d" CHECK ("employees" >= 0), CONSTRAINT "CHK_2869c1f9a84d3a77ea43a120b3" CHECK ("id_scheme" IN ('SIRET', 'SIREN', 'BCE')), CONSTRAINT "CHK_4f989b802f50dc4923cc8bb6a5" CHECK ("kind" IN ('EI', 'AI', 'ACI', 'ETTI', 'EITI', 'GEIQ', 'EA', 'ESAT', 'ETA', 'OTHER')), CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "tenders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" character varying(100) NOT NULL, "title" character varying(500) NOT NULL, "buyer_name" character varying(300) NOT NULL, "buyer_id_scheme" character varying(8) NOT NULL, "buyer_id_value" character varying(20) NOT NULL, "deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "reserved" character varying(16) NOT NULL DEFAULT 'NONE', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "tenders_buyer_reference_key" UNIQUE ("buyer_id_scheme", "buyer_id_value", "reference"), CONSTRAINT "CHK_02ee8f9222b5c458430a729ba7" CHECK ("reserved" IN ('NONE', 'L2113_12', 'L2113_13', 'L2113_12_13')), CONSTRAINT "PK_13fdd4229818a97b5102199463b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "bids" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'DRAFT', "consortium_form" character varying(32) NOT NULL, "mandataire_id" uuid NOT NULL, "min_members" integer, "min_of_kind" jsonb NOT NULL DEFAULT '{}', "min_small_members" integer, "small_below_employees" integer NOT NULL DEFAULT '100', "max_total_cents" bigint, "secondary_cost" numeric NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_ddf101793d073d42261004d3f7" CHECK ("secondary_cost" >= 0), CONSTRAINT "CHK_2ed271aecc1c964d0268687564" CHECK ("consortium_form" IN ('CONJOINT', 'CONJOINT_MANDATAIRE_SOLIDAIRE', 'SOLIDAIRE')), CONSTRAINT "PK_7950d066d322aab3a488ac39fe5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "lots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "number" integer NOT NULL, "title" character varying(300) NOT NULL, "amount_cents" bigint NOT NULL, "insertion_hours" integer NOT NULL, CONSTRAINT "lots_tender_number_key" UNIQUE ("tender_id", "number"), CONSTRAINT "CHK_e7317defeec33151246f42b6cd" CHECK ("insertion_hours" >= 0), CONSTRAINT "CHK_e2b9c8e2989c73f44175b390bc" CHECK ("amount_cents" > 0), CONSTRAINT "PK_2bb990a4015865cb1daa1d22fd9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "lot_cells" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lot_id" uuid NOT NULL, "territory_id" uuid NOT NULL, "label" character varying(200), "demand_hours" numeric NOT NULL, CONSTRAINT "lot_cells_lot_territory_key" UNIQUE ("lot_id", "territory_id"), CONSTRAINT "CHK_474437b28bbd54a13b4741d3bc" CHECK ("demand_hours" > 0), CONSTRAINT "PK_ff7679f27f5913bbd5674ad02cc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bid_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "key" character varying(64) NOT NULL, "role" character varying(16) NOT NULL DEFAULT 'COTRAITANT', "insertion_hours_max" integer, CONSTRAINT "members_bid_key_key" UNIQUE ("bid_id", "key"), CONSTRAINT "members_bid_organisation_key" UNIQUE ("bid_id", "organisation_id"), CONSTRAINT "CHK_e73aaaaa550b4146bb41893101" CHECK ("insertion_hours_max" >= 0), CONSTRAINT "CHK_51f4278be88bf8c85d5cb39cb3" CHECK ("role" IN ('COTRAITANT', 'SOUS_TRAITANT')), CONSTRAINT "PK_28b53062261b996d9c99fa12404" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "member_limits" ("member_id" uuid NOT NULL, "max_hours" numeric, "max_revenue_cents" bigint, CONSTRAINT "CHK_bfd837b0a7a1e82e4b0ea338a3" CHECK ("max_revenue_cents" >= 0), CONSTRAINT "CHK_b60d8951dfd21254d3829a859c" CHECK ("max_hours" > 0), CONSTRAINT "CHK_27f33dedcbccee44df5cb64d2d" CHECK ("max_hours" IS NOT NULL OR "max_revenue_cents" IS NOT NULL), CONSTRAINT "PK_c59ceb8413dd523e56c8ac0b224" PRIMARY KEY ("member_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "offers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "lot_cell_id" uuid NOT NULL, "hours" numeric NOT NULL, "preference" character varying(16) NOT NULL, CONSTRAINT "offers_member_cell_key" UNIQUE ("member_id", "lot_cell_id"), CONSTRAINT "CHK_4935e6721ead2d56d74697cc85" CHECK ("preference" IN ('PRIMARY', 'SECONDARY')), CONSTRAINT "CHK_91b081ef00b3b1c398824960e5" CHECK ("hours" > 0), CONSTRAINT "PK_4c88e956195bba85977da21b8f4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8fe45421bb9233d246493bf37d" ON "offers"  ("lot_cell_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_messages" ("id" uuid NOT NULL, "queue_name" character varying(64) NOT NULL, "job_name" character varying(64) NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_messages_unpublished_idx" ON "outbox_messages"  ("created_at") WHERE "published_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "scenario_imports" ("id" uuid NOT NULL, "status" character varying(8) NOT NULL DEFAULT 'PENDING', "source" text, "source_bytes" integer NOT NULL, "bid_id" uuid, "result" jsonb, "failure" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_d642c1b0bddd0557d430b4d5cc" CHECK ("status" IN ('PENDING', 'DONE', 'FAILED')), CONSTRAINT "PK_17f9edaa7d1a37a9358f6cbd55f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "subcontracts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bid_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "principal_id" uuid NOT NULL, "subcontractor_id" uuid NOT NULL, "kind" character varying(24) NOT NULL, "nature" text NOT NULL, "max_amount_cents" bigint NOT NULL, CONSTRAINT "CHK_5c20d1518b47fadea0ad19a76a" CHECK ("principal_id" <> "subcontractor_id"), CONSTRAINT "CHK_86108e426ab5f01d4daf960c47" CHECK ("max_amount_cents" > 0), CONSTRAINT "CHK_b744496ed20cc5e8adc67cb7a2" CHECK ("kind" IN ('SOUS_TRAITANCE', 'MISE_A_DISPOSITION')), CONSTRAINT "PK_da21bfda4615922881d94989fdd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "territories" ADD CONSTRAINT "FK_d9d1dc97fe23c6703a8295f7304" FOREIGN KEY ("parent_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "territories" ADD CONSTRAINT "FK_1f01954ce7fb8059597265087c7" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD CONSTRAINT "FK_54382b25a4f152fdcedc7d94ce8" FOREIGN KEY ("home_territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bids" ADD CONSTRAINT "FK_1f250a433256278f189ef43c8f1" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bids" ADD CONSTRAINT "FK_cda68053e5023366a0348a7853d" FOREIGN KEY ("mandataire_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lots" ADD CONSTRAINT "FK_4592ddd72e3229e4f86341f1244" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_cells" ADD CONSTRAINT "FK_e4559c605e201d7fbb3dbaf990b" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_cells" ADD CONSTRAINT "FK_4a040d3c6f6439ce03c7e2d4ef7" FOREIGN KEY ("territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "members" ADD CONSTRAINT "FK_98bf437408ad2b06d405f74d35f" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "members" ADD CONSTRAINT "FK_ea8e953157d3927bf956cf40a60" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "member_limits" ADD CONSTRAINT "FK_c59ceb8413dd523e56c8ac0b224" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offers" ADD CONSTRAINT "FK_46ee04103734ff4c5d4b973146d" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offers" ADD CONSTRAINT "FK_8fe45421bb9233d246493bf37dd" FOREIGN KEY ("lot_cell_id") REFERENCES "lot_cells"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scenario_imports" ADD CONSTRAINT "FK_ee4aa134d6d42be50acddb84b2a" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "subcontracts" ADD CONSTRAINT "FK_77d5964bd1309479a1950a39d5d" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "subcontracts" ADD CONSTRAINT "FK_40aeb7fe39f0182211bd5e7c822" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "subcontracts" ADD CONSTRAINT "FK_0ae92a06512602ea0aa8a03e26e" FOREIGN KEY ("principal_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "subcontracts" ADD CONSTRAINT "FK_dd184298ee9adae3d5696f1b998" FOREIGN KEY ("subcontractor_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "subcontracts" DROP CONSTRAINT "FK_dd184298ee9adae3d5696f1b998"`,
    );
    await queryRunner.query(
      `ALTER TABLE "subcontracts" DROP CONSTRAINT "FK_0ae92a06512602ea0aa8a03e26e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "subcontracts" DROP CONSTRAINT "FK_40aeb7fe39f0182211bd5e7c822"`,
    );
    await queryRunner.query(
      `ALTER TABLE "subcontracts" DROP CONSTRAINT "FK_77d5964bd1309479a1950a39d5d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "scenario_imports" DROP CONSTRAINT "FK_ee4aa134d6d42be50acddb84b2a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "offers" DROP CONSTRAINT "FK_8fe45421bb9233d246493bf37dd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "offers" DROP CONSTRAINT "FK_46ee04103734ff4c5d4b973146d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "member_limits" DROP CONSTRAINT "FK_c59ceb8413dd523e56c8ac0b224"`,
    );
    await queryRunner.query(
      `ALTER TABLE "members" DROP CONSTRAINT "FK_ea8e953157d3927bf956cf40a60"`,
    );
    await queryRunner.query(
      `ALTER TABLE "members" DROP CONSTRAINT "FK_98bf437408ad2b06d405f74d35f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_cells" DROP CONSTRAINT "FK_4a040d3c6f6439ce03c7e2d4ef7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_cells" DROP CONSTRAINT "FK_e4559c605e201d7fbb3dbaf990b"`,
    );
    await queryRunner.query(`ALTER TABLE "lots" DROP CONSTRAINT "FK_4592ddd72e3229e4f86341f1244"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP CONSTRAINT "FK_cda68053e5023366a0348a7853d"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP CONSTRAINT "FK_1f250a433256278f189ef43c8f1"`);
    await queryRunner.query(
      `ALTER TABLE "organisations" DROP CONSTRAINT "FK_54382b25a4f152fdcedc7d94ce8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "territories" DROP CONSTRAINT "FK_1f01954ce7fb8059597265087c7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "territories" DROP CONSTRAINT "FK_d9d1dc97fe23c6703a8295f7304"`,
    );
    await queryRunner.query(`DROP TABLE "subcontracts"`);
    await queryRunner.query(`DROP TABLE "scenario_imports"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_messages_unpublished_idx"`);
    await queryRunner.query(`DROP TABLE "outbox_messages"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8fe45421bb9233d246493bf37d"`);
    await queryRunner.query(`DROP TABLE "offers"`);
    await queryRunner.query(`DROP TABLE "member_limits"`);
    await queryRunner.query(`DROP TABLE "members"`);
    await queryRunner.query(`DROP TABLE "lot_cells"`);
    await queryRunner.query(`DROP TABLE "lots"`);
    await queryRunner.query(`DROP TABLE "bids"`);
    await queryRunner.query(`DROP TABLE "tenders"`);
    await queryRunner.query(`DROP TABLE "organisations"`);
    await queryRunner.query(`DROP INDEX "public"."territories_code_official_key"`);
    await queryRunner.query(`DROP INDEX "public"."territories_bid_code_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d9d1dc97fe23c6703a8295f730"`);
    await queryRunner.query(`DROP TABLE "territories"`);
  }
}
