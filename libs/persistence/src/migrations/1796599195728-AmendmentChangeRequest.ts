import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An amendment (and its letter to the buyer) names the change request it carries. The existing
 * ones are backfilled from their rendering request's parameters, the frozen-document guard set
 * aside for this one statement (it changes no byte nor anything a signature covers).
 */
export class AmendmentChangeRequest1796599195728 implements MigrationInterface {
  name = 'AmendmentChangeRequest1796599195728';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "documents" ADD "change_request_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "FK_ab58f3be01f30174a9c77482d81" FOREIGN KEY ("change_request_id") REFERENCES "change_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "documents" DISABLE TRIGGER documents_frozen_guard`);
    await queryRunner.query(
      `UPDATE "documents" d SET "change_request_id" = (r."parameters"->>'changeRequestId')::uuid
       FROM "job_requests" r
       WHERE r."id" = d."request_id" AND d."kind" IN ('AMENDMENT', 'BUYER_LETTER')
         AND r."parameters"->>'changeRequestId' IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "documents" ENABLE TRIGGER documents_frozen_guard`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "documents" DROP CONSTRAINT "FK_ab58f3be01f30174a9c77482d81"`,
    );
    await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "change_request_id"`);
  }
}
