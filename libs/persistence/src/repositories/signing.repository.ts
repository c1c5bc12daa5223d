import { Injectable } from '@nestjs/common';
import { In, IsNull, Not, type SelectQueryBuilder } from 'typeorm';
import type { CertificateSource, MemberStatus } from '@cordage/domain';
import {
  DocumentEntity,
  MemberEntity,
  NetworkOrganisationEntity,
  PlatformKeyEntity,
  type PlatformKeyPurpose,
  RoleAssignmentEntity,
  SignatureCodeEntity,
  SignatureEntity,
  SignerCertificateEntity,
  TerritoryEntity,
  UserEntity,
} from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

/** Serialises the making of the platform's keys: two processes starting together make one set. */
const PLATFORM_KEYS_LOCK = 7_242_002;

export interface PlatformKey {
  certificatePem: string;
  sealedPrivateKey: string;
}

/** The capacity a signatory who is not the organisation's representative signs in. */
export const OTHER_SIGNATORY_CAPACITY = 'signataire habilité(e) de l’organisation';

/** What a signature says of the member and the person signing. */
export interface SigningParty {
  memberId: string;
  memberKey: string;
  role: string;
  status: MemberStatus;
  organisationId: string;
  legalName: string;
  idScheme: string;
  idValue: string;
  capacity: string;
  location: string;
  userId: string;
  userName: string;
  userEmail: string;
  /** The person holds the SIGNATORY role for the member's organisation. */
  signsForOrganisation: boolean;
}

export interface NewCertificate {
  source: CertificateSource;
  certificatePem: string;
  chainPems: string[];
  sealedPrivateKey: string;
  serialNumber: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
}

/** One signature as recorded: the revision it made and the file of proof sealed with it. */
export interface NewSignature {
  documentId: string;
  memberId: string;
  userId: string;
  signingRequestId: string;
  certificateId: string;
  revision: number;
  sha256: string;
  storageKey: string;
  signerName: string;
  capacity: string;
  signedAt: Date;
  ip: string | null;
  proofStorageKey: string;
  proofSha256: string;
}

export interface SignatureSummary {
  documentId: string;
  revision: number;
  memberId: string;
  memberKey: string;
  organisation: string;
  signerName: string;
  capacity: string;
  signedAt: Date;
  ip: string | null;
  sha256: string;
  certificateSerial: string;
  certificateSubject: string;
  /** The certificate itself, for the names of its holder and issuer as people read them. */
  certificatePem: string;
  certificateSource: CertificateSource;
}

/** Who signs for whom and the one-time code they confirm with. */
export interface SignatureCodeKey {
  documentId: string;
  memberId: string;
  userId: string;
}

/** Keys, certificates, one-time codes and signatures: the records behind every signature. */
@Injectable()
export class SigningRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** Holds the making of the platform's keys until commit. */
  async lockPlatformKeys(): Promise<void> {
    // An advisory lock is a function call the query builder has no words for.
    await this.db.tx.query('SELECT pg_advisory_xact_lock($1)', [PLATFORM_KEYS_LOCK]);
  }

  async platformKeys(): Promise<Record<PlatformKeyPurpose, PlatformKey> | null> {
    const rows = await this.db.tx.find(PlatformKeyEntity);
    const ca = rows.find((row) => row.purpose === 'CA');
    const seal = rows.find((row) => row.purpose === 'SEAL');
    return ca && seal ? { CA: ca, SEAL: seal } : null;
  }

  async addPlatformKeys(keys: Record<PlatformKeyPurpose, PlatformKey>): Promise<void> {
    await this.db.tx.insert(
      PlatformKeyEntity,
      (['CA', 'SEAL'] as const).map((purpose) => ({ purpose, ...keys[purpose] })),
    );
  }

  async findDocument(bidId: string, documentId: string): Promise<DocumentEntity | null> {
    return this.db.tx.findOneBy(DocumentEntity, { id: documentId, bidId });
  }

  async documentOf(documentId: string): Promise<DocumentEntity> {
    return this.db.tx.findOneByOrFail(DocumentEntity, { id: documentId });
  }

  /** Holds the document until commit: its signatures are made one at a time. */
  async lockDocument(documentId: string): Promise<DocumentEntity> {
    return this.db.tx.findOneOrFail(DocumentEntity, {
      where: { id: documentId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async party(memberId: string, userId: string): Promise<SigningParty | null> {
    const row = await this.db.tx
      .createQueryBuilder(MemberEntity, 'member')
      .innerJoin('member.organisation', 'organisation')
      // Its seat and signatory: the bid's own network's entry, never another network's (issue 17).
      .innerJoin('member.bid', 'bid')
      .leftJoin(
        NetworkOrganisationEntity,
        'own',
        'own.networkId = bid.networkId AND own.organisationId = organisation.id',
      )
      .leftJoin(
        TerritoryEntity,
        'ownTerritory',
        'ownTerritory.code = own.territories[1] AND ownTerritory.bidId IS NULL',
      )
      .leftJoin(TerritoryEntity, 'territory', 'territory.id = own.homeTerritoryId')
      .innerJoin(UserEntity, 'user', 'user.id = :userId', { userId })
      .select('member.id', 'memberId')
      .addSelect('member.key', 'memberKey')
      .addSelect('member.role', 'role')
      .addSelect('member.status', 'status')
      .addSelect('organisation.id', 'organisationId')
      .addSelect('organisation.legalName', 'legalName')
      .addSelect('organisation.idScheme', 'idScheme')
      .addSelect('organisation.idValue', 'idValue')
      // The representative signs in the capacity the parties clause prints (the particulars',
      // else the title); another signatory of the organisation must not borrow it.
      .addSelect(
        `CASE WHEN lower(user.email) = lower(own.representatives->0->>'email')
          THEN COALESCE(own.representativeCapacity, own.representatives->0->>'title')
          ELSE '${OTHER_SIGNATORY_CAPACITY}' END`,
        'capacity',
      )
      .addSelect("coalesce(ownTerritory.name, territory.name, '')", 'location')
      .addSelect('user.id', 'userId')
      .addSelect('user.displayName', 'userName')
      .addSelect('user.email', 'userEmail')
      .addSelect(
        (signatory) =>
          signatory
            .select('count(*) > 0')
            .from(RoleAssignmentEntity, 'role')
            .where('role.userId = user.id')
            .andWhere('role.organisationId = organisation.id')
            .andWhere("role.role = 'SIGNATORY'"),
        'signsForOrganisation',
      )
      .where('member.id = :memberId', { memberId })
      .getRawOne<SigningParty>();
    return row ?? null;
  }

  async hasSigned(documentId: string, memberId: string): Promise<boolean> {
    return this.db.tx.existsBy(SignatureEntity, { documentId, memberId });
  }

  /** Ends the codes not used yet for this signatory, member and document. */
  async expireCodes(key: SignatureCodeKey): Promise<void> {
    await this.db.tx.update(
      SignatureCodeEntity,
      { ...key, usedAt: IsNull() },
      { expiresAt: () => 'least(expires_at, now())' },
    );
  }

  async addCode(code: SignatureCodeKey & { codeHash: string; expiresAt: Date }): Promise<void> {
    await this.db.tx.insert(SignatureCodeEntity, code);
  }

  /** The latest code issued, held until commit: two tries of it are counted one after the other. */
  async lockLatestCode(key: SignatureCodeKey): Promise<SignatureCodeEntity | null> {
    return this.db.tx.findOne(SignatureCodeEntity, {
      where: key,
      order: { createdAt: 'DESC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async recordCodeAttempt(codeId: string, attempts: number, used: boolean): Promise<void> {
    await this.db.tx.update(
      SignatureCodeEntity,
      { id: codeId },
      { attempts, ...(used && { usedAt: () => 'now()' }) },
    );
  }

  /** The latest signed revision of a document (with its proof), or null before any signature. */
  async latestSignature(documentId: string): Promise<SignatureEntity | null> {
    return this.db.tx.findOne(SignatureEntity, {
      where: { documentId },
      order: { revision: 'DESC' },
    });
  }

  async addSignature(signature: NewSignature): Promise<void> {
    await this.db.tx.insert(SignatureEntity, signature);
  }

  /** The signatory's certificate in force for this organisation, if any. */
  async activeCertificate(
    userId: string,
    organisationId: string,
  ): Promise<SignerCertificateEntity | null> {
    return this.db.tx.findOneBy(SignerCertificateEntity, {
      userId,
      organisationId,
      revokedAt: IsNull(),
    });
  }

  async addCertificate(
    userId: string,
    organisationId: string,
    certificate: NewCertificate,
  ): Promise<string> {
    const { identifiers } = await this.db.tx.insert(SignerCertificateEntity, {
      userId,
      organisationId,
      ...certificate,
    });
    return String(identifiers[0]?.id);
  }

  /** Revokes the certificates in force; returns their serial numbers. */
  async revokeCertificates(
    userId: string,
    organisationId: string,
    reason: string,
  ): Promise<string[]> {
    const revoked = await this.db.tx
      .createQueryBuilder()
      .update(SignerCertificateEntity)
      .set({ revokedAt: () => 'now()', revocationReason: reason })
      .where({ userId, organisationId, revokedAt: IsNull() })
      .returning(['serialNumber'])
      .execute();
    return (revoked.raw as { serial_number: string }[]).map((row) => row.serial_number);
  }

  /** The certificates the platform issued and later revoked, for its revocation list. */
  async revokedPlatformCertificates(): Promise<{ serialNumber: string; revokedAt: Date }[]> {
    const revoked = await this.db.tx.find(SignerCertificateEntity, {
      select: { serialNumber: true, revokedAt: true },
      where: { source: 'PLATFORM', revokedAt: Not(IsNull()) },
      order: { revokedAt: 'ASC' },
    });
    return revoked.flatMap(({ serialNumber, revokedAt }) =>
      revokedAt ? [{ serialNumber, revokedAt }] : [],
    );
  }

  /** Every signature of a document, in order, with who signed and with which certificate. */
  async signaturesOf(documentId: string): Promise<SignatureSummary[]> {
    return this.summaries()
      .where('signature.documentId = :documentId', { documentId })
      .getRawMany();
  }

  /** The signatures whose revision has one of these SHA-256: what Cordage recorded of a file. */
  async signaturesBySha256(sha256s: string[]): Promise<SignatureSummary[]> {
    if (sha256s.length === 0) return [];
    return this.summaries()
      .where({ sha256: In(sha256s) })
      .getRawMany();
  }

  /** The parties of the bid that have not signed this document yet. */
  async awaitingSignature(
    bidId: string,
    documentId: string,
  ): Promise<{ memberId: string; memberKey: string; organisation: string }[]> {
    return this.db.tx
      .createQueryBuilder(MemberEntity, 'member')
      .innerJoin('member.organisation', 'organisation')
      .select('member.id', 'memberId')
      .addSelect('member.key', 'memberKey')
      .addSelect('organisation.legalName', 'organisation')
      .where({ bidId, role: 'COTRAITANT' })
      .andWhere("member.status NOT IN ('WITHDRAWN', 'DECLINED')")
      .andWhere(
        (query: SelectQueryBuilder<MemberEntity>) =>
          'NOT EXISTS ' +
          query
            .subQuery()
            .select('1')
            .from(SignatureEntity, 'signature')
            .where('signature.documentId = :documentId', { documentId })
            .andWhere('signature.memberId = member.id')
            .getQuery(),
      )
      .orderBy('member.key')
      .getRawMany();
  }

  private summaries(): SelectQueryBuilder<SignatureEntity> {
    return this.db.tx
      .createQueryBuilder(SignatureEntity, 'signature')
      .innerJoin('signature.member', 'member')
      .innerJoin('member.organisation', 'organisation')
      .innerJoin('signature.certificate', 'certificate')
      .select('signature.documentId', 'documentId')
      .addSelect('signature.revision', 'revision')
      .addSelect('signature.memberId', 'memberId')
      .addSelect('member.key', 'memberKey')
      .addSelect('organisation.legalName', 'organisation')
      .addSelect('signature.signerName', 'signerName')
      .addSelect('signature.capacity', 'capacity')
      .addSelect('signature.signedAt', 'signedAt')
      .addSelect('signature.ip', 'ip')
      .addSelect('signature.sha256', 'sha256')
      .addSelect('certificate.serialNumber', 'certificateSerial')
      .addSelect('certificate.subject', 'certificateSubject')
      .addSelect('certificate.certificatePem', 'certificatePem')
      .addSelect('certificate.source', 'certificateSource')
      .orderBy('signature.documentId')
      .addOrderBy('signature.revision');
  }
}
