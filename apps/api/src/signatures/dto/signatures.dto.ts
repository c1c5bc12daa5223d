import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';
import { CERTIFICATE_SOURCES, ONE_TIME_CODE_DIGITS } from '@cordage/domain';

const level = z.object({
  code: z.string(),
  label: z.string().describe('Ce que vaut la signature, dit honnêtement (règlement eIDAS)'),
});

export class SignatureCodeRequestDto extends createZodDto(
  z.strictObject({ documentId: z.uuid().describe('La convention figée à signer') }),
) {}

export class SignatureCodeSentDto extends createZodDto(
  z.object({
    sentTo: z.string().describe('L’adresse à laquelle le code est parti'),
    expiresAt: z.iso.datetime(),
    level,
  }),
) {}

export class SignDto extends createZodDto(
  z.strictObject({
    documentId: z.uuid(),
    code: z
      .string()
      .regex(new RegExp(`^\\d{${ONE_TIME_CODE_DIGITS}}$`), 'le code compte 6 chiffres')
      .describe('Le code à 6 chiffres reçu par courriel'),
  }),
) {}

export class SigningAcceptedDto extends createZodDto(
  z.object({ jobId: z.uuid(), statusUrl: z.string() }),
) {}

const signature = z.object({
  revision: z.number().int().describe('1 pour la première signature'),
  memberId: z.uuid(),
  memberKey: z.string(),
  organisation: z.string(),
  signerName: z.string(),
  capacity: z.string(),
  signedAt: z.iso.datetime(),
  sha256: z.string().describe('SHA-256 du document tel que cette signature l’a laissé'),
  certificateSerial: z.string(),
  certificateSubject: z.string(),
  certificate: z
    .object({ holderName: z.string(), issuerName: z.string() })
    .describe('Le titulaire et l’émetteur du certificat, tels qu’on les lit'),
  level,
});

export class DocumentSignaturesDto extends createZodDto(
  z.object({
    documentId: z.uuid(),
    frozenSha256: z.string(),
    signatures: z.array(signature),
    awaiting: z
      .array(z.object({ memberId: z.uuid(), memberKey: z.string(), organisation: z.string() }))
      .describe('Les membres qui n’ont pas encore signé'),
    signedUrl: z.string(),
    // A bound keeps nestjs-zod from documenting a bare nullable string as an array (its #473).
    proofUrl: z.string().max(500).nullable(),
  }),
) {}

export class VerificationDto extends createZodDto(
  z.object({
    sha256: z.string(),
    signatures: z.array(
      z.object({
        index: z.number().int(),
        signerName: z.string().nullable(),
        signingTime: z.iso.datetime().nullable(),
        valid: z.boolean().describe('La signature et l’empreinte des octets signés sont exactes'),
        coversWholeFile: z.boolean(),
        issuedByPlatform: z.boolean().describe('Le certificat remonte à l’autorité de Cordage'),
        record: signature
          .pick({ revision: true, organisation: true, signerName: true, signedAt: true })
          .nullable()
          .describe('Ce que Cordage a enregistré de cette signature ; null : inconnue de Cordage'),
      }),
    ),
    verdict: z.string().describe('La conclusion, en une phrase'),
  }),
) {}

export class Pkcs12UploadDto extends createZodDto(
  z.strictObject({
    pkcs12: z
      .base64()
      .max(Math.ceil((64 * 1024 * 4) / 3), 'fichier PKCS#12 de 64 Kio au plus')
      .describe('Le fichier .p12 / .pfx, en base64 (64 Kio au plus)'),
    password: z.string().max(200).describe('Son mot de passe ; il n’est pas conservé'),
  }),
) {}

export class CertificateDto extends createZodDto(
  z.object({
    certificate: z
      .object({
        source: z.enum(CERTIFICATE_SOURCES),
        holderName: z.string().describe('Son titulaire : « Anne Dupont, Atelier Œuvre »'),
        issuerName: z.string().describe('Son émetteur : « Certigna Identity CA »'),
        serialNumber: z.string(),
        subject: z.string(),
        notBefore: z.iso.datetime(),
        notAfter: z.iso.datetime(),
      })
      .nullable()
      .describe('null : Cordage en délivrera un à la première signature'),
    level,
  }),
) {}
