import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two composition rules funders write: at most N members, and a territorial coverage (at least N
 * départements, provinces or regions covered by the members' work; domain, territories/coverage.ts).
 */
export class CompositionCoverage1796611207035 implements MigrationInterface {
  name = 'CompositionCoverage1796611207035';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bids" ADD "max_members" integer`);
    await queryRunner.query(`ALTER TABLE "bids" ADD "min_coverage_level" character varying(16)`);
    await queryRunner.query(`ALTER TABLE "bids" ADD "min_coverage_count" integer`);
    await queryRunner.query(
      `ALTER TABLE "bids" ADD CONSTRAINT "CHK_349dc3659bf28842dd4d8b9ef1" CHECK (("min_coverage_level" IS NULL) = ("min_coverage_count" IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "bids" ADD CONSTRAINT "CHK_eaded1cb24cc6d118eacfcd322" CHECK ("min_coverage_count" > 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "bids" ADD CONSTRAINT "CHK_e87b25839e92467e94a0a2c2c5" CHECK ("min_coverage_level" IN ('DEPARTEMENT', 'PROVINCE', 'REGION'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "bids" ADD CONSTRAINT "CHK_f6792773ca1c22a4c5c1e76e55" CHECK ("max_members" > 0)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bids" DROP CONSTRAINT "CHK_f6792773ca1c22a4c5c1e76e55"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP CONSTRAINT "CHK_e87b25839e92467e94a0a2c2c5"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP CONSTRAINT "CHK_eaded1cb24cc6d118eacfcd322"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP CONSTRAINT "CHK_349dc3659bf28842dd4d8b9ef1"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP COLUMN "min_coverage_count"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP COLUMN "min_coverage_level"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP COLUMN "max_members"`);
  }
}
