import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';
import {
  BID_STATUSES,
  COMMITMENT_BASES,
  COMMITMENT_MEASURES,
  IDENTIFIER_SCHEMES,
  LEGAL_FORMS,
  MEMBER_STATUSES,
  ORGANISATION_KINDS,
  ORGANISATION_SIZES,
  directoryDetailsPatchSchema,
  newDirectoryOrganisationSchema,
} from '@cordage/domain';
import { INT32_MAX } from '../../common/param.pipe';

/** The search of an organisation by its words and kind, in the directory or for a subcontractor. */
export const organisationSearch = {
  search: z
    .string()
    .trim()
    .max(200, { error: 'recherche : 200 caractères au plus' })
    .optional()
    .describe('Mots de la raison sociale, ou début de l’identifiant'),
  kind: z
    .enum(ORGANISATION_KINDS, {
      error: `type : une valeur parmi ${ORGANISATION_KINDS.join(', ')} est attendue`,
    })
    .optional(),
};

export class DirectoryQueryDto extends createZodDto(
  z.strictObject({
    ...organisationSearch,
    territory: z
      .string()
      .trim()
      .min(3)
      .max(80)
      .optional()
      .describe('Code d’un territoire où elle travaille : DEP:93, BE:21004…'),
    size: z
      .enum(ORGANISATION_SIZES, {
        error: `taille : une valeur parmi ${ORGANISATION_SIZES.join(', ')} est attendue`,
      })
      .optional()
      .describe('Par effectif : MICRO (<10), SMALL (10-49), MEDIUM (50-249), LARGE (250 et plus)'),
    limit: z.coerce.number().int().min(1).max(500).default(50).describe('Par page (500 au plus)'),
    offset: z.coerce.number().int().min(0).max(INT32_MAX).default(0),
  }),
) {}

export class NewDirectoryOrganisationDto extends createZodDto(newDirectoryOrganisationSchema) {}

export class DirectoryPatchDto extends createZodDto(directoryDetailsPatchSchema) {}

export class RegistryQueryDto extends createZodDto(
  z.strictObject({
    idScheme: z
      .enum(IDENTIFIER_SCHEMES, {
        error: `type d’identifiant : une valeur parmi ${IDENTIFIER_SCHEMES.join(', ')} est attendue`,
      })
      .optional()
      .describe(
        'Deviné d’après le nombre de chiffres s’il manque (14 : SIRET, 9 : SIREN, 10 : BCE)',
      ),
    id: z.string().trim().min(1).max(20).describe('SIRET, SIREN ou numéro BCE'),
  }),
) {}

const limits = z.object({
  maxHours: z.number().int().nullable(),
  maxRevenueCents: z.number().int().nullable(),
  maxInsertionHours: z.number().int().nullable(),
});

const entry = z.object({
  organisationId: z.uuid(),
  idScheme: z.enum(IDENTIFIER_SCHEMES),
  idValue: z.string(),
  legalName: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  size: z.enum(ORGANISATION_SIZES).nullable(),
  legalForm: z.enum(LEGAL_FORMS).nullable(),
  address: z.string().nullable(),
  staff: z.number().int().nullable(),
  approvalNumber: z.string().nullable(),
  approvalDate: z.string().nullable(),
  territories: z.array(z.string()),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  representatives: z.array(z.object({ name: z.string(), title: z.string(), email: z.string() })),
  limits,
  updatedAt: z.iso.datetime(),
});

export class DirectoryEntryDto extends createZodDto(entry) {}

export class DirectoryPageDto extends createZodDto(
  z.object({ items: z.array(entry), total: z.number().int() }),
) {}

const figures = z.object(
  Object.fromEntries(COMMITMENT_MEASURES.map((measure) => [measure, z.number().nullable()])) as {
    [K in (typeof COMMITMENT_MEASURES)[number]]: z.ZodNullable<z.ZodNumber>;
  },
);
const totals = z.object(
  Object.fromEntries(COMMITMENT_MEASURES.map((measure) => [measure, z.number()])) as {
    [K in (typeof COMMITMENT_MEASURES)[number]]: z.ZodNumber;
  },
);
const overage = z.object({
  measure: z.enum(COMMITMENT_MEASURES),
  basis: z.enum(COMMITMENT_BASES),
  limit: z.number(),
  total: z.number(),
  bids: z.array(
    z.object({ bidId: z.uuid(), reference: z.string(), title: z.string(), figure: z.number() }),
  ),
  message: z.string(),
});
const assessment = {
  totals: z.object({ DECLARED: totals, ALLOCATED: totals }),
  overages: z.array(overage),
};

export class DirectoryOrganisationPageDto extends createZodDto(
  z.object({
    organisation: entry,
    bids: z.array(
      z.object({
        bidId: z.uuid(),
        reference: z.string(),
        title: z.string(),
        status: z.enum(BID_STATUSES),
        memberId: z.uuid(),
        memberStatus: z.enum(MEMBER_STATUSES),
        role: z.string(),
      }),
    ),
    commitments: z.object({
      ...assessment,
      bids: z.array(
        z.object({
          bidId: z.uuid(),
          reference: z.string(),
          title: z.string(),
          declared: figures,
          allocated: figures.nullable(),
        }),
      ),
    }),
  }),
) {}

export class DirectoryImportDto extends createZodDto(
  z.object({
    imported: z.number().int(),
    alreadyKnown: z
      .number()
      .int()
      .describe(
        'Déjà connues de Cordage : seuls leur identifiant et leur raison sociale sont partagés',
      ),
    organisations: z.array(
      z.object({ line: z.number().int(), organisationId: z.uuid(), legalName: z.string() }),
    ),
  }),
) {}

export class OverCommitmentsDto extends createZodDto(
  z.object({
    items: z.array(
      z.object({
        organisationId: z.uuid(),
        idScheme: z.enum(IDENTIFIER_SCHEMES),
        idValue: z.string(),
        legalName: z.string(),
        limits,
        assessment: z.object(assessment),
      }),
    ),
  }),
) {}

export class RegistryRecordDto extends createZodDto(
  z.object({
    source: z.string(),
    idScheme: z.enum(IDENTIFIER_SCHEMES),
    idValue: z.string(),
    legalName: z.string(),
    kind: z.enum(ORGANISATION_KINDS),
    legalForm: z.enum(LEGAL_FORMS).nullable(),
    address: z.string().nullable(),
    approvalNumber: z.string().nullable(),
    approvalDate: z.string().nullable(),
    territories: z.array(z.string()),
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable(),
  }),
) {}
