import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, renewal: a bid started from a finished one keeps the link to it and what was carried
 * over (members, offers, caps, the last signed split) with the diff between the two tenders.
 */
export class BidRenewals1796641360023 implements MigrationInterface {
  name = 'BidRenewals1796641360023';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "bid_renewals" ("bid_id" uuid NOT NULL, "previous_bid_id" uuid NOT NULL, "carry_over" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ee276fdc4e1eae5c5922b37a084" PRIMARY KEY ("bid_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "bid_renewals_previous_bid_idx" ON "bid_renewals"  ("previous_bid_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "bid_renewals" ADD CONSTRAINT "FK_ee276fdc4e1eae5c5922b37a084" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bid_renewals" ADD CONSTRAINT "FK_57b1a5609573f05b86ddd4e1288" FOREIGN KEY ("previous_bid_id") REFERENCES "bids"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "bid_renewals" DROP CONSTRAINT "FK_57b1a5609573f05b86ddd4e1288"`,
    );
    await queryRunner.query(
      `ALTER TABLE "bid_renewals" DROP CONSTRAINT "FK_ee276fdc4e1eae5c5922b37a084"`,
    );
    await queryRunner.query(`DROP INDEX "public"."bid_renewals_previous_bid_idx"`);
    await queryRunner.query(`DROP TABLE "bid_renewals"`);
  }
}
