import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import {
  type Actor,
  type CertificateSource,
  DomainError,
  DomainErrorCode,
  type OneTimeCodeDecision,
  type StoredOneTimeCode,
  isUuid,
} from '@cordage/domain';
import {
  DocumentEntity,
  PlatformKeyEntity,
  type PlatformKeyPurpose,
  SignatureCodeEntity,
  SignatureEntity,
  SignerCertificateEntity,
  JobRequestEntity,
  type JobRequestParameters,
  WAITING_JOB_STATUSES,
} from '../entities';
import { type Db, InjectDb } from '../unit-of-work';
import { AuditLogRepository } from './audit-log.repository';

/** Serialises the making of the platform's keys: two processes starting together make one set. */
const PLATFORM_KEYS_LOCK = 7_242_002;

export interface PlatformKey {
  certificatePem: string;
  sealedPrivateKey: string;
}

/** What a signature says of the member and the person signing. */
export interface SigningParty {
  memberId: string;
  memberKey: string;
  role: string;
  status: string;
  organisationId: string;
  legalName: string;
  idScheme: string;
  idValue: string;
  capacity: string;
  location: string;
  userId: string;
  userName: string;
  userEmail: string;
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

/** A confirmed request to sign, as the signature reads it. */
export interface SigningRequest {
  id: string;
  status: JobRequestEntity['status'];
  documentId: string;
  memberId: string;
  /** The signatory. */
  userId: string;
  ip: string | null;
  requestId: string | null;
}

export function signingRequestOf(
  request: Pick<JobRequestEntity, 'id' | 'status' | 'parameters' | 'requestedBy' | 'requestId'>,
): SigningRequest {
  const { documentId, memberId, ip } = request.parameters as JobRequestParameters['SIGNING'];
  if (!request.requestedBy) throw new Error(`signing request ${request.id} has no signatory`);
  const { id, status, requestedBy: userId, requestId } = request;
  return { id, status, documentId, memberId, userId, ip, requestId };
}

/** The document as the next signature finds it, under the document's lock. */
export interface SigningState {
  request: SigningRequest;
  document: DocumentEntity;
  party: SigningParty;
  /** The bytes to sign: the latest signed revision's, or the frozen document's. */
  previous: { storageKey: string; sha256: string; revision: number };
  /** Every signature so far, oldest first, for the proof file. */
  signatures: SignatureSummary[];
  certificate: SignerCertificateEntity | null;
}

export interface AppliedSignature {
  certificate: SignerCertificateEntity | NewCertificate;
  storageKey: string;
  sha256: string;
  signedAt: Date;
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
  certificateSource: CertificateSource;
}

const notFrozen = () =>
  new DomainError(
    DomainErrorCode.INVALID_INPUT,
    'Seule une convention (ou un avenant) figée se signe : figez-la d’abord.',
    [{ path: 'documentId', code: 'DOCUMENT_NOT_FROZEN', message: 'document non figé' }],
  );

/** Keys, certificates, one-time codes and signatures: the records behind every signature. */
@Injectable()
export class SigningRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLogRepository,
    @InjectDb() private readonly db: Db,
  ) {}

  /** The platform's keys, made by `create` the first time (once, whoever asks first). */
  async ensurePlatformKeys(
    create: () => Promise<Record<PlatformKeyPurpose, PlatformKey>>,
  ): Promise<Record<PlatformKeyPurpose, PlatformKey>> {
    const existing = await this.platformKeys();
    if (existing) return existing;
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [PLATFORM_KEYS_LOCK]);
      const made = await this.platformKeys(manager);
      if (made) return made;
      const keys = await create();
      for (const purpose of ['CA', 'SEAL'] as const) {
        await manager.insert(PlatformKeyEntity, { purpose, ...keys[purpose] });
      }
      return keys;
    });
  }

  async platformKeys(
    manager = this.dataSource.manager,
  ): Promise<Record<PlatformKeyPurpose, PlatformKey> | null> {
    const rows = await manager.find(PlatformKeyEntity);
    const ca = rows.find((row) => row.purpose === 'CA');
    const seal = rows.find((row) => row.purpose === 'SEAL');
    return ca && seal ? { CA: ca, SEAL: seal } : null;
  }

  /** A frozen convention (or amendment) of the bid, or a clear refusal. */
  async frozenForSignature(bidId: string, documentId: string): Promise<DocumentEntity> {
    const document = isUuid(documentId)
      ? await this.dataSource.manager.findOneBy(DocumentEntity, { id: documentId, bidId })
      : null;
    if (!document) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Document introuvable.');
    const signable = document.kind === 'CONVENTION' || document.kind === 'AMENDMENT';
    if (!signable || !document.frozenAt) throw notFrozen();
    return document;
  }

  async party(memberId: string, userId: string, manager = this.dataSource.manager) {
    const [party] = await manager.query<
      {
        member_id: string;
        member_key: string;
        role: string;
        status: string;
        organisation_id: string;
        legal_name: string;
        id_scheme: string;
        id_value: string;
        capacity: string;
        location: string;
        user_id: string;
        user_name: string;
        user_email: string;
      }[]
    >(
      `SELECT m.id AS member_id, m.key AS member_key, m.role, m.status, o.id AS organisation_id,
         o.legal_name, o.id_scheme, o.id_value, o.representative_title AS capacity,
         t.name AS location, u.id AS user_id, u.display_name AS user_name, u.email AS user_email
       FROM members m JOIN organisations o ON o.id = m.organisation_id
       JOIN territories t ON t.id = o.home_territory_id, users u
       WHERE m.id = $1 AND u.id = $2`,
      [memberId, userId],
    );
    if (!party) return null;
    return {
      memberId: party.member_id,
      memberKey: party.member_key,
      role: party.role,
      status: party.status,
      organisationId: party.organisation_id,
      legalName: party.legal_name,
      idScheme: party.id_scheme,
      idValue: party.id_value,
      capacity: party.capacity,
      location: party.location,
      userId: party.user_id,
      userName: party.user_name,
      userEmail: party.user_email,
    } satisfies SigningParty;
  }

  async documentOf(documentId: string): Promise<DocumentEntity> {
    return this.dataSource.manager.findOneByOrFail(DocumentEntity, { id: documentId });
  }

  async hasSigned(documentId: string, memberId: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(SignatureEntity, { documentId, memberId });
  }

  /** A new code for this signatory, member and document; earlier ones stop working. */
  async issueCode(code: {
    documentId: string;
    memberId: string;
    userId: string;
    codeHash: string;
    expiresAt: Date;
  }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE signature_codes SET expires_at = least(expires_at, now())
         WHERE document_id = $1 AND member_id = $2 AND user_id = $3 AND used_at IS NULL`,
        [code.documentId, code.memberId, code.userId],
      );
      await manager.insert(SignatureCodeEntity, code);
    });
  }

  /**
   * Checks a submitted code against the latest one issued, recording the attempt whatever the
   * outcome; when accepted, `onAccepted` runs in the same unit of work (it records the request).
   */
  async confirmCode(
    key: { documentId: string; memberId: string; userId: string },
    decide: (stored: StoredOneTimeCode) => OneTimeCodeDecision,
    onAccepted: () => Promise<void>,
  ): Promise<OneTimeCodeDecision | null> {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const code = await manager.findOne(SignatureCodeEntity, {
        where: key,
        order: { createdAt: 'DESC' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!code) return null;
      const decision = decide(code);
      await manager.update(
        SignatureCodeEntity,
        { id: code.id },
        {
          attempts: decision.attempts,
          ...(decision.outcome === 'accepted' && { usedAt: () => 'now()' }),
        },
      );
      if (decision.outcome === 'accepted') await onAccepted();
      return decision;
    });
  }

  /**
   * Applies one signature under the document's lock, so that signatures of one document are made
   * one at a time whatever the number of workers: `sign` gets the latest revision and returns the
   * next, which is recorded with its proof file. A member that already signed is not signed again.
   */
  async applySignature(
    requestId: string,
    sign: (state: SigningState) => Promise<AppliedSignature>,
    actor: Actor,
  ): Promise<{ revision: number; alreadyDone: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const request = signingRequestOf(
        await manager.findOneOrFail(JobRequestEntity, {
          where: { id: requestId, kind: 'SIGNING' },
          lock: { mode: 'pessimistic_write' },
        }),
      );
      const document = await manager.findOneOrFail(DocumentEntity, {
        where: { id: request.documentId },
        lock: { mode: 'pessimistic_write' },
      });
      const signatures = await this.summaries('s.document_id = $1', [document.id], manager);
      const done = signatures.find((signature) => signature.memberId === request.memberId);
      if (request.status === 'DONE' || done) {
        await this.finishRequest(manager, requestId);
        return { revision: done?.revision ?? 0, alreadyDone: true };
      }
      const party = await this.party(request.memberId, request.userId, manager);
      if (!party) throw new Error(`member ${request.memberId} or user ${request.userId} is gone`);
      const last = await manager.findOne(SignatureEntity, {
        where: { documentId: document.id },
        order: { revision: 'DESC' },
      });
      const certificate = await manager.findOneBy(SignerCertificateEntity, {
        userId: request.userId,
        organisationId: party.organisationId,
        revokedAt: IsNull(),
      });
      const applied = await sign({
        request,
        document,
        party,
        previous: last
          ? { storageKey: last.storageKey, sha256: last.sha256, revision: last.revision }
          : { storageKey: document.storageKey, sha256: document.sha256, revision: 0 },
        signatures,
        certificate,
      });
      const certificateId =
        'id' in applied.certificate
          ? applied.certificate.id
          : await this.addCertificate(
              manager,
              request.userId,
              party.organisationId,
              applied.certificate,
            );
      const revision = (last?.revision ?? 0) + 1;
      await manager.insert(SignatureEntity, {
        documentId: document.id,
        memberId: request.memberId,
        userId: request.userId,
        signingRequestId: requestId,
        certificateId,
        revision,
        sha256: applied.sha256,
        storageKey: applied.storageKey,
        signerName: party.userName,
        capacity: party.capacity,
        signedAt: applied.signedAt,
        ip: request.ip,
        proofStorageKey: applied.proofStorageKey,
        proofSha256: applied.proofSha256,
      });
      await this.finishRequest(manager, requestId);
      await this.audit.appendWith(manager, actor, {
        action: 'document.signed',
        entityType: 'document',
        entityId: document.id,
        bidId: document.bidId,
        after: { member: party.memberKey, revision, sha256: applied.sha256 },
      });
      return { revision, alreadyDone: false };
    });
  }

  /** The signatory's certificate in force for this organisation, if any. */
  async activeCertificate(
    userId: string,
    organisationId: string,
  ): Promise<SignerCertificateEntity | null> {
    return this.dataSource.manager.findOneBy(SignerCertificateEntity, {
      userId,
      organisationId,
      revokedAt: IsNull(),
    });
  }

  /** Puts a certificate in force, revoking the one it replaces. */
  async replaceCertificate(
    userId: string,
    organisationId: string,
    certificate: NewCertificate | null,
    reason: string,
    actor: Actor,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const revoked = await manager.query<[{ serial_number: string }[], number]>(
        `UPDATE signer_certificates SET revoked_at = now(), revocation_reason = $3
         WHERE user_id = $1 AND organisation_id = $2 AND revoked_at IS NULL RETURNING serial_number`,
        [userId, organisationId, reason],
      );
      const id = certificate
        ? await this.addCertificate(manager, userId, organisationId, certificate)
        : null;
      await this.audit.appendWith(manager, actor, {
        action: certificate ? 'certificate.uploaded' : 'certificate.revoked',
        entityType: 'signer_certificate',
        entityId: id,
        before: { revoked: revoked[0].map((row) => row.serial_number) },
        after: certificate && {
          serialNumber: certificate.serialNumber,
          subject: certificate.subject,
        },
      });
    });
  }

  /** Every signature of a document, in order, with who signed and with which certificate. */
  async signaturesOf(documentId: string): Promise<SignatureSummary[]> {
    return this.summaries('s.document_id = $1', [documentId]);
  }

  /** The parties of the bid that have not signed this document yet. */
  async awaitingSignature(
    bidId: string,
    documentId: string,
  ): Promise<{ memberId: string; memberKey: string; organisation: string }[]> {
    const rows = await this.dataSource.query<
      { member_id: string; member_key: string; organisation: string }[]
    >(
      `SELECT m.id AS member_id, m.key AS member_key, o.legal_name AS organisation
       FROM members m JOIN organisations o ON o.id = m.organisation_id
       WHERE m.bid_id = $1 AND m.role = 'COTRAITANT' AND m.status NOT IN ('WITHDRAWN', 'DECLINED')
         AND NOT EXISTS (SELECT 1 FROM signatures s WHERE s.document_id = $2 AND s.member_id = m.id)
       ORDER BY m.key`,
      [bidId, documentId],
    );
    return rows.map((row) => ({
      memberId: row.member_id,
      memberKey: row.member_key,
      organisation: row.organisation,
    }));
  }

  /** The latest signed revision of a document (with its proof), or null before any signature. */
  async latestSignature(documentId: string): Promise<SignatureEntity | null> {
    return this.dataSource.manager.findOne(SignatureEntity, {
      where: { documentId },
      order: { revision: 'DESC' },
    });
  }

  /** The signatures whose revision has one of these SHA-256: what Cordage recorded of a file. */
  async signaturesBySha256(sha256s: string[]): Promise<SignatureSummary[]> {
    return sha256s.length === 0 ? [] : this.summaries('s.sha256 = ANY($1::text[])', [sha256s]);
  }

  private async summaries(
    where: string,
    parameters: unknown[],
    manager = this.dataSource.manager,
  ): Promise<SignatureSummary[]> {
    const rows = await manager.query<
      {
        document_id: string;
        revision: number;
        member_id: string;
        member_key: string;
        organisation: string;
        signer_name: string;
        capacity: string;
        signed_at: Date;
        ip: string | null;
        sha256: string;
        serial_number: string;
        subject: string;
        source: CertificateSource;
      }[]
    >(
      `SELECT s.document_id, s.revision, s.member_id, m.key AS member_key,
         o.legal_name AS organisation, s.signer_name, s.capacity, s.signed_at, s.ip, s.sha256,
         c.serial_number, c.subject, c.source
       FROM signatures s JOIN members m ON m.id = s.member_id
       JOIN organisations o ON o.id = m.organisation_id
       JOIN signer_certificates c ON c.id = s.certificate_id
       WHERE ${where} ORDER BY s.document_id, s.revision`,
      parameters,
    );
    return rows.map((row) => ({
      documentId: row.document_id,
      revision: row.revision,
      memberId: row.member_id,
      memberKey: row.member_key,
      organisation: row.organisation,
      signerName: row.signer_name,
      capacity: row.capacity,
      signedAt: row.signed_at,
      ip: row.ip,
      sha256: row.sha256,
      certificateSerial: row.serial_number,
      certificateSubject: row.subject,
      certificateSource: row.source,
    }));
  }

  private async addCertificate(
    manager: EntityManager,
    userId: string,
    organisationId: string,
    certificate: NewCertificate,
  ): Promise<string> {
    const { identifiers } = await manager.insert(SignerCertificateEntity, {
      userId,
      organisationId,
      ...certificate,
    });
    return identifiers[0].id as string;
  }

  private async finishRequest(manager: EntityManager, requestId: string): Promise<void> {
    await manager.update(
      JobRequestEntity,
      { id: requestId, status: In(WAITING_JOB_STATUSES) },
      { status: 'DONE', finishedAt: () => 'now()' },
    );
  }
}
