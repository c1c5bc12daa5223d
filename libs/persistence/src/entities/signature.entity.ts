import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DocumentEntity } from './document.entity';
import { MemberEntity } from './member.entity';
import { SignerCertificateEntity } from './signer-certificate.entity';
import { JobRequestEntity } from './job-request.entity';

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

  @ManyToOne(() => DocumentEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id' })
  document!: DocumentEntity;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => MemberEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member!: MemberEntity;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => JobRequestEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'signing_request_id' })
  signingRequest!: JobRequestEntity;

  @Column({ name: 'signing_request_id', type: 'uuid' })
  signingRequestId!: string;

  @ManyToOne(() => SignerCertificateEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'certificate_id' })
  certificate!: SignerCertificateEntity;

  @Column({ name: 'certificate_id', type: 'uuid' })
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

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'proof_storage_key', type: 'varchar', length: 200 })
  proofStorageKey!: string;

  @Column({ name: 'proof_sha256', type: 'char', length: 64 })
  proofSha256!: string;
}
