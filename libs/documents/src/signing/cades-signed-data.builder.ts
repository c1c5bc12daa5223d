import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { InMemoryKeySigner } from './in-memory-key.signer';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

const sha256Algorithm = (): pkijs.AlgorithmIdentifier =>
  new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 });

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/**
 * ESS signing-certificate-v2 (RFC 5035): binds the signature to the signer certificate, so that
 * another certificate with the same key cannot be substituted. SHA-256, the default, is implicit.
 */
function signingCertificateV2(certificateDer: Uint8Array, certificate: pkijs.Certificate) {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          // GeneralName directoryName [4] is EXPLICIT: Name is a CHOICE.
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 4 },
            value: [certificate.issuer.toSchema()],
          }),
        ],
      }),
      certificate.serialNumber,
    ],
  });
  const certHash = createHash('sha256').update(certificateDer).digest();
  return new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [new asn1js.OctetString({ valueHex: toArrayBuffer(certHash) }), issuerSerial],
          }),
        ],
      }),
    ],
  });
}

/**
 * A CAdES detached SignedData over a document digest, as PAdES B-B wants it: content-type,
 * message-digest and signing-certificate-v2 signed; no signing-time attribute (the claimed time is
 * the signature dictionary's /M).
 */
export async function buildCadesSignedData(
  documentDigest: Uint8Array,
  signer: InMemoryKeySigner,
): Promise<Uint8Array> {
  const certificate = pkijs.Certificate.fromBER(signer.certificate);
  const signedAttributes = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({
        type: OID.contentType,
        values: [new asn1js.ObjectIdentifier({ value: OID.data })],
      }),
      new pkijs.Attribute({
        type: OID.messageDigest,
        values: [new asn1js.OctetString({ valueHex: toArrayBuffer(documentDigest) })],
      }),
      new pkijs.Attribute({
        type: OID.signingCertificateV2,
        values: [signingCertificateV2(signer.certificate, certificate)],
      }),
    ],
  });
  // The signature covers the attributes DER-encoded as a SET, not as the [0] they are stored in.
  const toSign = new Uint8Array(signedAttributes.toSchema().toBER());
  toSign[0] = 0x31;
  const signature = await signer.sign(toSign, 'SHA-256');
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({
      issuer: certificate.issuer,
      serialNumber: certificate.serialNumber,
    }),
    digestAlgorithm: sha256Algorithm(),
    signedAttrs: signedAttributes,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier(
      signer.keyType === 'EC'
        ? { algorithmId: OID.ecdsaWithSha256 }
        : { algorithmId: OID.sha256WithRsa, algorithmParams: new asn1js.Null() },
    ),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [sha256Algorithm()],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [signer.certificate, ...signer.certificateChain].map((der) =>
      pkijs.Certificate.fromBER(der),
    ),
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER());
}
