import { Injectable } from '@nestjs/common';
import type { Actor } from '@cordage/domain';
import {
  type NewCertificate,
  type SignerCertificateEntity,
  SigningRepository,
  Transactional,
} from '@cordage/persistence';
import { SigningService } from './signing.service';
import { AuditTrail } from '../audit';

/** A signatory's certificate for its organisation: the platform's, or its own PKCS#12. */
@Injectable()
export class SignerCertificatesService {
  constructor(
    private readonly signing: SigningRepository,
    private readonly signingService: SigningService,
    private readonly audit: AuditTrail,
  ) {}

  /** The certificate in force (none before the first signature: the platform issues one then). */
  async inForce(memberId: string, userId: string): Promise<SignerCertificateEntity | null> {
    const party = await this.signingService.party(memberId, userId);
    return this.signing.activeCertificate(party.userId, party.organisationId);
  }

  /**
   * What the platform's authority revoked. A member's own certificate is not in it: its issuer
   * publishes its revocations.
   */
  async revokedByPlatform() {
    return this.signing.revokedPlatformCertificates();
  }

  /** The member's own certificate replaces the one in force. */
  async upload(memberId: string, certificate: NewCertificate, actor: Actor & { userId: string }) {
    await this.replace(memberId, certificate, 'remplacé par le certificat du membre', actor);
  }

  /** Revokes the certificate in force: the next signature gets a new one (renewal). */
  async revoke(memberId: string, actor: Actor & { userId: string }): Promise<void> {
    await this.replace(memberId, null, 'révoqué par le signataire', actor);
  }

  @Transactional()
  private async replace(
    memberId: string,
    certificate: NewCertificate | null,
    reason: string,
    actor: Actor & { userId: string },
  ): Promise<void> {
    const party = await this.signingService.party(memberId, actor.userId);
    const revoked = await this.signing.revokeCertificates(
      party.userId,
      party.organisationId,
      reason,
    );
    const id = certificate
      ? await this.signing.addCertificate(party.userId, party.organisationId, certificate)
      : null;
    await this.audit.append(actor, {
      action: certificate ? 'certificate.uploaded' : 'certificate.revoked',
      entityType: 'signer_certificate',
      entityId: id,
      before: { revoked },
      after: certificate && {
        serialNumber: certificate.serialNumber,
        subject: certificate.subject,
      },
    });
  }
}
