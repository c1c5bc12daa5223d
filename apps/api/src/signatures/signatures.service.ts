import { Inject, Injectable } from '@nestjs/common';
import { randomUUID, createHash, hkdfSync } from 'node:crypto';
import { APP_CONFIG, type SigningEnv } from '@cordage/config';
import {
  type Actor,
  type DocumentStorage,
  DomainError,
  DomainErrorCode,
  ONE_TIME_CODE_VALIDITY_MS,
  decideOneTimeCode,
  generateOneTimeCode,
  hashOneTimeCode,
  oneTimeCodeError,
  oneTimeCodeExpiry,
  assertBidAllows,
  signatureLevel,
} from '@cordage/domain';
import {
  certificateSummary,
  createPlatformKeys,
  loadPkcs12,
  readPdfSignatures,
  sealPrivateKey,
} from '@cordage/documents';
import { Mailer } from '@cordage/mail';
import {
  BidWorkflowRepository,
  ChangeRequestsRepository,
  DOCUMENT_STORAGE,
  JobRequestsRepository,
  OutboxRepository,
  type SignatureSummary,
  SigningRepository,
} from '@cordage/persistence';
import { JobName, QUEUE_OF_JOB } from '@cordage/queue';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const refuse = (code: string, message: string, path = 'memberId') =>
  new DomainError(DomainErrorCode.INVALID_INPUT, message, [{ path, code, message }]);

/** Signatures of frozen conventions: codes, requests to the worker, records, verification. */
@Injectable()
export class SignaturesService {
  /** Keys the one-time codes' hashes; derived so that the master key itself never hashes codes. */
  private readonly pepper: Buffer;

  constructor(
    private readonly signing: SigningRepository,
    private readonly outbox: OutboxRepository,
    private readonly mailer: Mailer,
    private readonly workflow: BidWorkflowRepository,
    private readonly changeRequests: ChangeRequestsRepository,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(APP_CONFIG) private readonly config: SigningEnv,
    private readonly jobRequests: JobRequestsRepository,
  ) {
    this.pepper = Buffer.from(
      hkdfSync('sha256', config.SIGNING_MASTER_KEY, '', 'cordage one-time codes', 32),
    );
  }

  /** Mails a fresh six-digit code to the signatory; the previous ones stop working. */
  async sendCode(bidId: string, memberId: string, documentId: string, actor: Actor) {
    const { party } = await this.eligible(bidId, memberId, documentId, actor.userId!);
    const code = generateOneTimeCode();
    const expiresAt = oneTimeCodeExpiry(new Date());
    await this.signing.issueCode({
      documentId,
      memberId,
      userId: party.userId,
      codeHash: hashOneTimeCode(code, this.pepper),
      expiresAt,
    });
    const level = signatureLevel(
      (await this.signing.activeCertificate(party.userId, party.organisationId))?.source ??
        'PLATFORM',
    );
    await this.mailer.send({
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
   * Checks the code (each try counts, refused or not) and, when right, records the request and
   * its job in the same transaction; the worker signs.
   */
  async sign(
    bidId: string,
    memberId: string,
    request: { documentId: string; code: string },
    actor: Actor,
    ip: string | null,
  ) {
    const { party } = await this.eligible(bidId, memberId, request.documentId, actor.userId!);
    const id = randomUUID();
    const now = new Date();
    const decision = await this.signing.confirmCode(
      { documentId: request.documentId, memberId, userId: party.userId },
      (stored) => decideOneTimeCode(stored, request.code, now, this.pepper),
      async () => {
        await this.jobRequests.insert({
          id,
          kind: 'SIGNING',
          bidId,
          parameters: { documentId: request.documentId, memberId, ip },
          requestedBy: party.userId,
          requestId: actor.requestId,
        });
        await this.outbox.add({
          id,
          queueName: QUEUE_OF_JOB[JobName.DOCUMENTS_SIGN],
          jobName: JobName.DOCUMENTS_SIGN,
          payload: { requestId: id },
        });
      },
    );
    if (!decision) {
      throw refuse('NO_CODE', 'Demandez d’abord un code de signature.', 'code');
    }
    if (decision.outcome !== 'accepted') throw oneTimeCodeError(decision);
    return { jobId: id, statusUrl: `/api/jobs/${id}` };
  }

  async list(bidId: string, documentId: string) {
    const document = await this.signing.frozenForSignature(bidId, documentId);
    const [signatures, awaiting, latest] = await Promise.all([
      this.signing.signaturesOf(documentId),
      this.signing.awaitingSignature(bidId, documentId),
      this.signing.latestSignature(documentId),
    ]);
    const base = `/api/bids/${bidId}/documents/${documentId}`;
    return {
      documentId,
      frozenSha256: document.sha256,
      signatures: signatures.map(toSignatureDto),
      awaiting,
      signedUrl: `${base}/signed`,
      proofUrl: latest ? `${base}/proof` : null,
    };
  }

  /** The latest signed revision (the frozen document itself before any signature). */
  async signed(bidId: string, documentId: string) {
    const document = await this.signing.frozenForSignature(bidId, documentId);
    const latest = await this.signing.latestSignature(documentId);
    const content = await this.storage.get(latest?.storageKey ?? document.storageKey);
    const suffix = latest ? `-signee-${latest.revision}` : '';
    return { filename: document.filename.replace(/\.pdf$/, `${suffix}.pdf`), content };
  }

  async proof(bidId: string, documentId: string) {
    const document = await this.signing.frozenForSignature(bidId, documentId);
    const latest = await this.signing.latestSignature(documentId);
    if (!latest) {
      throw refuse(
        'NO_SIGNATURE_YET',
        'Personne n’a encore signé : il n’y a pas encore de dossier de preuve.',
        'documentId',
      );
    }
    return {
      filename: document.filename.replace(/\.pdf$/, `-preuve-${latest.revision}.pdf`),
      content: await this.storage.get(latest.proofStorageKey),
    };
  }

  /**
   * Every signature of an uploaded PDF: who, when, whether it holds, whether it comes from
   * Cordage's authority, and what Cordage recorded of that revision.
   */
  async verify(pdf: Buffer) {
    if (pdf.length === 0 || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw refuse('NOT_A_PDF', 'Envoyez un fichier PDF (Content-Type: application/pdf).', 'body');
    }
    const authority = await this.authorityPem();
    const reports = await readPdfSignatures(pdf);
    const revisions = reports.map((report) =>
      sha256(pdf.subarray(0, report.byteRange[2] + report.byteRange[3])),
    );
    const records = new Map(
      (await this.signing.signaturesBySha256(revisions)).map((record) => [record.sha256, record]),
    );
    const signatures = reports.map((report, i) => {
      const record = records.get(revisions[i]);
      return {
        index: report.index,
        signerName: report.signerName,
        signingTime: report.signingTime?.toISOString() ?? null,
        valid: report.signatureValid && report.digestValid,
        coversWholeFile: report.coversWholeFile,
        issuedByPlatform: report.chainsTo(authority),
        record: record
          ? {
              revision: record.revision,
              organisation: record.organisation,
              signerName: record.signerName,
              signedAt: record.signedAt.toISOString(),
            }
          : null,
      };
    });
    return { sha256: sha256(pdf), signatures, verdict: verdictOf(signatures) };
  }

  /** The platform's authority certificate, for anyone to verify signatures on their own machine. */
  async authorityPem(): Promise<string> {
    const keys = await this.signing.ensurePlatformKeys(() =>
      createPlatformKeys(this.config.SIGNING_MASTER_KEY),
    );
    return keys.CA.certificatePem;
  }

  async certificate(memberId: string, actor: Actor) {
    const party = await this.partyOf(memberId, actor.userId!);
    const certificate = await this.signing.activeCertificate(party.userId, party.organisationId);
    return {
      // None yet: the platform issues one at the first signature.
      certificate: certificate && {
        source: certificate.source,
        serialNumber: certificate.serialNumber,
        subject: certificate.subject,
        notBefore: certificate.notBefore.toISOString(),
        notAfter: certificate.notAfter.toISOString(),
      },
      level: signatureLevel(certificate?.source ?? 'PLATFORM'),
    };
  }

  /** The member's own certificate replaces the one in force; its key is kept sealed only. */
  async uploadPkcs12(memberId: string, upload: { pkcs12: string; password: string }, actor: Actor) {
    const party = await this.partyOf(memberId, actor.userId!);
    const credentials = loadPkcs12(
      Buffer.from(upload.pkcs12, 'base64'),
      upload.password,
      new Date(),
    );
    await this.signing.replaceCertificate(
      party.userId,
      party.organisationId,
      {
        source: 'PKCS12',
        certificatePem: credentials.certificatePem,
        chainPems: credentials.chainPems,
        sealedPrivateKey: sealPrivateKey(credentials.privateKeyPem, this.config.SIGNING_MASTER_KEY),
        ...certificateSummary(credentials.certificatePem),
      },
      'remplacé par le certificat du membre',
      actor,
    );
  }

  /** Revokes the certificate in force: the next signature gets a new one (renewal). */
  async revokeCertificate(memberId: string, actor: Actor): Promise<void> {
    const party = await this.partyOf(memberId, actor.userId!);
    await this.signing.replaceCertificate(
      party.userId,
      party.organisationId,
      null,
      'révoqué par le signataire',
      actor,
    );
  }

  private async conventionVersion(bidId: string): Promise<string | null> {
    const bid = await this.workflow.status(bidId);
    assertBidAllows('SIGN', bid.status);
    return bid.agreedVersionId;
  }

  private async amendmentVersion(bidId: string): Promise<string | null> {
    const change = await this.changeRequests.active(bidId);
    if (change?.status !== 'AMENDMENT_SIGNING') {
      throw refuse(
        'AMENDMENT_NOT_IN_SIGNING',
        'La signature de cet avenant n’est pas ouverte.',
        'documentId',
      );
    }
    return change.allocationVersionId;
  }

  private async partyOf(memberId: string, userId: string) {
    const party = await this.signing.party(memberId, userId);
    if (!party) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Membre introuvable.');
    return party;
  }

  /** The member signs this document: a party of it, still in, not signed yet, and it is frozen. */
  private async eligible(bidId: string, memberId: string, documentId: string, userId: string) {
    const document = await this.signing.frozenForSignature(bidId, documentId);
    // The convention while signing is open; an amendment while its change request is signed.
    const signedVersion =
      document.kind === 'AMENDMENT'
        ? await this.amendmentVersion(bidId)
        : await this.conventionVersion(bidId);
    if (document.allocationVersionId !== signedVersion) {
      throw refuse(
        'NOT_THE_AGREED_VERSION',
        'Ce document ne décrit pas la répartition approuvée : il ne se signe pas.',
        'documentId',
      );
    }
    const party = await this.partyOf(memberId, userId);
    if (
      party.role !== 'COTRAITANT' ||
      party.status === 'WITHDRAWN' ||
      party.status === 'DECLINED'
    ) {
      throw refuse(
        'NOT_A_PARTY',
        `${party.legalName} n’est pas partie à la convention : il ne la signe pas.`,
      );
    }
    if (await this.signing.hasSigned(documentId, memberId)) {
      throw refuse('ALREADY_SIGNED', `${party.legalName} a déjà signé cette convention.`);
    }
    return { party };
  }
}

function toSignatureDto(signature: SignatureSummary) {
  return {
    revision: signature.revision,
    memberId: signature.memberId,
    memberKey: signature.memberKey,
    organisation: signature.organisation,
    signerName: signature.signerName,
    capacity: signature.capacity,
    signedAt: signature.signedAt.toISOString(),
    sha256: signature.sha256,
    certificateSerial: signature.certificateSerial,
    certificateSubject: signature.certificateSubject,
    level: signatureLevel(signature.certificateSource),
  };
}

function verdictOf(signatures: { valid: boolean; coversWholeFile: boolean; record: unknown }[]) {
  if (signatures.length === 0) return 'Ce PDF ne porte aucune signature.';
  const invalid = signatures.filter((signature) => !signature.valid).length;
  if (invalid > 0) {
    return `${invalid} signature(s) sur ${signatures.length} ne tiennent pas : le document a été modifié après signature ou la signature est fausse.`;
  }
  if (!signatures.at(-1)!.coversWholeFile) {
    return 'Les signatures tiennent, mais des octets ont été ajoutés après la dernière.';
  }
  const unknown = signatures.filter((signature) => signature.record === null).length;
  return unknown === 0
    ? `Les ${signatures.length} signature(s) sont valides et conformes aux enregistrements de Cordage.`
    : `Les ${signatures.length} signature(s) sont valides ; ${unknown} ne correspondent à aucun enregistrement de Cordage.`;
}
