import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders (« bons de commande ») of framework contracts and their split among the members; a
 * realised figure may name the order it carries out.
 */
export class Orders1796611695464 implements MigrationInterface {
  name = 'Orders1796611695464';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "orders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bid_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "number" character varying(100) NOT NULL, "ordered_on" date NOT NULL, "period_number" integer NOT NULL, "lot_cell_ids" uuid array NOT NULL, "amount_cents" bigint NOT NULL, "recorded_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "orders_bid_number_key" UNIQUE ("bid_id", "number"), CONSTRAINT "CHK_cb0b9c10849b0b612a8cf0691c" CHECK (cardinality("lot_cell_ids") >= 1), CONSTRAINT "CHK_2a3b78067f1a5fc1aab373630c" CHECK ("period_number" >= 1), CONSTRAINT "CHK_ca5f9d45825fda7e805dab6bdb" CHECK ("amount_cents" > 0), CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "orders_bid_lot_idx" ON "orders"  ("bid_id", "lot_id", "ordered_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "order_assignments" ("order_id" uuid NOT NULL, "member_id" uuid NOT NULL, "amount_cents" bigint NOT NULL, CONSTRAINT "CHK_bb9ced40daf22632cfea329cfd" CHECK ("amount_cents" >= 0), CONSTRAINT "PK_84269f3cfac20d86ecc11184914" PRIMARY KEY ("order_id", "member_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "order_assignments_member_idx" ON "order_assignments"  ("member_id") `,
    );
    await queryRunner.query(`ALTER TABLE "realised_entries" ADD "order_id" uuid`);
    await queryRunner.query(`ALTER TABLE "realised_figures" ADD "order_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "realised_figures_order_idx" ON "realised_figures"  ("order_id") WHERE "order_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "orders" ADD CONSTRAINT "FK_a0eb11d4dfa04571479629bce22" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "orders" ADD CONSTRAINT "FK_e33e9fc6606920da1ae85b22853" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_assignments" ADD CONSTRAINT "FK_2879b5a864ad805fe7332f68346" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_assignments" ADD CONSTRAINT "FK_6cdefa831b23be10285dfadff98" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" ADD CONSTRAINT "FK_ce50440329f52c23a3503185945" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_figures" ADD CONSTRAINT "FK_90a17c682823bfe3c7e69ff1bd0" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "realised_figures" DROP CONSTRAINT "FK_90a17c682823bfe3c7e69ff1bd0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "realised_entries" DROP CONSTRAINT "FK_ce50440329f52c23a3503185945"`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_assignments" DROP CONSTRAINT "FK_6cdefa831b23be10285dfadff98"`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_assignments" DROP CONSTRAINT "FK_2879b5a864ad805fe7332f68346"`,
    );
    await queryRunner.query(
      `ALTER TABLE "orders" DROP CONSTRAINT "FK_e33e9fc6606920da1ae85b22853"`,
    );
    await queryRunner.query(
      `ALTER TABLE "orders" DROP CONSTRAINT "FK_a0eb11d4dfa04571479629bce22"`,
    );
    await queryRunner.query(`DROP INDEX "public"."realised_figures_order_idx"`);
    await queryRunner.query(`ALTER TABLE "realised_figures" DROP COLUMN "order_id"`);
    await queryRunner.query(`ALTER TABLE "realised_entries" DROP COLUMN "order_id"`);
    await queryRunner.query(`DROP INDEX "public"."order_assignments_member_idx"`);
    await queryRunner.query(`DROP TABLE "order_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."orders_bid_lot_idx"`);
    await queryRunner.query(`DROP TABLE "orders"`);
  }
}
