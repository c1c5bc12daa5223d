import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every request reads its user's grants; the bid's read lists its subcontracts. */
export class AccessReadIndexes1796510767504 implements MigrationInterface {
  name = 'AccessReadIndexes1796510767504';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_d91c8ac0c10fd8c6acdcc5ee94" ON "role_assignments"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_77d5964bd1309479a1950a39d5" ON "subcontracts"  ("bid_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_77d5964bd1309479a1950a39d5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d91c8ac0c10fd8c6acdcc5ee94"`);
  }
}
