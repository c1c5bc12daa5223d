import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The convention's defaults changed (notice to leave: 90 days -> 8; payment: one account run by
 * the mandataire -> direct payment of each member). A bid keeps in
 * `convention_settings` only what its coordinators chose; the defaults fill the rest when it is
 * read. A bid that already has a convention keeps the values its documents print: the old
 * defaults are written into its settings, so that the bid's page and any new rendering say what
 * the members read. Reverting changes nothing: the values written are those the old code read.
 *
 * The court chosen by a bid's coordinators is no setting any more (the disputes clause leaves
 * jurisdiction to the ordinary rules of law): it is removed; reverting gives back the old default.
 */
export class ConventionSettingsDefaults1796470000000 implements MigrationInterface {
  name = 'ConventionSettingsDefaults1796470000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "bids"
       SET "convention_settings" =
         '{"exitNoticeDays": 90, "paymentFlow": "MANDATAIRE_ACCOUNT"}'::jsonb || "convention_settings"
       WHERE EXISTS (SELECT 1 FROM "documents" WHERE "documents"."bid_id" = "bids"."id"
                       AND "documents"."kind" = 'CONVENTION')`,
    );
    await queryRunner.query(
      `UPDATE "bids" SET "convention_settings" = "convention_settings" - 'court'
       WHERE "convention_settings" ? 'court'`,
    );
  }

  public async down(): Promise<void> {
    // The old defaults written stay true for the old code.
  }
}
