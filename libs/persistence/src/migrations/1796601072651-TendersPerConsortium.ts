import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each bid has its own copy of the tender it answers: several consortia (of one network or of
 * several) may answer one tender, under the rules of R2142-21 and R2142-23 (domain, same-tender.ts).
 */
export class TendersPerConsortium1796601072651 implements MigrationInterface {
  name = 'TendersPerConsortium1796601072651';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenders" DROP CONSTRAINT "tenders_buyer_reference_key"`);
    await queryRunner.query(
      `ALTER TABLE "tenders" ADD "exclusive_membership" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `CREATE INDEX "tenders_buyer_reference_idx" ON "tenders"  ("buyer_id_scheme", "buyer_id_value", "reference") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."tenders_buyer_reference_idx"`);
    await queryRunner.query(`ALTER TABLE "tenders" DROP COLUMN "exclusive_membership"`);
    await queryRunner.query(
      `ALTER TABLE "tenders" ADD CONSTRAINT "tenders_buyer_reference_key" UNIQUE ("reference", "buyer_id_scheme", "buyer_id_value")`,
    );
  }
}
