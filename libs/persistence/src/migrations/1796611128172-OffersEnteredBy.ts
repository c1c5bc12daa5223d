import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who entered each offer and when: the member's editor, or a coordinator on its behalf (by
 * phone), shown to the member. Offers already there (imported) name nobody.
 */
export class OffersEnteredBy1796611128172 implements MigrationInterface {
  name = 'OffersEnteredBy1796611128172';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "offers" ADD "entered_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "offers" ADD "on_behalf" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `ALTER TABLE "offers" ADD "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "offers" DROP COLUMN "entered_at"`);
    await queryRunner.query(`ALTER TABLE "offers" DROP COLUMN "on_behalf"`);
    await queryRunner.query(`ALTER TABLE "offers" DROP COLUMN "entered_by_id"`);
  }
}
