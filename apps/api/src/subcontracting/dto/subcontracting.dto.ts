import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';
import {
  IDENTIFIER_SCHEMES,
  MAX_SUBCONTRACT_MONTHS,
  MEMBER_STATUSES,
  ORGANISATION_KINDS,
  SUBCONTRACT_KINDS,
} from '@cordage/domain';
import { INT32_MAX } from '../../common/param.pipe';
import { organisationSearch } from '../../directory/dto/directory.dto';

/** Whole cents, positive, exact as a JS number (stored as bigint). */
const cents = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const terms = {
  lot: z.number().int().positive().max(INT32_MAX).describe('Numéro du lot'),
  kind: z
    .enum(SUBCONTRACT_KINDS)
    .describe(
      'SOUS_TRAITANCE, ou MISE_A_DISPOSITION pour des salariés prêtés par une AI, une ETTI ou ' +
        'un GEIQ (sans DC4 ni paiement direct)',
    ),
  nature: z.string().trim().min(1).max(500).describe('Nature des prestations sous-traitées'),
  durationMonths: z.number().int().min(1).max(MAX_SUBCONTRACT_MONTHS).describe('Durée, en mois'),
  amountExclVatCents: cents.describe(
    'Montant maximal HT, en centimes ; jamais au-delà de ce que le titulaire porte sur le lot',
  ),
  amountInclVatCents: cents.describe(
    'Montant maximal TTC, en centimes ; égal au HT en autoliquidation. Paiement direct à partir ' +
      'de 600 € TTC (R2193-10)',
  ),
  reverseCharge: z.boolean().describe('Autoliquidation de la TVA par le titulaire'),
};

export class SubcontractDto extends createZodDto(
  z.strictObject({
    subcontractorId: z.uuid().describe('Le sous-traitant, invité par ce membre et qui a accepté'),
    ...terms,
  }),
) {}

export class SubcontractTermsDto extends createZodDto(z.strictObject(terms)) {}

const subcontract = z.object({
  id: z.uuid(),
  lot: z.number().int(),
  subcontractorId: z.uuid(),
  subcontractorName: z.string(),
  kind: z.enum(SUBCONTRACT_KINDS),
  nature: z.string(),
  durationMonths: z.number().int().nullable(),
  amountExclVatCents: z.number().int(),
  amountInclVatCents: z.number().int().nullable(),
  reverseCharge: z.boolean().nullable(),
  directPayment: z
    .boolean()
    .nullable()
    .describe('Paiement direct dû (R2193-10) ; null tant que le montant TTC est inconnu'),
});

export class SubcontractViewDto extends createZodDto(subcontract) {}

const capacity = z.object({
  lot: z.number().int(),
  territory: z.string(),
  hours: z.number(),
});

export class SubcontractingOverviewDto extends createZodDto(
  z.object({
    lots: z
      .array(z.object({ number: z.number().int(), title: z.string() }))
      .describe('Les lots où ce membre a des offres'),
    subcontractors: z.array(
      z.object({
        memberId: z.uuid(),
        legalName: z.string(),
        kind: z.enum(ORGANISATION_KINDS),
        identifier: z.string(),
        email: z.string().nullable(),
        status: z.enum(MEMBER_STATUSES),
        capacities: z.array(capacity),
        declaredHours: z.number(),
      }),
    ),
    subcontracts: z.array(subcontract),
    onBehalf: z
      .array(
        z.object({
          at: z.string(),
          by: z.string().describe('La personne de la coordination qui a agi'),
          action: z.string(),
          summary: z.string().describe('Ce qui a été fait, en mots'),
        }),
      )
      .describe('Ce que la coordination a fait pour le compte de ce membre, du plus récent'),
  }),
) {}

export class SubcontractorWithdrawalDto extends createZodDto(
  z.strictObject({
    reason: z
      .string()
      .trim()
      .min(1, { error: 'raison : dites en quelques mots pourquoi' })
      .max(1000, { error: 'raison : 1 000 caractères au plus' })
      .describe('Pourquoi ce sous-traitant est retiré (gardé dans l’historique)'),
  }),
) {}

export class SubcontractorWithdrawnDto extends createZodDto(
  z.object({
    removedSubcontracts: z
      .number()
      .int()
      .describe('Les sous-traitances qui lui avaient été confiées, supprimées avec lui'),
  }),
) {}

export class SubcontractorDirectoryQueryDto extends createZodDto(
  z.strictObject(organisationSearch),
) {}

export class SubcontractorDirectoryDto extends createZodDto(
  z.object({
    total: z.number().int().describe('Combien de structures répondent (les 20 premières listées)'),
    organisations: z.array(
      z.object({
        organisationId: z.uuid(),
        idScheme: z.enum(IDENTIFIER_SCHEMES),
        idValue: z.string(),
        identifier: z.string(),
        legalName: z.string(),
        kind: z.enum(ORGANISATION_KINDS),
        territories: z.array(z.object({ code: z.string(), name: z.string() })),
        contactEmail: z
          .string()
          .nullable()
          .describe('Le contact de l’annuaire : pour les coordinateurs seulement, sinon null'),
      }),
    ),
  }),
) {}

export class BidSubcontractingDto extends createZodDto(
  z.object({
    members: z.array(
      z.object({
        memberId: z.uuid(),
        legalName: z.string(),
        status: z.enum(MEMBER_STATUSES),
        subcontractors: z.array(
          z.object({
            memberId: z.uuid(),
            legalName: z.string(),
            kind: z.enum(ORGANISATION_KINDS),
            identifier: z.string(),
            status: z.enum(MEMBER_STATUSES),
            declaredHours: z.number(),
          }),
        ),
        subcontracts: z.array(subcontract),
      }),
    ),
    lots: z.array(
      z.object({
        number: z.number().int(),
        title: z.string(),
        subcontracts: z.number().int(),
        amountExclVatCents: z.number().int(),
        directPaymentInclVatCents: z
          .number()
          .int()
          .describe('Ce que l’acheteur paiera directement aux sous-traitants, TTC'),
        declaredHours: z.number().describe('Heures que les sous-traitants disent pouvoir apporter'),
      }),
    ),
    totals: z.object({
      subcontractors: z.number().int().describe('Sous-traitants invités, ni retirés ni déclinés'),
      subcontracts: z.number().int(),
      amountExclVatCents: z.number().int(),
      directPaymentInclVatCents: z.number().int(),
    }),
  }),
) {}

export class EngagementDto extends createZodDto(
  z.object({
    bidId: z.uuid(),
    memberId: z.uuid().describe('Le sous-traitant dans cette candidature : sa page'),
    legalName: z.string(),
    status: z.enum(MEMBER_STATUSES),
    principal: z.object({ legalName: z.string() }),
    tender: z.object({ reference: z.string(), title: z.string(), deadline: z.string() }),
    lots: z.array(z.object({ number: z.number().int(), title: z.string() })),
  }),
) {}

export class SubcontractorViewDto extends createZodDto(
  z.object({
    memberId: z.uuid(),
    legalName: z.string(),
    status: z.enum(MEMBER_STATUSES),
    principal: z.object({ legalName: z.string() }),
    tender: z.object({ reference: z.string(), title: z.string() }),
    lots: z.array(
      z.object({
        number: z.number().int(),
        title: z.string(),
        cells: z.array(
          z.object({
            territory: z.string(),
            name: z.string(),
            hours: z.number().nullable().describe('Heures déclarées ; null si rien'),
          }),
        ),
      }),
    ),
  }),
) {}

export class CapacitiesDto extends createZodDto(
  z.strictObject({
    capacities: z
      .array(
        z.strictObject({
          lot: z.number().int().positive().max(INT32_MAX),
          territory: z.string().trim().min(3).max(80),
          hours: z.number().positive().max(1_000_000).finite(),
        }),
      )
      .max(10_000)
      .describe('Tout ce que vous pouvez apporter : remplace la déclaration précédente'),
  }),
) {}

export class CapacitiesSavedDto extends createZodDto(
  z.object({
    capacities: z.number().int(),
    hours: z.number(),
    status: z.enum(MEMBER_STATUSES),
  }),
) {}
