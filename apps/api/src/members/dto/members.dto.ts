import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';
import {
  COMMITMENT_MEASURES,
  IDENTIFIER_SCHEMES,
  INVITATION_ROLES,
  LEGAL_FORMS,
  MEMBER_STATUSES,
  ORGANISATION_KINDS,
  PREFERENCES,
  identifierProblem,
  organisationParticularsSchema,
} from '@cordage/domain';
import { emailAddress } from '../../auth/dto/auth.dto';
import { INT32_MAX } from '../../common/param.pipe';

export class InvitationDto extends createZodDto(
  z
    .strictObject({
      email: emailAddress.describe(
        'Adresse de la personne invitée (éditrice pour son organisation)',
      ),
      idScheme: z.enum(IDENTIFIER_SCHEMES),
      id: z.string().trim().min(9).max(20).describe('SIRET, SIREN ou numéro BCE'),
      signatory: z
        .boolean()
        .default(false)
        .describe(
          'Vrai si cette personne signe aussi la convention pour son organisation ' +
            '(représentante légale ou délégataire)',
        ),
      role: z
        .enum(INVITATION_ROLES)
        .default('COTRAITANT')
        .describe(
          'COTRAITANT ; MANDATAIRE : le cotraitant qui représente le groupement (il remplace le ' +
            'mandataire actuel) ; SOUS_TRAITANT : le sous-traitant d’un membre (subcontract)',
        ),
      subcontract: z
        .strictObject({
          principalMemberId: z.uuid().describe('Le membre pour qui il travaille'),
          lot: z.number().int().positive().max(INT32_MAX).describe('Numéro du lot'),
          nature: z.string().trim().min(3).max(2000).describe('Les prestations sous-traitées'),
          maxAmountCents: z
            .number()
            .int()
            .positive()
            .max(100_000_000_000)
            .describe('Montant maximum, en centimes HT'),
        })
        .optional()
        .describe('Obligatoire pour un SOUS_TRAITANT, absent sinon'),
      organisation: z
        .strictObject({
          legalName: z.string().trim().min(1).max(300),
          kind: z.enum(ORGANISATION_KINDS),
          employees: z.number().int().nonnegative(),
          home: z
            .string()
            .trim()
            .min(3)
            .max(80)
            .describe('Territoire du siège : COM:93066, BE:21004…'),
          representative: z.strictObject({
            name: z.string().trim().min(1).max(200),
            title: z.string().trim().min(1).max(200),
          }),
        })
        .optional()
        .describe(
          'Obligatoire si l’organisation n’est pas encore connue de Cordage ; ses effectifs, son ' +
            'siège et son représentant complètent la fiche du réseau (un autre réseau ne les voit pas)',
        ),
    })
    .superRefine((invitation, ctx) => {
      const problem = identifierProblem(invitation.idScheme, invitation.id);
      if (problem) ctx.addIssue({ code: 'custom', path: ['id'], message: problem });
      if (invitation.role === 'SOUS_TRAITANT' && !invitation.subcontract) {
        ctx.addIssue({
          code: 'custom',
          path: ['subcontract'],
          message:
            'un sous-traitant travaille pour un membre : indiquez lequel, le lot et le montant',
        });
      }
      if (invitation.role !== 'SOUS_TRAITANT' && invitation.subcontract) {
        ctx.addIssue({
          code: 'custom',
          path: ['subcontract'],
          message: 'seul un sous-traitant a un contrat de sous-traitance',
        });
      }
    }),
) {}

export class InvitationResultDto extends createZodDto(
  z.object({
    memberId: z.uuid(),
    key: z.string(),
    organisationId: z.uuid(),
    representation: z
      .enum(['GRANTED', 'PENDING'])
      .describe(
        'GRANTED : la personne agit déjà pour l’organisation. PENDING : ses représentants ' +
          'doivent d’abord confirmer (organisation déjà représentée sur Cordage)',
      ),
    representationRequestId: z.uuid().nullable(),
  }),
) {}

export class SignatoryDto extends createZodDto(
  z.strictObject({
    name: z.string().trim().min(1).max(200).describe('Prénom et nom de la personne qui signe'),
    capacity: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe('Sa qualité, imprimée dans la convention : présidente, directeur général…'),
    email: emailAddress.describe('Son adresse : elle signe avec un code reçu à cette adresse'),
  }),
) {}

export class SignatoryDesignatedDto extends createZodDto(
  z.object({
    representation: z
      .enum(['GRANTED', 'PENDING'])
      .describe(
        'GRANTED : la personne signe déjà pour l’organisation. PENDING : ses représentants ' +
          'doivent d’abord confirmer',
      ),
    representationRequestId: z.uuid().nullable(),
  }),
) {}

export class InvitationLinksRevokedDto extends createZodDto(
  z.object({ revoked: z.number().int().describe('Liens encore valables qui ont été révoqués') }),
) {}

export class ReminderDto extends createZodDto(
  z.strictObject({
    clickId: z
      .uuid()
      .describe(
        'Identifiant tiré par le client pour ce clic : une requête rejouée avec le même ' +
          'identifiant ne relance pas une seconde fois',
      ),
  }),
) {}

const reminded = z.object({
  memberId: z.uuid(),
  lastRemindedAt: z.iso.datetime().describe('Date de la dernière relance'),
  mails: z
    .number()
    .int()
    .describe('Mails envoyés par cette requête ; 0 si le clic était déjà reçu'),
});

export class MemberRemindedDto extends createZodDto(reminded) {}

export class MembersRemindedDto extends createZodDto(
  z.object({ reminded: z.array(reminded).describe('Les membres relancés') }),
) {}

export class ReasonDto extends createZodDto(
  z.strictObject({ reason: z.string().trim().min(1).max(2000).describe('En quelques mots') }),
) {}

const memberData = {
  insertionHoursMax: z.number().int().nonnegative().nullable().optional(),
  limits: z
    .strictObject({
      maxHours: z.number().positive().finite().nullable(),
      maxRevenueCents: z.number().int().nonnegative().nullable(),
    })
    .nullable()
    .optional()
    .describe('Plafonds sur l’ensemble de la candidature ; null les retire'),
};

export class MemberDataDto extends createZodDto(z.strictObject(memberData)) {}

const offer = z.strictObject({
  lot: z.number().int().positive(),
  territory: z.string().trim().min(3).max(80),
  hours: z.number().positive().finite(),
  preference: z.enum(PREFERENCES),
});

export class OffersDto extends createZodDto(
  z.strictObject({
    offers: z
      .array(offer)
      .max(100_000)
      .describe('Toutes vos offres : elles remplacent les précédentes'),
    // The same form carries the member's data: saved with the offers, or not at all.
    ...memberData,
  }),
) {}

export class OffersSavedDto extends createZodDto(
  z.object({
    offers: z.number().int(),
    status: z.enum(MEMBER_STATUSES),
    warnings: z
      .array(
        z.object({
          code: z.literal('COMMITMENT_EXCEEDED'),
          measure: z.enum(COMMITMENT_MEASURES),
          limit: z.number(),
          total: z.number(),
          otherBids: z.array(
            z.object({ bidId: z.uuid(), reference: z.string(), title: z.string() }),
          ),
          message: z.string(),
        }),
      )
      .describe(
        'Au-delà des limites déclarées dans l’annuaire du réseau, toutes candidatures ouvertes ' +
          'comprises : la déclaration est enregistrée, l’avertissement nomme les autres candidatures',
      ),
  }),
) {}

/** All the particulars at once; null (or an empty text) for one not known yet. */
export class ParticularsDto extends createZodDto(organisationParticularsSchema) {}

export class MemberParticularsDto extends createZodDto(
  z.object({
    organisationId: z.uuid(),
    kind: z.enum(ORGANISATION_KINDS),
    legalForm: z.enum(LEGAL_FORMS).nullable(),
    registeredAddress: z.string().max(300).nullable(),
    approvalNumber: z.string().max(100).nullable(),
    approvalAuthority: z.string().max(200).nullable(),
    representativeCapacity: z.string().max(200).nullable(),
    approvalName: z
      .string()
      .max(200)
      .nullable()
      .describe('L’agrément qu’exige la catégorie de l’organisation ; null si aucun'),
    approvalAuthorityHint: z.string().max(200).nullable().describe('Qui le délivre d’ordinaire'),
  }),
) {}
