import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What each network knows of the organisations of its directory, seen by that network only. */

export class NetworkDirectory1796588566883 implements MigrationInterface {
  name = 'NetworkDirectory1796588566883';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD "legal_form" character varying(32)`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD "address" character varying(300)`,
    );
    await queryRunner.query(`ALTER TABLE "network_organisations" ADD "staff" integer`);
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD "approval_number" character varying(100)`,
    );
    await queryRunner.query(`ALTER TABLE "network_organisations" ADD "approval_date" date`);
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD "territories" character varying(80) array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD "contact_name" character varying(200)`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD "contact_email" character varying(320)`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD "contact_phone" character varying(40)`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD "representatives" jsonb NOT NULL DEFAULT '[]'`,
    );
    await queryRunner.query(`ALTER TABLE "network_organisations" ADD "max_hours" integer`);
    await queryRunner.query(`ALTER TABLE "network_organisations" ADD "max_revenue_cents" bigint`);
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD "max_insertion_hours" integer`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD CONSTRAINT "CHK_4dc2ac747af420341aea3a4387" CHECK ("max_insertion_hours" >= 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD CONSTRAINT "CHK_88bce6598f3c97eaf649f30d4c" CHECK ("max_revenue_cents" >= 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD CONSTRAINT "CHK_d1fcce13d67ecda0cb221b1a97" CHECK ("max_hours" >= 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" ADD CONSTRAINT "CHK_2674212421ee3ae78bba912b6a" CHECK ("staff" >= 0)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "network_organisations" DROP CONSTRAINT "CHK_2674212421ee3ae78bba912b6a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" DROP CONSTRAINT "CHK_d1fcce13d67ecda0cb221b1a97"`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" DROP CONSTRAINT "CHK_88bce6598f3c97eaf649f30d4c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_organisations" DROP CONSTRAINT "CHK_4dc2ac747af420341aea3a4387"`,
    );
    await queryRunner.query(`ALTER TABLE "network_organisations" DROP COLUMN "updated_at"`);
    await queryRunner.query(
      `ALTER TABLE "network_organisations" DROP COLUMN "max_insertion_hours"`,
    );
    await queryRunner.query(`ALTER TABLE "network_organisations" DROP COLUMN "max_revenue_cents"`);
    await queryRunner.query(`ALTER TABLE "network_organisations" DROP COLUMN "max_hours"`);
    await queryRunner.query(`ALTER TABLE "network_organisations" DROP COLUMN "representatives"`);
    await queryRunner.query(`ALTER TABLE "network_organisations" DROP COLUMN "contact_phone"`);
    await queryRunner.query(`ALTER TABLE "network_organisations" DROP COLUMN "contact_email"`);
    await queryRunner.query(`ALTER TABLE "network_organisations" DROP COLUMN "contact_name"`);
    await queryRunner.query(`ALTER TABLE "network_organisations" DROP COLUMN "territories"`);
    await queryRunner.query(`ALTER TABLE "network_organisations" DROP COLUMN "approval_date"`);
    await queryRunner.query(`ALTER TABLE "network_organisations" DROP COLUMN "approval_number"`);
    await queryRunner.query(`ALTER TABLE "network_organisations" DROP COLUMN "staff"`);
    await queryRunner.query(`ALTER TABLE "network_organisations" DROP COLUMN "address"`);
    await queryRunner.query(`ALTER TABLE "network_organisations" DROP COLUMN "legal_form"`);
  }
}
