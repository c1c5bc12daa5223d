import { X509Certificate } from 'node:crypto';
import {
  type CertificateAuthority,
  createCertificateAuthority,
  issueSignerCertificate,
} from './certificate-authority.issuer';
import type { SigningCredentials } from './pdf.signer';
import { openPrivateKey, sealPrivateKey } from './private-key.sealer';

/** A certificate and its private key as stored: the key sealed with the master key. */
export interface SealedKey {
  certificatePem: string;
  sealedPrivateKey: string;
}

/** The platform's authority (issues signers' certificates) and its seal (signs proof files). */
export interface PlatformAuthority {
  ca: CertificateAuthority;
  seal: SigningCredentials;
}

/** Made once, on the platform's first start. */
export async function createPlatformKeys(
  masterKey: Buffer,
): Promise<Record<'CA' | 'SEAL', SealedKey>> {
  const ca = await createCertificateAuthority({
    commonName: 'Cordage – autorité de certification de la plateforme',
    organisation: 'Cordage',
  });
  const seal = await issueSignerCertificate(ca, {
    name: 'Cordage – sceau des dossiers de preuve',
    organisation: 'Cordage',
    email: 'sceau@cordage.invalid',
  });
  return {
    CA: {
      certificatePem: ca.certificatePem,
      sealedPrivateKey: sealPrivateKey(ca.privateKeyPem, masterKey),
    },
    SEAL: {
      certificatePem: seal.certificatePem,
      sealedPrivateKey: sealPrivateKey(seal.privateKeyPem, masterKey),
    },
  };
}

export function openPlatformKeys(
  keys: Record<'CA' | 'SEAL', SealedKey>,
  masterKey: Buffer,
): PlatformAuthority {
  return {
    ca: {
      certificatePem: keys.CA.certificatePem,
      privateKeyPem: openPrivateKey(keys.CA.sealedPrivateKey, masterKey),
    },
    seal: {
      certificatePem: keys.SEAL.certificatePem,
      privateKeyPem: openPrivateKey(keys.SEAL.sealedPrivateKey, masterKey),
      chainPems: [keys.CA.certificatePem],
    },
  };
}

/** What the records keep of a certificate: its serial, subject and validity. */
export function certificateSummary(pem: string) {
  const certificate = new X509Certificate(pem);
  return {
    serialNumber: certificate.serialNumber.toLowerCase(),
    subject: certificate.subject.replace(/\n/g, ', '),
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
  };
}

/** A distinguished name's attribute (CN, O…), as Node writes the name: one attribute a line. */
const attribute = (name: string, key: string) =>
  name
    .split('\n')
    .find((line) => line.startsWith(`${key}=`))
    ?.slice(key.length + 1);

/**
 * Who a certificate names, as a person reads it: its holder (« Anne Dupont, Atelier Œuvre ») and
 * its issuer (« Certigna Identity CA »), not an X.509 distinguished name.
 */
export function certificateNames(pem: string): { holderName: string; issuerName: string } {
  const certificate = new X509Certificate(pem);
  const holder = [attribute(certificate.subject, 'CN'), attribute(certificate.subject, 'O')]
    .filter((part, index, parts) => part !== undefined && parts.indexOf(part) === index)
    .join(', ');
  const issuer = attribute(certificate.issuer, 'CN') ?? attribute(certificate.issuer, 'O');
  return {
    holderName: holder || certificate.subject.replace(/\n/g, ', '),
    issuerName: issuer ?? certificate.issuer.replace(/\n/g, ', '),
  };
}
