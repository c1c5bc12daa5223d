import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The figures in force and the totals per member, lot and period, kept beside the append-only
 * entries; backfilled from them and from the planned periods.
 */
export class RealisedFigures1796530500000 implements MigrationInterface {
  name = 'RealisedFigures1796530500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "realised_figures" ("bid_id" uuid NOT NULL, "member_id" uuid NOT NULL, "lot_cell_id" uuid NOT NULL, "period_number" integer NOT NULL, "lot_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "hours" numeric(12,2) NOT NULL, "revenue_cents" bigint NOT NULL, "insertion_hours" numeric(12,2) NOT NULL, "insertion_people" integer NOT NULL, "corrections" integer NOT NULL, CONSTRAINT "CHK_fc5e41489e277911da74808c96" CHECK ("corrections" >= 0), CONSTRAINT "CHK_8925987218e8d505c498360109" CHECK ("period_number" >= 1), CONSTRAINT "PK_66263209a2a79de94eb1c18a2ff" PRIMARY KEY ("bid_id", "member_id", "lot_cell_id", "period_number"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "realised_period_totals" ("bid_id" uuid NOT NULL, "member_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "period_number" integer NOT NULL, "planned_hundredths" bigint NOT NULL, "planned_cents" bigint NOT NULL, "planned_insertion_hours" bigint NOT NULL, "realised_hours" numeric(14,2) NOT NULL, "realised_cents" bigint NOT NULL, "realised_insertion_hours" numeric(14,2) NOT NULL, "insertion_people" bigint NOT NULL, "declared_cells" integer NOT NULL, "corrections" integer NOT NULL, CONSTRAINT "CHK_f70b8bb27e184c48de74ecd4cb" CHECK ("declared_cells" >= 0 AND "corrections" >= 0), CONSTRAINT "CHK_d482122e2a1e7e1e40295e9a01" CHECK ("period_number" >= 1), CONSTRAINT "PK_b70d0da3b4b5e5258760497dc69" PRIMARY KEY ("bid_id", "member_id", "lot_id", "period_number"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "planned_cells_member_idx" ON "planned_cells" ("bid_id", "member_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" ADD CONSTRAINT "FK_c282e44e80d8c4c691c3b42b190" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" ADD CONSTRAINT "FK_f09a81608ec036cae5b9f2cc008" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" ADD CONSTRAINT "FK_9e231c33dfb3da92e4cc7b36dea" FOREIGN KEY ("lot_cell_id") REFERENCES "lot_cells"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" ADD CONSTRAINT "FK_8f01c0fee9cbaa5780d12ad911a" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" ADD CONSTRAINT "FK_70cf49f137bbfc1b46d0aa313fb" FOREIGN KEY ("entry_id") REFERENCES "realised_entries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_period_totals" ADD CONSTRAINT "FK_3cbc588add6b0d79555b0b3bce2" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_period_totals" ADD CONSTRAINT "FK_f95ab533b3d7865696646c88fbb" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_period_totals" ADD CONSTRAINT "FK_742e7bf3e25d103b6edb94230b5" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Backfill: the latest entry per key (recorded_at then id, as the reads ordered them).
    await queryRunner.query(`INSERT INTO "realised_figures" ("bid_id", "member_id", "lot_cell_id", "period_number", "lot_id", "entry_id", "hours", "revenue_cents", "insertion_hours", "insertion_people", "corrections")
          SELECT DISTINCT ON (e.bid_id, e.member_id, e.lot_cell_id, e.period_number)
            e.bid_id, e.member_id, e.lot_cell_id, e.period_number, e.lot_id, e.id, e.hours, e.revenue_cents, e.insertion_hours, e.insertion_people,
            count(*) OVER (PARTITION BY e.bid_id, e.member_id, e.lot_cell_id, e.period_number) - 1
          FROM "realised_entries" e
          ORDER BY e.bid_id, e.member_id, e.lot_cell_id, e.period_number, e.recorded_at DESC, e.id DESC`);
    await queryRunner.query(`INSERT INTO "realised_period_totals" ("bid_id", "member_id", "lot_id", "period_number", "planned_hundredths", "planned_cents", "planned_insertion_hours", "realised_hours", "realised_cents", "realised_insertion_hours", "insertion_people", "declared_cells", "corrections")
          SELECT coalesce(p.bid_id, r.bid_id), coalesce(p.member_id, r.member_id), coalesce(p.lot_id, r.lot_id), coalesce(p.period_number, r.period_number),
            coalesce(p.hundredths, 0), coalesce(p.cents, 0), coalesce(p.insertion, 0),
            coalesce(r.hours, 0), coalesce(r.cents, 0), coalesce(r.insertion, 0), coalesce(r.people, 0), coalesce(r.cells, 0), coalesce(r.corrections, 0)
          FROM (SELECT bid_id, member_id, lot_id, period_number, sum(hundredths) AS hundredths, sum(amount_cents) AS cents, sum(insertion_hours) AS insertion
                FROM "planned_periods" GROUP BY 1, 2, 3, 4) p
          FULL JOIN (SELECT bid_id, member_id, lot_id, period_number, sum(hours) AS hours, sum(revenue_cents) AS cents, sum(insertion_hours) AS insertion,
                       sum(insertion_people) AS people, count(*) AS cells, sum(corrections) AS corrections
                     FROM "realised_figures" GROUP BY 1, 2, 3, 4) r
            ON r.bid_id = p.bid_id AND r.member_id = p.member_id AND r.lot_id = p.lot_id AND r.period_number = p.period_number`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "realised_period_totals" DROP CONSTRAINT "FK_742e7bf3e25d103b6edb94230b5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_period_totals" DROP CONSTRAINT "FK_f95ab533b3d7865696646c88fbb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_period_totals" DROP CONSTRAINT "FK_3cbc588add6b0d79555b0b3bce2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" DROP CONSTRAINT "FK_70cf49f137bbfc1b46d0aa313fb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" DROP CONSTRAINT "FK_8f01c0fee9cbaa5780d12ad911a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" DROP CONSTRAINT "FK_9e231c33dfb3da92e4cc7b36dea"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" DROP CONSTRAINT "FK_f09a81608ec036cae5b9f2cc008"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" DROP CONSTRAINT "FK_c282e44e80d8c4c691c3b42b190"`,
    );
    await queryRunner.query(`DROP TABLE "realised_period_totals"`);
    await queryRunner.query(`DROP TABLE "realised_figures"`);
    await queryRunner.query(`DROP INDEX "public"."planned_cells_member_idx"`);
  }
}
