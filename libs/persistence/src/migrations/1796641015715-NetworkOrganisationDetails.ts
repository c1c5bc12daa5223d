import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: what a network enters of an organisation lives in that network's own
 * `network_organisations` row only; the shared `organisations` row keeps its identifier, legal
 * name and kind. The details the shared row held (staff, seat, first representative and the
 * particulars the documents print) are copied to the entry of every network that uses the
 * organisation (a bid of the network counts it among its members, or the network's directory
 * holds it), so that no network's bids print anything else than before; a value a network had
 * already entered in its own row is kept. Then the shared row's detail columns go.
 */
export class NetworkOrganisationDetails1796641015715 implements MigrationInterface {
  name = 'NetworkOrganisationDetails1796641015715';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "network_organisations" ADD "home_territory_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD "approval_authority" character varying(200)`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD "representative_capacity" character varying(200)`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD CONSTRAINT "FK_61fb037cca62d2d23e2e452d547" FOREIGN KEY ("home_territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Every network whose bids count the organisation has an entry of it.
    await queryRunner.query(
      `INSERT INTO "network_organisations" ("network_id", "organisation_id")
       SELECT DISTINCT b."network_id", m."organisation_id"
         FROM "members" m JOIN "bids" b ON b."id" = m."bid_id"
       ON CONFLICT DO NOTHING`,
    );
    // The shared row's details, where a bid gave some (a directory's organisation was left with
    // none: no seat, no representative), fill what each entry lacks.
    await queryRunner.query(
      `UPDATE "network_organisations" n
          SET "staff" = coalesce(n."staff", o."employees"),
              "home_territory_id" = coalesce(n."home_territory_id", o."home_territory_id"),
              "legal_form" = coalesce(n."legal_form", o."legal_form"),
              "address" = coalesce(n."address", o."registered_address"),
              "approval_number" = coalesce(n."approval_number", o."approval_number"),
              "approval_authority" = coalesce(n."approval_authority", o."approval_authority"),
              "representative_capacity" =
                coalesce(n."representative_capacity", o."representative_capacity"),
              "representatives" = CASE
                WHEN jsonb_array_length(n."representatives") = 0
                 AND (o."representative_name" <> '' OR o."representative_email" <> '')
                THEN jsonb_build_array(jsonb_build_object(
                  'name', o."representative_name", 'title', o."representative_title",
                  'email', o."representative_email"))
                ELSE n."representatives" END
         FROM "organisations" o
        WHERE o."id" = n."organisation_id"
          AND (o."home_territory_id" IS NOT NULL OR o."representative_email" <> ''
               OR o."legal_form" IS NOT NULL OR o."registered_address" IS NOT NULL
               OR o."approval_number" IS NOT NULL OR o."approval_authority" IS NOT NULL
               OR o."representative_capacity" IS NOT NULL)`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" DROP CONSTRAINT "FK_54382b25a4f152fdcedc7d94ce8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" DROP CONSTRAINT "CHK_9bdbf4f3d3847f754ae443123d"`,
    );
    for (const column of [
      'employees',
      'home_territory_id',
      'representative_name',
      'representative_title',
      'representative_email',
      'legal_form',
      'registered_address',
      'approval_number',
      'approval_authority',
      'representative_capacity',
    ]) {
      await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "${column}"`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD "employees" integer NOT NULL DEFAULT 0,
         ADD "home_territory_id" uuid,
         ADD "representative_name" character varying(200) NOT NULL DEFAULT '',
         ADD "representative_title" character varying(200) NOT NULL DEFAULT '',
         ADD "representative_email" character varying(320) NOT NULL DEFAULT '',
         ADD "legal_form" character varying(32),
         ADD "registered_address" character varying(300),
         ADD "approval_number" character varying(100),
         ADD "approval_authority" character varying(200),
         ADD "representative_capacity" character varying(200)`,
    );
    // Back into the shared row: the details of the network that knew the organisation first.
    await queryRunner.query(
      `UPDATE "organisations" o
          SET "employees" = coalesce(n."staff", 0), "home_territory_id" = n."home_territory_id",
              "representative_name" = coalesce(n."representatives"->0->>'name', ''),
              "representative_title" = coalesce(n."representatives"->0->>'title', ''),
              "representative_email" = coalesce(n."representatives"->0->>'email', ''),
              "legal_form" = n."legal_form", "registered_address" = n."address",
              "approval_number" = n."approval_number",
              "approval_authority" = n."approval_authority",
              "representative_capacity" = n."representative_capacity"
         FROM (SELECT DISTINCT ON ("organisation_id") * FROM "network_organisations"
                ORDER BY "organisation_id", "created_at", "network_id") n
        WHERE n."organisation_id" = o."id"`,
    );
    for (const column of [
      'employees',
      'representative_name',
      'representative_title',
      'representative_email',
    ]) {
      await queryRunner.query(`ALTER TABLE "organisations" ALTER COLUMN "${column}" DROP DEFAULT`);
    }
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD CONSTRAINT "CHK_9bdbf4f3d3847f754ae443123d" CHECK ((employees >= 0))`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD CONSTRAINT "FK_54382b25a4f152fdcedc7d94ce8" FOREIGN KEY ("home_territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" DROP CONSTRAINT "FK_61fb037cca62d2d23e2e452d547"`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" DROP COLUMN "representative_capacity",
         DROP COLUMN "approval_authority", DROP COLUMN "home_territory_id"`,
    );
  }
}
