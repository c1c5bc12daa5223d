import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DocumentEntity } from './document.entity';
import { MemberEntity } from './member.entity';
import { SignerCertificateEntity } from './signer-certificate.entity';
import { JobRequestEntity } from './job-request.entity';
import { ManyToOneRef, RefColumn, TimestampColumn } from './references';

/**
 * One member's signature of a frozen document: the revision it made (revision n begins with the
 * bytes of revision n-1), its SHA-256, and the proof file as of that revision. One per member.
 */
@Entity('signatures')
@Unique('signatures_document_member_key', ['documentId', 'memberId'])
@Unique('signatures_document_revision_key', ['documentId', 'revision'])
export class SignatureEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOneRef(() => DocumentEntity, { onDelete: 'RESTRICT' })
  document!: DocumentEntity;

  @RefColumn('document_id')
  documentId!: string;

  @ManyToOneRef(() => MemberEntity, { onDelete: 'RESTRICT' })
  member!: MemberEntity;

  @RefColumn('member_id')
  memberId!: string;

  @RefColumn('user_id')
  userId!: string;

  @ManyToOneRef(() => JobRequestEntity, { onDelete: 'RESTRICT' })
  signingRequest!: JobRequestEntity;

  @RefColumn('signing_request_id')
  signingRequestId!: string;

  @ManyToOneRef(() => SignerCertificateEntity, { onDelete: 'RESTRICT' })
  certificate!: SignerCertificateEntity;

  @RefColumn('certificate_id')
  certificateId!: string;

  /** 1 for the first signature of the document. */
  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'storage_key', type: 'varchar', length: 200 })
  storageKey!: string;

  @Column({ name: 'signer_name', type: 'varchar', length: 200 })
  signerName!: string;

  /** The signatory's capacity, as the representative's title says (Directrice, Gérant…). */
  @Column({ type: 'varchar', length: 200 })
  capacity!: string;

  @TimestampColumn('signed_at')
  signedAt!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'proof_storage_key', type: 'varchar', length: 200 })
  proofStorageKey!: string;

  @Column({ name: 'proof_sha256', type: 'char', length: 64 })
  proofSha256!: string;
}
