import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Signatures1795693886057 implements MigrationInterface {
  name = 'Signatures1795693886057';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "platform_keys" ("purpose" character varying(8) NOT NULL, "certificate_pem" text NOT NULL, "sealed_private_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_1e5cce74add4efe4ab516e76c9" CHECK ("purpose" IN ('CA', 'SEAL')), CONSTRAINT "PK_44bd08bc4a1252cf4c4e8da51e1" PRIMARY KEY ("purpose"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "signer_certificates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "source" character varying(10) NOT NULL, "certificate_pem" text NOT NULL, "chain_pems" jsonb NOT NULL DEFAULT '[]', "sealed_private_key" text NOT NULL, "serial_number" character varying(80) NOT NULL, "subject" character varying(500) NOT NULL, "not_before" TIMESTAMP WITH TIME ZONE NOT NULL, "not_after" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revocation_reason" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_cad1b07fe723745c0ac5e997b7" CHECK ("source" IN ('PLATFORM', 'PKCS12')), CONSTRAINT "PK_ba60be89fe2528263ab3448cdf0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "signer_certificates_one_active" ON "signer_certificates"  ("user_id", "organisation_id") WHERE "revoked_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "signature_codes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "member_id" uuid NOT NULL, "user_id" uuid NOT NULL, "code_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_eabe3d6a3e47dd5217eed85845e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f167c48a6e553ec58525d54d40" ON "signature_codes"  ("document_id", "member_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "signing_requests" ("id" uuid NOT NULL, "document_id" uuid NOT NULL, "member_id" uuid NOT NULL, "user_id" uuid NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'PENDING', "ip" character varying(64), "request_id" character varying(100), "failure" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_8eea00ccc3ed4a54bd1b49c2d8" CHECK ("status" IN ('PENDING', 'DONE', 'FAILED')), CONSTRAINT "PK_9bb00f7da7f2cb267cf8eeebc3c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e15539f000151e15fbbdfec4f4" ON "signing_requests"  ("document_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "signatures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "member_id" uuid NOT NULL, "user_id" uuid NOT NULL, "signing_request_id" uuid NOT NULL, "certificate_id" uuid NOT NULL, "revision" integer NOT NULL, "sha256" character(64) NOT NULL, "storage_key" character varying(200) NOT NULL, "signer_name" character varying(200) NOT NULL, "capacity" character varying(200) NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ip" character varying(64), "proof_storage_key" character varying(200) NOT NULL, "proof_sha256" character(64) NOT NULL, CONSTRAINT "signatures_document_revision_key" UNIQUE ("document_id", "revision"), CONSTRAINT "signatures_document_member_key" UNIQUE ("document_id", "member_id"), CONSTRAINT "PK_f56eb3cd344ce7f9ae28ce814eb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "signer_certificates" ADD CONSTRAINT "FK_1572221a9fe150eaa19afd02e70" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signer_certificates" ADD CONSTRAINT "FK_cc2cc862b8bf618bcb1cfa067fa" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signature_codes" ADD CONSTRAINT "FK_af4b5a8021250ff9df5204e8fa4" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signature_codes" ADD CONSTRAINT "FK_f4ea8cb872d02e6f3c4219552ad" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signature_codes" ADD CONSTRAINT "FK_f35de1c25cad43c3c8446c98311" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signing_requests" ADD CONSTRAINT "FK_e15539f000151e15fbbdfec4f4e" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signing_requests" ADD CONSTRAINT "FK_06f07061bf23b56ac14b5dcf4af" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signatures" ADD CONSTRAINT "FK_f91a1f7ece9f297fbbabe2ec669" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signatures" ADD CONSTRAINT "FK_f2d1163b132a092b0c1c4442a63" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signatures" ADD CONSTRAINT "FK_b67c77e4595b9a4bf81635f6279" FOREIGN KEY ("signing_request_id") REFERENCES "signing_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signatures" ADD CONSTRAINT "FK_b79a010b373018afba0043c6a0f" FOREIGN KEY ("certificate_id") REFERENCES "signer_certificates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "signatures" DROP CONSTRAINT "FK_b79a010b373018afba0043c6a0f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "signatures" DROP CONSTRAINT "FK_b67c77e4595b9a4bf81635f6279"`,
    );
    await queryRunner.query(
      `ALTER TABLE "signatures" DROP CONSTRAINT "FK_f2d1163b132a092b0c1c4442a63"`,
    );
    await queryRunner.query(
      `ALTER TABLE "signatures" DROP CONSTRAINT "FK_f91a1f7ece9f297fbbabe2ec669"`,
    );
    await queryRunner.query(
      `ALTER TABLE "signing_requests" DROP CONSTRAINT "FK_06f07061bf23b56ac14b5dcf4af"`,
    );
    await queryRunner.query(
      `ALTER TABLE "signing_requests" DROP CONSTRAINT "FK_e15539f000151e15fbbdfec4f4e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "signature_codes" DROP CONSTRAINT "FK_f35de1c25cad43c3c8446c98311"`,
    );
    await queryRunner.query(
      `ALTER TABLE "signature_codes" DROP CONSTRAINT "FK_f4ea8cb872d02e6f3c4219552ad"`,
    );
    await queryRunner.query(
      `ALTER TABLE "signature_codes" DROP CONSTRAINT "FK_af4b5a8021250ff9df5204e8fa4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "signer_certificates" DROP CONSTRAINT "FK_cc2cc862b8bf618bcb1cfa067fa"`,
    );
    await queryRunner.query(
      `ALTER TABLE "signer_certificates" DROP CONSTRAINT "FK_1572221a9fe150eaa19afd02e70"`,
    );
    await queryRunner.query(`DROP TABLE "signatures"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e15539f000151e15fbbdfec4f4"`);
    await queryRunner.query(`DROP TABLE "signing_requests"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f167c48a6e553ec58525d54d40"`);
    await queryRunner.query(`DROP TABLE "signature_codes"`);
    await queryRunner.query(`DROP INDEX "public"."signer_certificates_one_active"`);
    await queryRunner.query(`DROP TABLE "signer_certificates"`);
    await queryRunner.query(`DROP TABLE "platform_keys"`);
  }
}
