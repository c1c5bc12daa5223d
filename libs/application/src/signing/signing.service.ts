import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type CertificateSource,
  type DocumentKind,
  DomainError,
  DomainErrorCode,
  type OneTimeCodeDecision,
  amendmentVersionInSigning,
  assertAmendmentOfChange,
  assertBidAllows,
  assertDescribesSignedVersion,
  assertFrozenForSignature,
  assertMaySign,
  decideOneTimeCode,
  generateOneTimeCode,
  hashOneTimeCode,
  isUuid,
  oneTimeCodeError,
  ONE_TIME_CODE_VALIDITY_MS,
  oneTimeCodeExpiry,
  signatureLevel,
} from '@cordage/domain';
import {
  BidWorkflowRepository,
  ChangeRequestsRepository,
  type DocumentEntity,
  JobRequestsRepository,
  type NewCertificate,
  OutboxRepository,
  type SignatureSummary,
  type SignerCertificateEntity,
  type SigningParty,
  SigningRepository,
  Transactional,
} from '@cordage/persistence';
import { JobName } from '@cordage/queue';
import { jobMessage } from '../jobs/job-message';
import { ChangeRequestService } from './change-request.service';
import { bidStatus } from '../workflow/bid-facts';
import { AuditTrail } from '../audit';
import { MailOutbox } from '../mail/mail-outbox.service';

/** The document as the next signature finds it, under the document's lock. */
export interface SigningState {
  document: DocumentEntity;
  party: SigningParty;
  /** Where the signature was asked from, for the proof file. */
  ip: string | null;
  /** The bytes to sign: the latest signed revision's, or the frozen document's. */
  previous: { storageKey: string; sha256: string; revision: number };
  /** Every signature so far, oldest first, for the proof file. */
  signatures: SignatureSummary[];
  certificate: SignerCertificateEntity | null;
}

/** What the signer made of the state: the next revision, its proof, the certificate it used. */
export interface AppliedSignature {
  certificate: SignerCertificateEntity | NewCertificate;
  storageKey: string;
  sha256: string;
  signedAt: Date;
  proofStorageKey: string;
  proofSha256: string;
}

export interface SignatureOutcome {
  revision: number;
  /** True when this member had already signed: nothing was signed again. */
  alreadyDone: boolean;
  bidId: string;
  kind: DocumentKind;
}

export interface IssuedCode {
  /** The code in clear, for the caller to mail once the transaction committed; never stored. */
  code: string;
  expiresAt: Date;
  party: SigningParty;
  /** Where the signatory's certificate comes from (the platform's until one is uploaded). */
  certificateSource: CertificateSource;
}

const refuse = (code: string, message: string, path: string) =>
  new DomainError(DomainErrorCode.INVALID_INPUT, message, [{ path, code, message }]);

/**
 * Signing a frozen convention or amendment: a one-time code to the signatory, the code confirmed
 * (a signing request and its job), then the signature applied by the worker, one at a time per
 * document. Each step checks again that this member signs this document now.
 */
@Injectable()
export class SigningService {
  constructor(
    private readonly signing: SigningRepository,
    private readonly changeRequests: ChangeRequestsRepository,
    private readonly workflow: BidWorkflowRepository,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditTrail,
    private readonly jobRequests: JobRequestsRepository,
    private readonly mailOutbox: MailOutbox,
    private readonly changeRequestSteps: ChangeRequestService,
  ) {}

  /** A frozen convention (or amendment) of the bid, or a clear refusal. */
  async frozenDocument(bidId: string, documentId: string): Promise<DocumentEntity> {
    const document = isUuid(documentId) ? await this.signing.findDocument(bidId, documentId) : null;
    if (!document) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Document introuvable.');
    assertFrozenForSignature(document);
    return document;
  }

  /** The member and the person signing for it. */
  async party(memberId: string, userId: string): Promise<SigningParty> {
    const party = await this.signing.party(memberId, userId);
    if (!party) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Membre introuvable.');
    return party;
  }

  /** A fresh code for the signatory; the previous ones stop working. */
  @Transactional()
  async issueCode(
    bidId: string,
    memberId: string,
    documentId: string,
    actor: Actor & { userId: string },
    pepper: Buffer,
  ): Promise<IssuedCode> {
    const { party } = await this.eligible(bidId, memberId, documentId, actor.userId);
    const code = generateOneTimeCode();
    const expiresAt = oneTimeCodeExpiry(new Date());
    const key = { documentId, memberId, userId: party.userId };
    await this.signing.expireCodes(key);
    await this.signing.addCode({ ...key, codeHash: hashOneTimeCode(code, pepper), expiresAt });
    const certificate = await this.signing.activeCertificate(party.userId, party.organisationId);
    return { code, expiresAt, party, certificateSource: certificate?.source ?? 'PLATFORM' };
  }

  /**
   * Mails a fresh six-digit code to the signatory, in the code's transaction (through the outbox):
   * a code mailed is a code that works.
   */
  @Transactional()
  async sendCode(
    bidId: string,
    memberId: string,
    documentId: string,
    actor: Actor & { userId: string },
    pepper: Buffer,
  ) {
    const { code, expiresAt, party, certificateSource } = await this.issueCode(
      bidId,
      memberId,
      documentId,
      actor,
      pepper,
    );
    const level = signatureLevel(certificateSource);
    await this.mailOutbox.send({
      to: party.userEmail,
      // The code goes in the body only: a subject shows on lock screens and in notifications.
      subject: 'Votre code de signature Cordage',
      text:
        `Bonjour ${party.userName},\n\nVoici le code qui confirme votre signature de la convention ` +
        `de groupement pour ${party.legalName} :\n\n    ${code}\n\n` +
        `Il est valable ${ONE_TIME_CODE_VALIDITY_MS / 60_000} minutes et une seule fois ; ` +
        `cinq codes erronés le bloquent.\n\n${level.label}\n\n` +
        'Si vous n’avez pas demandé ce code, ignorez ce message : rien ne sera signé sans lui.\n',
    });
    return { sentTo: party.userEmail, expiresAt: expiresAt.toISOString(), level };
  }

  /**
   * Checks the code (each try counts, refused or not) and, when right, records the signing
   * request and its job; the worker signs.
   */
  async confirm(
    bidId: string,
    memberId: string,
    request: { documentId: string; code: string },
    actor: Actor & { userId: string },
    ip: string | null,
    pepper: Buffer,
  ): Promise<{ jobId: string; statusUrl: string }> {
    const jobId = randomUUID();
    // Committed whatever the outcome, so that a wrong code counts: refused only after.
    const decision = await this.tryCode(bidId, memberId, request, actor, ip, pepper, jobId);
    if (!decision) throw refuse('NO_CODE', 'Demandez d’abord un code de signature.', 'code');
    if (decision.outcome !== 'accepted') throw oneTimeCodeError(decision);
    return { jobId, statusUrl: `/api/jobs/${jobId}` };
  }

  @Transactional()
  private async tryCode(
    bidId: string,
    memberId: string,
    request: { documentId: string; code: string },
    actor: Actor & { userId: string },
    ip: string | null,
    pepper: Buffer,
    jobId: string,
  ): Promise<OneTimeCodeDecision | null> {
    const { party } = await this.eligible(bidId, memberId, request.documentId, actor.userId);
    const key = { documentId: request.documentId, memberId, userId: party.userId };
    const stored = await this.signing.lockLatestCode(key);
    if (!stored) return null;
    const decision = decideOneTimeCode(stored, request.code, new Date(), pepper);
    const accepted = decision.outcome === 'accepted';
    await this.signing.recordCodeAttempt(stored.id, decision.attempts, accepted);
    if (!accepted) return decision;
    await this.jobRequests.insert({
      id: jobId,
      kind: 'SIGNING',
      bidId,
      parameters: { documentId: key.documentId, memberId, ip },
      requestedBy: party.userId,
      requestId: actor.requestId,
    });
    await this.outbox.add(jobMessage(JobName.DOCUMENTS_SIGN, jobId, { requestId: jobId }));
    return decision;
  }

  /**
   * Applies one signature under the document's lock, so that signatures of one document are made
   * one at a time whatever the number of workers: `sign` gets the latest revision and returns the
   * next, recorded with its proof file and its audit entry. A member that already signed is not
   * signed again (a replayed job); a member no longer a party, a person no longer its signatory
   * or a document no longer the one to sign is refused.
   */
  @Transactional()
  async apply(
    requestId: string,
    sign: (state: SigningState) => Promise<AppliedSignature>,
    actor: Actor,
  ): Promise<SignatureOutcome> {
    const locked = await this.jobRequests.lock(requestId, 'SIGNING');
    if (!locked?.requestedBy) throw new Error(`signing request ${requestId} does not exist`);
    const request = { ...locked.parameters, userId: locked.requestedBy, status: locked.status };
    const document = await this.signing.lockDocument(request.documentId);
    const { bidId, kind } = document;
    const signatures = await this.signing.signaturesOf(document.id);
    const done = signatures.find((signature) => signature.memberId === request.memberId);
    if (request.status === 'DONE' || done) {
      await this.jobRequests.markDone(requestId, 'SIGNING', null);
      return { revision: done?.revision ?? 0, alreadyDone: true, bidId, kind };
    }
    const party = await this.signing.party(request.memberId, request.userId);
    if (!party) throw new Error(`member ${request.memberId} or user ${request.userId} is gone`);
    await this.assertInSigning(document);
    assertMaySign(party, false);
    const last = await this.signing.latestSignature(document.id);
    const applied = await sign({
      document,
      party,
      ip: request.ip,
      previous: last
        ? { storageKey: last.storageKey, sha256: last.sha256, revision: last.revision }
        : { storageKey: document.storageKey, sha256: document.sha256, revision: 0 },
      signatures,
      certificate: await this.signing.activeCertificate(request.userId, party.organisationId),
    });
    const certificateId =
      'id' in applied.certificate
        ? applied.certificate.id
        : await this.signing.addCertificate(
            request.userId,
            party.organisationId,
            applied.certificate,
          );
    const revision = (last?.revision ?? 0) + 1;
    await this.signing.addSignature({
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
    await this.jobRequests.markDone(requestId, 'SIGNING', null);
    await this.audit.append(actor, {
      action: 'document.signed',
      entityType: 'document',
      entityId: document.id,
      bidId,
      // The signatory signs; the worker only applies the signature: the history names them.
      after: {
        member: party.memberKey,
        revision,
        sha256: applied.sha256,
        signer: party.userName,
        capacity: party.capacity,
      },
    });
    // The last party's signature closes the change request (a re-plan applied) with it: a worker
    // killed after this commit leaves nothing half done.
    if (kind === 'AMENDMENT') await this.changeRequestSteps.closeWhenSigned(bidId, actor);
    return { revision, alreadyDone: false, bidId, kind };
  }

  /** Who signed, who has not yet, and the latest signed revision (none before any signature). */
  async signatures(bidId: string, documentId: string) {
    const document = await this.frozenDocument(bidId, documentId);
    return {
      document,
      signatures: await this.signing.signaturesOf(documentId),
      awaiting: await this.signing.awaitingSignature(bidId, documentId),
      latest: await this.signing.latestSignature(documentId),
    };
  }

  /** The frozen document and its latest signed revision (null before any signature). */
  async latestRevision(bidId: string, documentId: string) {
    const document = await this.frozenDocument(bidId, documentId);
    return { document, latest: await this.signing.latestSignature(documentId) };
  }

  /** What Cordage recorded of the revisions with these SHA-256. */
  async recordedRevisions(sha256s: string[]): Promise<SignatureSummary[]> {
    return this.signing.signaturesBySha256(sha256s);
  }

  /** The member signs this document: a party of it, still in, not signed yet, and it is frozen. */
  private async eligible(bidId: string, memberId: string, documentId: string, userId: string) {
    const document = await this.frozenDocument(bidId, documentId);
    await this.assertInSigning(document);
    const party = await this.party(memberId, userId);
    assertMaySign(party, await this.signing.hasSigned(documentId, memberId));
    return { document, party };
  }

  /** Frozen, and describing the split being signed now (not a superseded one). */
  private async assertInSigning(document: DocumentEntity): Promise<void> {
    assertFrozenForSignature(document);
    // The convention while signing is open; an amendment while its change request is signed.
    if (document.kind !== 'AMENDMENT') {
      assertDescribesSignedVersion(document, await this.conventionVersion(document.bidId));
      return;
    }
    const change = await this.changeRequests.active(document.bidId);
    assertDescribesSignedVersion(document, amendmentVersionInSigning(change));
    assertAmendmentOfChange(document, change?.id ?? null);
  }

  private async conventionVersion(bidId: string): Promise<string | null> {
    const bid = await bidStatus(this.workflow, bidId);
    assertBidAllows('SIGN', bid.status);
    return bid.agreedVersionId;
  }
}
