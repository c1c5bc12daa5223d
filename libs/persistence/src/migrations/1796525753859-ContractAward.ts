import type { MigrationInterface, QueryRunner } from 'typeorm';

/** After the award: each lot won or lost with its amount, and the contract's planned split. */
export class ContractAward1796525753859 implements MigrationInterface {
  name = 'ContractAward1796525753859';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "lot_awards" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bid_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "outcome" character varying(8) NOT NULL, "awarded_on" date NOT NULL, "awarded_cents" bigint, "version_id" uuid NOT NULL, "recorded_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "lot_awards_bid_lot_key" UNIQUE ("bid_id", "lot_id"), CONSTRAINT "CHK_b954b9ef99c64de938124b3e03" CHECK ("awarded_cents" > 0), CONSTRAINT "CHK_48ae2cf452ed2b31f1ad786eb7" CHECK (("outcome" = 'WON') = ("awarded_cents" IS NOT NULL)), CONSTRAINT "CHK_caf26c91706d752ddf5109a5c9" CHECK ("outcome" IN ('WON', 'LOST')), CONSTRAINT "PK_b4152894f1e13143e5140aca87b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "planned_cells" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bid_id" uuid NOT NULL, "member_id" uuid, "lot_id" uuid NOT NULL, "lot_cell_id" uuid NOT NULL, "hundredths" bigint NOT NULL, "amount_cents" bigint NOT NULL, "insertion_hours" integer NOT NULL, CONSTRAINT "CHK_e63f5497408907f375ad3d577e" CHECK ("hundredths" >= 0 AND "amount_cents" >= 0 AND "insertion_hours" >= 0), CONSTRAINT "PK_7b2c2c5092c8ba5ca5ab29259b3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "planned_cells_bid_idx" ON "planned_cells"  ("bid_id", "lot_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_awards" ADD CONSTRAINT "FK_bd73af8e610fc75a80052d8a3a3" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_awards" ADD CONSTRAINT "FK_d69cf2467042ded3e1dadf0396e" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "planned_cells" ADD CONSTRAINT "FK_671cea3ca265ba63e6446bdff8b" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "planned_cells" ADD CONSTRAINT "FK_100fae963ba5f956b7c26dd5dc5" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "planned_cells" ADD CONSTRAINT "FK_ddcc70ca96fb9c61f9045ab9f59" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "planned_cells" ADD CONSTRAINT "FK_00ea5e57daebc35b9b73fcb5f74" FOREIGN KEY ("lot_cell_id") REFERENCES "lot_cells"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "planned_cells" DROP CONSTRAINT "FK_00ea5e57daebc35b9b73fcb5f74"`,
    );
    await queryRunner.query(
      `ALTER TABLE "planned_cells" DROP CONSTRAINT "FK_ddcc70ca96fb9c61f9045ab9f59"`,
    );
    await queryRunner.query(
      `ALTER TABLE "planned_cells" DROP CONSTRAINT "FK_100fae963ba5f956b7c26dd5dc5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "planned_cells" DROP CONSTRAINT "FK_671cea3ca265ba63e6446bdff8b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_awards" DROP CONSTRAINT "FK_d69cf2467042ded3e1dadf0396e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_awards" DROP CONSTRAINT "FK_bd73af8e610fc75a80052d8a3a3"`,
    );
    await queryRunner.query(`DROP INDEX "public"."planned_cells_bid_idx"`);
    await queryRunner.query(`DROP TABLE "planned_cells"`);
    await queryRunner.query(`DROP TABLE "lot_awards"`);
  }
}
