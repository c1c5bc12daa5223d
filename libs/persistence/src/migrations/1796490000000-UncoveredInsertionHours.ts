import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Results now give the uncovered part of a lot its share of the insertion hours. Versions computed
 * before gave all of them to the members, so their uncovered entries carried none: 0 is true.
 */
export class UncoveredInsertionHours1796490000000 implements MigrationInterface {
  name = 'UncoveredInsertionHours1796490000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE "allocation_versions"
      SET "result" = jsonb_set("result", '{uncovered}', (
        SELECT coalesce(jsonb_agg('{"insertionHours": 0}'::jsonb || entry ORDER BY position), '[]')
        FROM jsonb_array_elements("result"->'uncovered') WITH ORDINALITY AS e(entry, position)
      ))
      WHERE jsonb_typeof("result"->'uncovered') = 'array'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE "allocation_versions"
      SET "result" = jsonb_set("result", '{uncovered}', (
        SELECT coalesce(jsonb_agg(entry - 'insertionHours' ORDER BY position), '[]')
        FROM jsonb_array_elements("result"->'uncovered') WITH ORDINALITY AS e(entry, position)
      ))
      WHERE jsonb_typeof("result"->'uncovered') = 'array'`);
  }
}
