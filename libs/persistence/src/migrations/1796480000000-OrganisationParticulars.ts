import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organisation's particulars, entered once and printed by every bid's documents (legal form,
 * registered address, approval and its authority, the representative's capacity), and a lot's
 * nature for annex A. All nullable: the documents print « à compléter » until they are entered.
 */
export class OrganisationParticulars1796480000000 implements MigrationInterface {
  name = 'OrganisationParticulars1796480000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisations" ADD "legal_form" character varying(32)`);
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD "registered_address" character varying(300)`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD "approval_number" character varying(100)`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD "approval_authority" character varying(200)`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD "representative_capacity" character varying(200)`,
    );
    await queryRunner.query(`ALTER TABLE "lots" ADD "nature" character varying(500)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lots" DROP COLUMN "nature"`);
    for (const column of [
      'representative_capacity',
      'approval_authority',
      'approval_number',
      'registered_address',
      'legal_form',
    ]) {
      await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "${column}"`);
    }
  }
}
