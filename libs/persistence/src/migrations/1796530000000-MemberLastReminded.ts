import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When a coordinator last reminded each member ("Relancer"), shown in the member list. */
export class MemberLastReminded1796530000000 implements MigrationInterface {
  name = 'MemberLastReminded1796530000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "members" ADD "last_reminded_at" TIMESTAMP WITH TIME ZONE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "members" DROP COLUMN "last_reminded_at"`);
  }
}
