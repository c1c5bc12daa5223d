import { Inject, Injectable } from '@nestjs/common';
import { createHash, hkdfSync } from 'node:crypto';
import {
  PlatformKeysService,
  SignerCertificatesService,
  SigningService,
} from '@cordage/application';
import { type ConfigOf, InjectConfig, signingConfig } from '@cordage/config';
import {
  type Actor,
  type DocumentStorage,
  DomainError,
  DomainErrorCode,
  signatureLevel,
  signatureVerdict,
} from '@cordage/domain';
import {
  buildRevocationList,
  certificateNames,
  certificateSummary,
  createPlatformKeys,
  loadPkcs12,
  openPlatformKeys,
  readPdfSignatures,
  sealPrivateKey,
} from '@cordage/documents';
import { DOCUMENT_STORAGE, type SignatureSummary } from '@cordage/persistence';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const refuse = (code: string, message: string, path: string) =>
  new DomainError(DomainErrorCode.INVALID_INPUT, message, [{ path, code, message }]);

/** The signing use cases over HTTP: the code mailed, the files served, PDFs verified, keys sealed. */
@Injectable()
export class SignaturesService {
  /** Keys the one-time codes' hashes; derived so that the master key itself never hashes codes. */
  private readonly pepper: Buffer;

  constructor(
    private readonly signing: SigningService,
    private readonly certificates: SignerCertificatesService,
    private readonly platformKeys: PlatformKeysService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @InjectConfig(signingConfig) private readonly config: ConfigOf<typeof signingConfig>,
  ) {
    this.pepper = Buffer.from(
      hkdfSync('sha256', config.SIGNING_MASTER_KEY, '', 'cordage one-time codes', 32),
    );
  }

  /** Mails a fresh six-digit code to the signatory; the previous ones stop working. */
  async sendCode(bidId: string, memberId: string, documentId: string, actor: Actor) {
    return this.signing.sendCode(bidId, memberId, documentId, signedIn(actor), this.pepper);
  }

  /** Checks the code and, when right, hands the signature to the worker. */
  async sign(
    bidId: string,
    memberId: string,
    request: { documentId: string; code: string },
    actor: Actor,
    ip: string | null,
  ) {
    return this.signing.confirm(bidId, memberId, request, signedIn(actor), ip, this.pepper);
  }

  async list(bidId: string, documentId: string) {
    const { document, signatures, awaiting, latest } = await this.signing.signatures(
      bidId,
      documentId,
    );
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
    const { document, latest } = await this.signing.latestRevision(bidId, documentId);
    const content = await this.storage.get(latest?.storageKey ?? document.storageKey);
    const suffix = latest ? `-signee-${latest.revision}` : '';
    return { filename: document.filename.replace(/\.pdf$/, `${suffix}.pdf`), content };
  }

  async proof(bidId: string, documentId: string) {
    const { document, latest } = await this.signing.latestRevision(bidId, documentId);
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
    const revisions = reports.map((report) => ({
      report,
      sha256: sha256(pdf.subarray(0, report.byteRange[2] + report.byteRange[3])),
    }));
    const records = new Map(
      (await this.signing.recordedRevisions(revisions.map((revision) => revision.sha256))).map(
        (record) => [record.sha256, record],
      ),
    );
    const signatures = revisions.map(({ report, sha256: revision }) => {
      const record = records.get(revision);
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
    return { sha256: sha256(pdf), signatures, verdict: signatureVerdict(signatures) };
  }

  /** The platform's keys, made on first use (the worker may not have started yet). */
  private platformKeysInForce() {
    return this.platformKeys.ensure(() => createPlatformKeys(this.config.SIGNING_MASTER_KEY));
  }

  /** The platform's authority certificate, for anyone to verify signatures on their own machine. */
  async authorityPem(): Promise<string> {
    return (await this.platformKeysInForce()).CA.certificatePem;
  }

  /**
   * The authority's revocation list (PEM), signed now: the platform's certificates renewed or
   * revoked since they were issued, for `openssl verify -crl_check -CRLfile`.
   */
  async revocationListPem(): Promise<string> {
    const keys = await this.platformKeysInForce();
    const { ca } = openPlatformKeys(keys, this.config.SIGNING_MASTER_KEY);
    return buildRevocationList(ca, await this.certificates.revokedByPlatform());
  }

  async certificate(memberId: string, actor: Actor) {
    const certificate = await this.certificates.inForce(memberId, signedIn(actor).userId);
    return {
      // None yet: the platform issues one at the first signature.
      certificate: certificate && {
        source: certificate.source,
        ...certificateNames(certificate.certificatePem),
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
    const credentials = loadPkcs12(
      Buffer.from(upload.pkcs12, 'base64'),
      upload.password,
      new Date(),
    );
    await this.certificates.upload(
      memberId,
      {
        source: 'PKCS12',
        certificatePem: credentials.certificatePem,
        chainPems: credentials.chainPems,
        sealedPrivateKey: sealPrivateKey(credentials.privateKeyPem, this.config.SIGNING_MASTER_KEY),
        ...certificateSummary(credentials.certificatePem),
      },
      signedIn(actor),
    );
  }

  /** Revokes the certificate in force: the next signature gets a new one (renewal). */
  async revokeCertificate(memberId: string, actor: Actor): Promise<void> {
    await this.certificates.revoke(memberId, signedIn(actor));
  }
}

/** The signing routes are behind MEMBER_SIGN: the actor is a signed-in person. */
function signedIn(actor: Actor): Actor & { userId: string } {
  if (actor.userId === null)
    throw new DomainError(DomainErrorCode.UNAUTHENTICATED, 'Connectez-vous pour continuer.');
  return { ...actor, userId: actor.userId };
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
    certificate: certificateNames(signature.certificatePem),
    level: signatureLevel(signature.certificateSource),
  };
}
