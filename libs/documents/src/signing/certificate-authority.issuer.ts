// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect polyfill.
import 'reflect-metadata';
import { createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import {
  PLATFORM_SIGNING_ALGORITHM,
  generatePlatformKey,
  toPkcs8Pem,
  toWebCryptoPair,
} from './signing-key.helper';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export interface CertificateAuthority {
  certificatePem: string;
  privateKeyPem: string;
}

export interface SignerIdentity {
  name: string;
  organisation: string;
  /**
   * The organisation's registration in the form of ETSI EN 319 412-1 (`NTRFR-473607146`,
   * `NTRBE-0123456749`: see organizationIdentifier in the domain); absent for Cordage's own seal,
   * which has no registration to certify.
   */
  identifier?: string;
  email: string;
}

export interface IssuedCertificate {
  certificatePem: string;
  privateKeyPem: string;
  /** Hexadecimal, as X.509 tools print it. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
}

export interface RevokedCertificate {
  serialNumber: string;
  revokedAt: Date;
}

const CA_YEARS = 10;
const SIGNER_YEARS = 2;
/** id-at-organizationIdentifier (ETSI EN 319 412-1): where an organisation's registration goes. */
const ORGANIZATION_IDENTIFIER = '2.5.4.97';
/** Microsoft Document Signing and id-kp-documentSigning (RFC 9336). */
const DOCUMENT_SIGNING_USAGES = ['1.3.6.1.4.1.311.10.3.12', '1.3.6.1.5.5.7.3.36'];

function addYears(date: Date, years: number): Date {
  const result = new Date(date);
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

/** "NTR" and the other 3-letter types of ETSI EN 319 412-1, the ISO 3166 country, "-", the id. */
const ETSI_ORGANIZATION_IDENTIFIER = /^[A-Z]{3}[A-Z]{2}-\S+$/;

/** A positive 128-bit serial: unpredictable, as the CA/B Forum asks of every issuer. */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes.writeUInt8((bytes.readUInt8(0) & 0x7f) | 0x40, 0);
  return bytes.toString('hex');
}

async function loadAuthority(ca: CertificateAuthority) {
  const certificate = new x509.X509Certificate(ca.certificatePem);
  const keys = await toWebCryptoPair(createPrivateKey(ca.privateKeyPem));
  return { certificate, keys };
}

/** The platform's own root: it issues one certificate per signatory and the seal certificate. */
export async function createCertificateAuthority(
  subject: { commonName: string; organisation: string },
  validFrom = new Date(),
): Promise<CertificateAuthority> {
  const privateKey = generatePlatformKey();
  const keys = await toWebCryptoPair(privateKey);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: [{ CN: [subject.commonName] }, { O: [subject.organisation] }, { C: ['FR'] }],
    notBefore: validFrom,
    notAfter: addYears(validFrom, CA_YEARS),
    keys,
    signingAlgorithm: PLATFORM_SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificatePem: certificate.toString('pem'), privateKeyPem: toPkcs8Pem(privateKey) };
}

/** A two-year signing certificate for one person; renewing is issuing again. */
export async function issueSignerCertificate(
  ca: CertificateAuthority,
  identity: SignerIdentity,
  validFrom = new Date(),
): Promise<IssuedCertificate> {
  const { identifier } = identity;
  if (identifier !== undefined && !ETSI_ORGANIZATION_IDENTIFIER.test(identifier)) {
    throw new RangeError(`${identifier} is no organisation identifier of ETSI EN 319 412-1`);
  }
  const authority = await loadAuthority(ca);
  const privateKey = generatePlatformKey();
  const keys = await toWebCryptoPair(privateKey);
  const notAfter = addYears(validFrom, SIGNER_YEARS);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: [
      { CN: [identity.name] },
      { O: [identity.organisation] },
      ...(identifier === undefined ? [] : [{ [ORGANIZATION_IDENTIFIER]: [identifier] }]),
      { E: [identity.email] },
    ],
    issuer: authority.certificate.subjectName,
    notBefore: validFrom,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: authority.keys.privateKey,
    signingAlgorithm: PLATFORM_SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([
        x509.ExtendedKeyUsage.emailProtection,
        ...DOCUMENT_SIGNING_USAGES,
      ]),
      new x509.SubjectAlternativeNameExtension([{ type: 'email', value: identity.email }]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(authority.keys.publicKey),
    ],
  });
  return {
    certificatePem: certificate.toString('pem'),
    privateKeyPem: toPkcs8Pem(privateKey),
    serialNumber: certificate.serialNumber,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
  };
}

/** id-ce-cRLNumber (RFC 5280, 5.2.3): tells a newer list from an older one. */
const CRL_NUMBER = '2.5.29.20';

/** A non-negative integer in DER (tag, length, big-endian bytes with a leading 0 when needed). */
function derInteger(value: number): ArrayBuffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  const body = Buffer.from(hex, 'hex');
  return new Uint8Array([0x02, body.length, ...body]).buffer;
}

/**
 * The authority's revocation list, from the revocations its caller records, in the PEM form
 * openssl reads ("X509 CRL"). Its number is the second it was signed: each list outnumbers the
 * last, as RFC 5280 asks, without a counter to keep.
 */
export async function buildRevocationList(
  ca: CertificateAuthority,
  revoked: readonly RevokedCertificate[],
  thisUpdate = new Date(),
  nextUpdate = new Date(thisUpdate.getTime() + 7 * 24 * 3600 * 1000),
): Promise<string> {
  const authority = await loadAuthority(ca);
  const crl = await x509.X509CrlGenerator.create({
    issuer: authority.certificate.subjectName,
    thisUpdate,
    nextUpdate,
    signingKey: authority.keys.privateKey,
    signingAlgorithm: PLATFORM_SIGNING_ALGORITHM,
    extensions: [
      await x509.AuthorityKeyIdentifierExtension.create(authority.keys.publicKey),
      new x509.Extension(CRL_NUMBER, false, derInteger(Math.floor(thisUpdate.getTime() / 1000))),
    ],
    entries: revoked.map(({ serialNumber, revokedAt }) => ({
      serialNumber,
      revocationDate: revokedAt,
    })),
  });
  return x509.PemConverter.encode(crl.rawData, 'X509 CRL');
}
