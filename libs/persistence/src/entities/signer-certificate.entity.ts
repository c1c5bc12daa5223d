import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CertificateSource } from '@cordage/domain';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';
import { ManyToOneRef, RefColumn, TimestampColumn, CreatedAt } from './references';

/**
 * A signatory's certificate for one organisation: issued by the platform on first signature, or
 * the member's own PKCS#12. The private key is sealed with the master key, never kept in clear.
 * Renewing revokes the current one; the next signature gets a new one.
 */
@Entity('signer_certificates')
@Check(`"source" IN ('PLATFORM', 'PKCS12')`)
@Index('signer_certificates_one_active', ['userId', 'organisationId'], {
  unique: true,
  where: '"revoked_at" IS NULL',
})
export class SignerCertificateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOneRef(() => UserEntity, { onDelete: 'RESTRICT' })
  user!: UserEntity;

  @RefColumn('user_id')
  userId!: string;

  @ManyToOneRef(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  organisation!: OrganisationEntity;

  @RefColumn('organisation_id')
  organisationId!: string;

  @Column({ type: 'varchar', length: 10 })
  source!: CertificateSource;

  @Column({ name: 'certificate_pem', type: 'text' })
  certificatePem!: string;

  /** Intermediates and root to embed with the signature (a PKCS#12's chain). */
  @Column({ name: 'chain_pems', type: 'jsonb', default: [] })
  chainPems!: string[];

  @Column({ name: 'sealed_private_key', type: 'text' })
  sealedPrivateKey!: string;

  @Column({ name: 'serial_number', type: 'varchar', length: 80 })
  serialNumber!: string;

  @Column({ type: 'varchar', length: 500 })
  subject!: string;

  @TimestampColumn('not_before')
  notBefore!: Date;

  @TimestampColumn('not_after')
  notAfter!: Date;

  @TimestampColumn('revoked_at', { nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revocation_reason', type: 'varchar', length: 200, nullable: true })
  revocationReason!: string | null;

  @CreatedAt()
  createdAt!: Date;
}
