import { MigrationInterface, QueryRunner } from 'typeorm';

export class ContractReports1796588261897 implements MigrationInterface {
  name = 'ContractReports1796588261897';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "job_requests" DROP CONSTRAINT "CHK_fa98a0c8e51823f76283bb3607"`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" DROP CONSTRAINT "CHK_f2be2a9030683d53755b0ece74"`,
    );
    await queryRunner.query(
      `CREATE TABLE "report_approvals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bid_id" uuid NOT NULL, "report_id" uuid NOT NULL, "member_id" uuid NOT NULL, "approved_by" uuid, "approver_label" character varying(200) NOT NULL, "approved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "report_approvals_report_member_key" UNIQUE ("report_id", "member_id"), CONSTRAINT "PK_3c9a5f3701e451d1f830059ac4a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "job_requests" ADD CONSTRAINT "CHK_ab6e7b66d1cb6fbf5c7e181b84" CHECK ("kind" IN ('ALLOCATION_RUN', 'SCENARIO_IMPORT', 'DOCUMENTS', 'SIGNING', 'CONTRACT_REPORT'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "CHK_70d4c7a7f59cbea5e53c4e91aa" CHECK ("kind" IN ('CONVENTION', 'DC1', 'DC4', 'XLSX', 'CSV', 'OCDS', 'AMENDMENT', 'BUYER_LETTER', 'INSERTION_XLSX', 'INSERTION_PDF', 'EVALUATION', 'OCDS_CONTRACT'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_approvals" ADD CONSTRAINT "FK_44393714c0ada9ab5a172b34fa5" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_approvals" ADD CONSTRAINT "FK_049ce5638cf7c5c633062ff00c2" FOREIGN KEY ("report_id") REFERENCES "job_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_approvals" ADD CONSTRAINT "FK_cda01c4dae310210fea45196589" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "report_approvals" DROP CONSTRAINT "FK_cda01c4dae310210fea45196589"`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_approvals" DROP CONSTRAINT "FK_049ce5638cf7c5c633062ff00c2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_approvals" DROP CONSTRAINT "FK_44393714c0ada9ab5a172b34fa5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" DROP CONSTRAINT "CHK_70d4c7a7f59cbea5e53c4e91aa"`,
    );
    await queryRunner.query(
      `ALTER TABLE "job_requests" DROP CONSTRAINT "CHK_ab6e7b66d1cb6fbf5c7e181b84"`,
    );
    await queryRunner.query(`DROP TABLE "report_approvals"`);
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "CHK_f2be2a9030683d53755b0ece74" CHECK (((kind)::text = ANY ((ARRAY['CONVENTION'::character varying, 'DC1'::character varying, 'DC4'::character varying, 'XLSX'::character varying, 'CSV'::character varying, 'OCDS'::character varying, 'AMENDMENT'::character varying, 'BUYER_LETTER'::character varying])::text[])))`,
    );
    await queryRunner.query(
      `ALTER TABLE "job_requests" ADD CONSTRAINT "CHK_fa98a0c8e51823f76283bb3607" CHECK (((kind)::text = ANY ((ARRAY['ALLOCATION_RUN'::character varying, 'SCENARIO_IMPORT'::character varying, 'DOCUMENTS'::character varying, 'SIGNING'::character varying])::text[])))`,
    );
  }
}
