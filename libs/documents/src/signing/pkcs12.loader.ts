import { X509Certificate, createPrivateKey } from 'node:crypto';
// @peculiar/x509 resolves its parsers through tsyringe, which needs the Reflect polyfill.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import forge from 'node-forge';
import {
  type CertificateFacts,
  DomainError,
  DomainErrorCode,
  assertCertificateCanSign,
  required,
} from '@cordage/domain';

/** A member's own certificate, uploaded as a PKCS#12 (.p12 / .pfx) file. */
export interface Pkcs12Credentials {
  certificatePem: string;
  privateKeyPem: string;
  /** The other certificates of the file (intermediates, root). */
  chainPems: string[];
}

function refuse(message: string): DomainError {
  return new DomainError(DomainErrorCode.CERTIFICATE_INVALID, message);
}

function certificateFacts(certificate: X509Certificate): CertificateFacts {
  const usage = keyUsageOf(certificate);
  return {
    subject: certificate.subject.replace(/\n/g, ', '),
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
    keyUsage: usage,
  };
}

/** node:crypto does not expose keyUsage: @peculiar/x509 reads the extension. */
function keyUsageOf(certificate: X509Certificate): CertificateFacts['keyUsage'] {
  const extension = new x509.X509Certificate(certificate.raw).getExtension(x509.KeyUsagesExtension);
  if (extension === null) return null;
  return {
    digitalSignature: (extension.usages & x509.KeyUsageFlags.digitalSignature) !== 0,
    nonRepudiation: (extension.usages & x509.KeyUsageFlags.nonRepudiation) !== 0,
  };
}

/**
 * Opens a PKCS#12 and checks, at `now`, that its certificate may sign. Errors are in French and
 * name the problem: wrong password, expired or not-yet-valid certificate, key usage.
 */
export function loadPkcs12(bytes: Buffer, password: string, now: Date): Pkcs12Credentials {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString('binary')), password);
  } catch (error) {
    const wrongPassword = error instanceof Error && /password|MAC/i.test(error.message);
    throw refuse(
      wrongPassword
        ? 'Mot de passe du certificat PKCS#12 incorrect.'
        : 'Fichier PKCS#12 illisible : envoyez un fichier .p12 ou .pfx valide.',
    );
  }
  // Forge decodes RSA only; for other keys and certificates it keeps the raw ASN.1 (`bag.asn1`).
  const keyBag = [...bagsOf(p12, 'pkcs8ShroudedKeyBag'), ...bagsOf(p12, 'keyBag')][0];
  if (keyBag === undefined) throw refuse('Le fichier PKCS#12 ne contient pas de clé privée.');
  const keyInfo = keyBag.key
    ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keyBag.key))
    : keyBag.asn1;
  const privateKey = createPrivateKey({
    key: Buffer.from(forge.asn1.toDer(keyInfo).getBytes(), 'binary'),
    format: 'der',
    type: 'pkcs8',
  });
  const certificates = bagsOf(p12, 'certBag').map((bag) => {
    const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
    return new X509Certificate(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
  });
  const certificate = certificates.find((candidate) => candidate.checkPrivateKey(privateKey));
  if (certificate === undefined) {
    throw refuse('Le fichier PKCS#12 ne contient pas le certificat de sa clé privée.');
  }
  assertCertificateCanSign(certificateFacts(certificate), now);
  return {
    certificatePem: certificate.toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    chainPems: certificates
      .filter((other) => other !== certificate)
      .map((other) => other.toString()),
  };
}

/** The bags of one type. Forge's OID table is a plain record, so the name is checked there. */
function bagsOf(
  p12: forge.pkcs12.Pkcs12Pfx,
  bagName: 'pkcs8ShroudedKeyBag' | 'keyBag' | 'certBag',
): forge.pkcs12.Bag[] {
  const bagType = required(forge.pki.oids[bagName], `forge's OID of ${bagName}`);
  return p12.getBags({ bagType })[bagType] ?? [];
}
