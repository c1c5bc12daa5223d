import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  type AppliedSignature,
  BidTransitionService,
  PlatformKeysService,
  RequestedWorkService,
  SigningService,
  type SigningState,
} from '@cordage/application';
import { type ConfigOf, InjectConfig, signingConfig } from '@cordage/config';
import {
  type Actor,
  type DocumentStorage,
  DomainErrorCode,
  isDomainError,
  organizationIdentifier,
  procurementTimeZone,
  signatureBoxName,
} from '@cordage/domain';
import {
  type PlatformAuthority,
  certificateSummary,
  createPlatformKeys,
  openPlatformKeys,
  openPrivateKey,
  sealPrivateKey,
} from '@cordage/documents';
import { DOCUMENT_STORAGE, type NewCertificate, type SigningParty } from '@cordage/persistence';
import { CpuPool } from '../cpu/cpu-pool';

export interface SigningOutcome {
  revision: number;
  /** True when this member had already signed: nothing was signed again. */
  alreadyDone: boolean;
}

/** Thrown when a request can never succeed as asked: the job is not retried. */
export class SigningRefused extends Error {}

/**
 * Applies one member's signature to a frozen convention: the latest revision, signed with the
 * signatory's certificate (issued by the platform on first signature), checked to begin with the
 * previous bytes exactly, stored with a new sealed proof file. One at a time per document.
 */
@Injectable()
export class SigningRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger(SigningRunner.name);
  private authority: Promise<PlatformAuthority> | undefined;

  constructor(
    private readonly requestedWork: RequestedWorkService,
    private readonly signing: SigningService,
    private readonly platformKeys: PlatformKeysService,
    private readonly transitions: BidTransitionService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly cpu: CpuPool,
    @InjectConfig(signingConfig) private readonly config: ConfigOf<typeof signingConfig>,
  ) {}

  /** The platform's authority is made on the first start, not on the first signature. */
  async onApplicationBootstrap(): Promise<void> {
    await this.platform();
  }

  async run(requestId: string): Promise<SigningOutcome> {
    const request = await this.requestedWork.start(requestId, 'SIGNING');
    if (!request) throw new SigningRefused(`signing request ${requestId} does not exist`);
    if (request.status === 'FAILED') throw new SigningRefused(request.failure?.message ?? 'failed');
    const platform = await this.platform();
    const actor = { userId: request.requestedBy, label: 'worker', requestId: request.requestId };
    try {
      const { revision, alreadyDone, bidId, kind } = await this.signing.apply(
        requestId,
        (state) => this.sign(state, platform),
        actor,
      );
      const outcome = { revision, alreadyDone };
      const { documentId } = request.parameters;
      this.logger.log({ requestId, documentId, ...outcome }, 'signed');
      if (kind === 'CONVENTION') await this.completeWhenAllSigned(bidId, actor);
      return outcome;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await this.requestedWork.markRefused(requestId, error, actor);
      throw new SigningRefused(error.message);
    }
  }

  /**
   * The last party's signature completes the convention's signing: the bid moves to SIGNED by
   * itself (an amendment's change request closes in the signature's own transaction).
   */
  private async completeWhenAllSigned(bidId: string, actor: Actor): Promise<void> {
    try {
      await this.transitions.transition(bidId, 'COMPLETE_SIGNING', actor);
      this.logger.log({ bidId }, 'every party signed');
    } catch (error) {
      // Someone has not signed yet (or the bid is not in signing): nothing to complete.
      if (!isDomainError(error) || error.code !== DomainErrorCode.INVALID_TRANSITION) throw error;
    }
  }

  private async sign(state: SigningState, platform: PlatformAuthority): Promise<AppliedSignature> {
    const masterKey = this.config.SIGNING_MASTER_KEY;
    const { party, document } = state;
    const previous = await this.storage.get(state.previous.storageKey);
    const certificate = state.certificate ?? (await this.issue(platform, party));
    const signedAt = new Date();
    // Signed (and checked to begin with the previous bytes) in a worker thread, as is the proof.
    const signed = await this.cpu.run('sign', {
      previous,
      signer: {
        certificatePem: certificate.certificatePem,
        privateKeyPem: openPrivateKey(certificate.sealedPrivateKey, masterKey),
        chainPems: certificate.chainPems,
      },
      meta: {
        name: party.userName,
        reason: `Signature de la convention de groupement pour ${party.legalName} (${party.capacity})`,
        location: party.location,
        contactInfo: party.userEmail,
        signingTime: signedAt,
        appearance: {
          box: signatureBoxName(party),
          organisation: party.legalName,
          capacity: party.capacity,
          timeZone: procurementTimeZone(party.idScheme),
        },
      },
    });
    const stored = await this.storage.put(Buffer.from(signed));
    const summary = certificateSummary(certificate.certificatePem);
    const proof = await this.cpu.run('proof', {
      proof: {
        documentTitle: document.filename,
        frozenSha256: document.sha256,
        revisions: [
          ...state.signatures.map((signature) => ({
            sha256: signature.sha256,
            signer: signature.signerName,
            capacity: signature.capacity,
            organisation: signature.organisation,
            signedAt: signature.signedAt.toISOString(),
            ip: signature.ip ?? 'inconnue',
            certificateSerial: signature.certificateSerial,
            certificateSubject: signature.certificateSubject,
          })),
          {
            sha256: stored.sha256,
            signer: party.userName,
            capacity: party.capacity,
            organisation: party.legalName,
            signedAt: signedAt.toISOString(),
            ip: state.ip ?? 'inconnue',
            certificateSerial: summary.serialNumber,
            certificateSubject: summary.subject,
          },
        ],
        generatedAt: signedAt.toISOString(),
      },
      seal: platform.seal,
    });
    const storedProof = await this.storage.put(
      Buffer.from(proof.buffer, proof.byteOffset, proof.byteLength),
    );
    return {
      certificate,
      storageKey: stored.key,
      sha256: stored.sha256,
      signedAt,
      proofStorageKey: storedProof.key,
      proofSha256: storedProof.sha256,
    };
  }

  /** A two-year certificate naming the signatory, its organisation and its identifier. */
  private async issue(platform: PlatformAuthority, party: SigningParty): Promise<NewCertificate> {
    const issued = await this.cpu.run('issueCertificate', {
      ca: platform.ca,
      identity: {
        name: party.userName,
        organisation: party.legalName,
        identifier: organizationIdentifier(party.idScheme, party.idValue),
        email: party.userEmail,
      },
    });
    return {
      source: 'PLATFORM',
      certificatePem: issued.certificatePem,
      chainPems: [platform.ca.certificatePem],
      sealedPrivateKey: sealPrivateKey(issued.privateKeyPem, this.config.SIGNING_MASTER_KEY),
      ...certificateSummary(issued.certificatePem),
    };
  }

  private platform(): Promise<PlatformAuthority> {
    this.authority ??= this.platformKeys
      .ensure(() => createPlatformKeys(this.config.SIGNING_MASTER_KEY))
      .then((keys) => openPlatformKeys(keys, this.config.SIGNING_MASTER_KEY));
    return this.authority;
  }
}
