import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, a month's import under 5 s: the realised tables checked five foreign keys per entry
 * and six more per figure in force, 2.5 s of a 45,000-entry import. Entries and figures now name
 * "a member of this bid" and "a cell of this lot" by keys of two columns each: stronger, and two
 * checks where there were four. A figure no longer references its entry: that key made every
 * deleted entry scan the figures (nothing indexes entry_id); both go with their member or cell.
 */
export class RealisedWriteKeys1796666090952 implements MigrationInterface {
  name = 'RealisedWriteKeys1796666090952';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "realised_figures" DROP CONSTRAINT "FK_c282e44e80d8c4c691c3b42b190"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" DROP CONSTRAINT "FK_f09a81608ec036cae5b9f2cc008"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" DROP CONSTRAINT "FK_9e231c33dfb3da92e4cc7b36dea"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" DROP CONSTRAINT "FK_8f01c0fee9cbaa5780d12ad911a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" DROP CONSTRAINT "FK_70cf49f137bbfc1b46d0aa313fb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" DROP CONSTRAINT "FK_90a17c682823bfe3c7e69ff1bd0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" DROP CONSTRAINT "FK_e3c4142ae9563886ad9f49e5aad"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" DROP CONSTRAINT "FK_33b32fb70703773c99aaac8c5f1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" DROP CONSTRAINT "FK_93e761cc952688a509fd2ad225c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" DROP CONSTRAINT "FK_8ddb26993b28783a4f7f6e474aa"`,
    );
    await queryRunner.query(
      `ALTER TABLE "members" ADD CONSTRAINT "members_bid_id_key" UNIQUE ("bid_id", "id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_cells" ADD CONSTRAINT "lot_cells_lot_id_key" UNIQUE ("lot_id", "id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" ADD CONSTRAINT "FK_815984119707f1c1bd84f5ad103" FOREIGN KEY ("member_id", "bid_id") REFERENCES "members"("id","bid_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" ADD CONSTRAINT "FK_2d38f556e662d683d3f956135a5" FOREIGN KEY ("lot_cell_id", "lot_id") REFERENCES "lot_cells"("id","lot_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" ADD CONSTRAINT "FK_4b118e4edadb2b5965dad3e7f65" FOREIGN KEY ("member_id", "bid_id") REFERENCES "members"("id","bid_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" ADD CONSTRAINT "FK_7abcc10ded27b2baab8fbf65585" FOREIGN KEY ("lot_cell_id", "lot_id") REFERENCES "lot_cells"("id","lot_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "realised_entries" DROP CONSTRAINT "FK_7abcc10ded27b2baab8fbf65585"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" DROP CONSTRAINT "FK_4b118e4edadb2b5965dad3e7f65"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" DROP CONSTRAINT "FK_2d38f556e662d683d3f956135a5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" DROP CONSTRAINT "FK_815984119707f1c1bd84f5ad103"`,
    );
    await queryRunner.query(`ALTER TABLE "lot_cells" DROP CONSTRAINT "lot_cells_lot_id_key"`);
    await queryRunner.query(`ALTER TABLE "members" DROP CONSTRAINT "members_bid_id_key"`);
    await queryRunner.query(
      `ALTER TABLE "realised_entries" ADD CONSTRAINT "FK_8ddb26993b28783a4f7f6e474aa" FOREIGN KEY ("lot_cell_id") REFERENCES "lot_cells"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" ADD CONSTRAINT "FK_93e761cc952688a509fd2ad225c" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" ADD CONSTRAINT "FK_33b32fb70703773c99aaac8c5f1" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" ADD CONSTRAINT "FK_e3c4142ae9563886ad9f49e5aad" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" ADD CONSTRAINT "FK_90a17c682823bfe3c7e69ff1bd0" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" ADD CONSTRAINT "FK_70cf49f137bbfc1b46d0aa313fb" FOREIGN KEY ("entry_id") REFERENCES "realised_entries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" ADD CONSTRAINT "FK_8f01c0fee9cbaa5780d12ad911a" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" ADD CONSTRAINT "FK_9e231c33dfb3da92e4cc7b36dea" FOREIGN KEY ("lot_cell_id") REFERENCES "lot_cells"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" ADD CONSTRAINT "FK_f09a81608ec036cae5b9f2cc008" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" ADD CONSTRAINT "FK_c282e44e80d8c4c691c3b42b190" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }
}
