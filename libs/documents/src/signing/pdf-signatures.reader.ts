import { X509Certificate, createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { at, required } from '@cordage/domain';

// pkijs types its engine with the DOM `Crypto`, which a Node build does not declare.
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as never }));

export type ByteRange = [number, number, number, number];

/** One signature found in a PDF, checked in-process (the "verify an uploaded PDF" feature). */
export interface PdfSignatureReport {
  /** 1 for the first signature in the file, as pdfsig numbers them. */
  index: number;
  signerName: string | null;
  signerCertificatePem: string | null;
  /** The signer certificate's issuer, as a distinguished name. */
  issuer: string | null;
  /** The time the signer claimed (/M, or a CMS signing-time), not a proven time. */
  signingTime: Date | null;
  byteRange: ByteRange;
  coversWholeFile: boolean;
  /** The signed bytes hash to the message digest the signer signed. */
  digestValid: boolean;
  /** The CMS signature verifies over the signed bytes with the signer's certificate. */
  signatureValid: boolean;
  /** ESS signing-certificate-v2 is present and names the signer certificate (PAdES). */
  signingCertificateBound: boolean;
  /** Whether the signer certificate chains (through embedded intermediates) to this CA. */
  chainsTo(caPem: string): boolean;
}

const OID = {
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;
const DIGESTS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.3.14.3.2.26': 'sha1',
};
const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

interface FoundSignature {
  byteRange: ByteRange;
  /** The signature dictionary's /M: where PAdES puts the claimed signing time. */
  claimedTime: Date | null;
}

/** `D:YYYYMMDDHHmmSS` then `Z` or `+HH'mm'` (PDF 32000 §7.9.4). */
function parsePdfDate(text: string): Date | null {
  const match = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+-])?(\d{2})?'?(\d{2})?/.exec(
    text,
  );
  if (match === null) return null;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00'] = match;
  const sign = match[7] === '-' ? -1 : 1;
  const offsetMinutes = sign * (Number(match[8] ?? 0) * 60 + Number(match[9] ?? 0));
  const utc = Date.UTC(
    +required(year, 'the year of a PDF date'),
    +month - 1,
    +day,
    +hour,
    +minute,
    +second,
  );
  return new Date(utc - offsetMinutes * 60_000);
}

/** Every ByteRange written literally in the file: signature dictionaries are never compressed. */
function findSignatures(pdf: Uint8Array): FoundSignature[] {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length).toString('latin1');
  const seen = new Map<string, FoundSignature>();
  for (const match of text.matchAll(BYTE_RANGE)) {
    const byteRange = match.slice(1, 5).map(Number) as ByteRange;
    // The dictionary around it, minus the /Contents hex the ByteRange leaves out.
    const [, length, offset] = byteRange;
    const objectStart = text.lastIndexOf(' obj', Math.min(match.index, length));
    const objectEnd = text.indexOf('endobj', Math.max(match.index, offset));
    const dictionary =
      objectStart < 0 || objectEnd < 0 || length > offset
        ? ''
        : text.slice(objectStart, length) + text.slice(offset, objectEnd);
    const claimed = /\/M\s*\((D:[^)]*)\)/.exec(dictionary)?.[1];
    seen.set(byteRange.join(' '), {
      byteRange,
      claimedTime: claimed === undefined ? null : parsePdfDate(claimed),
    });
  }
  return [...seen.values()].sort((a, b) => a.byteRange[1] - b.byteRange[1]);
}

function isWellFormed(pdf: Uint8Array, [start, length, offset, tail]: ByteRange): boolean {
  return (
    start === 0 &&
    offset > length + 1 &&
    offset + tail <= pdf.length &&
    pdf[length] === 0x3c && // `<` opens /Contents right after the first range
    pdf[offset - 1] === 0x3e
  );
}

function signedBytes(pdf: Uint8Array, [, length, offset, tail]: ByteRange): ArrayBuffer {
  const bytes = new Uint8Array(length + tail);
  bytes.set(pdf.subarray(0, length));
  bytes.set(pdf.subarray(offset, offset + tail), length);
  return bytes.buffer;
}

function attributeValue(attributes: pkijs.Attribute[] | undefined, oid: string): unknown {
  return attributes?.find((attribute) => attribute.type === oid)?.values[0];
}

function toPem(der: ArrayBuffer): string {
  return new X509Certificate(Buffer.from(der)).toString();
}

/** Walks from the signer to the CA through the certificates the signature embeds. */
function chainsTo(signer: X509Certificate, embedded: X509Certificate[], caPem: string): boolean {
  const ca = new X509Certificate(caPem);
  let current = signer;
  for (let depth = 0; depth <= embedded.length; depth++) {
    if (current.checkIssued(ca) && current.verify(ca.publicKey)) return true;
    const issuer = embedded.find(
      (candidate) =>
        candidate.fingerprint256 !== current.fingerprint256 &&
        current.checkIssued(candidate) &&
        current.verify(candidate.publicKey),
    );
    if (issuer === undefined) return false;
    current = issuer;
  }
  return false;
}

async function inspect(pdf: Uint8Array, { byteRange, claimedTime }: FoundSignature, index: number) {
  const [, length, offset, tail] = byteRange;
  const hex = Buffer.from(pdf.subarray(length + 1, offset - 1)).toString('latin1');
  const der = Buffer.from(hex.replace(/\s/g, ''), 'hex');
  const asn1 = asn1js.fromBER(der);
  const signed = new pkijs.SignedData({
    schema: new pkijs.ContentInfo({ schema: asn1.result }).content,
  });
  const signerInfo = at(signed.signerInfos, 0);
  const certificates = (signed.certificates ?? []).filter(
    (certificate): certificate is pkijs.Certificate => certificate instanceof pkijs.Certificate,
  );
  const sid = signerInfo.sid as unknown;
  const signerCertificate =
    sid instanceof pkijs.IssuerAndSerialNumber
      ? certificates.find(
          (certificate) =>
            certificate.serialNumber.isEqual(sid.serialNumber) &&
            certificate.issuer.isEqual(sid.issuer),
        )
      : certificates[0];
  const data = signedBytes(pdf, byteRange);
  const attributes = signerInfo.signedAttrs?.attributes;

  const digest = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  const messageDigest = attributeValue(attributes, OID.messageDigest);
  const digestValid =
    digest !== undefined &&
    messageDigest instanceof asn1js.OctetString &&
    Buffer.from(messageDigest.valueBlock.valueHexView).equals(
      createHash(digest).update(new Uint8Array(data)).digest(),
    );
  const signatureValid =
    digestValid &&
    signerCertificate !== undefined &&
    (await signed.verify({ signer: 0, data, checkChain: false }).catch(() => false));

  const signerDer = signerCertificate?.toSchema().toBER();
  const signer = signerDer === undefined ? null : new X509Certificate(Buffer.from(signerDer));
  const embedded = certificates.map(
    (certificate) => new X509Certificate(Buffer.from(certificate.toSchema().toBER())),
  );
  const time = attributeValue(attributes, OID.signingTime);
  const signingCertificate = attributeValue(attributes, OID.signingCertificateV2);
  const certHash =
    signerDer === undefined ? null : createHash('sha256').update(Buffer.from(signerDer)).digest();
  return {
    index,
    signerName:
      signerCertificate?.subject.typesAndValues
        .find((entry) => entry.type === '2.5.4.3')
        ?.value.valueBlock.value.toString() ?? null,
    signerCertificatePem: signerDer === undefined ? null : toPem(signerDer),
    issuer: signer?.issuer.replace(/\n/g, ', ') ?? null,
    signingTime:
      time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime
        ? time.toDate()
        : claimedTime,
    byteRange,
    coversWholeFile: offset + tail === pdf.length,
    digestValid,
    signatureValid,
    // The ESSCertIDv2 hash (SHA-256 by default) must be the signer certificate's.
    signingCertificateBound:
      signingCertificate !== undefined &&
      certHash !== null &&
      Buffer.from((signingCertificate as asn1js.Sequence).toBER()).includes(certHash),
    chainsTo: (caPem: string) => signer !== null && chainsTo(signer, embedded, caPem),
  } satisfies PdfSignatureReport;
}

function unreadable(
  { byteRange, claimedTime }: FoundSignature,
  index: number,
  pdf: Uint8Array,
): PdfSignatureReport {
  return {
    index,
    signerName: null,
    signerCertificatePem: null,
    issuer: null,
    signingTime: claimedTime,
    byteRange,
    coversWholeFile: byteRange[2] + byteRange[3] === pdf.length,
    digestValid: false,
    signatureValid: false,
    signingCertificateBound: false,
    chainsTo: () => false,
  };
}

/** Lists and verifies every signature of a PDF; a changed byte in a signed range shows as invalid. */
export async function readPdfSignatures(pdf: Uint8Array): Promise<PdfSignatureReport[]> {
  const reports: PdfSignatureReport[] = [];
  for (const [position, found] of findSignatures(pdf).entries()) {
    const index = position + 1;
    reports.push(
      isWellFormed(pdf, found.byteRange)
        ? await inspect(pdf, found, index).catch(() => unreadable(found, index, pdf))
        : unreadable(found, index, pdf),
    );
  }
  return reports;
}
