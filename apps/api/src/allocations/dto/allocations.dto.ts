import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';
import { INT32_MAX } from '../../common/param.pipe';
import { COVERAGE_LEVELS } from '@cordage/domain';

/** A composition rule of the tender or the funder, met or unmet, with its figure and its sentence. */
export const compositionRuleCheck = z.object({
  rule: z.enum([
    'minMembers',
    'maxMembers',
    'minOfKind',
    'minSmallMembers',
    'minCoverage',
    'maxTotalCents',
  ]),
  kind: z.string().optional(),
  level: z.enum(COVERAGE_LEVELS).optional().describe('Couverture territoriale : ce qui est compté'),
  covered: z
    .array(z.string())
    .optional()
    .describe('Couverture territoriale : les départements, provinces ou régions couverts'),
  threshold: z.number(),
  actual: z.number(),
  met: z.boolean(),
  message: z.string(),
});

const optima = z.object({
  coverage: z.number().describe('S* : heures non couvertes au minimum'),
  proximity: z.number().describe('W* : coût minimal du travail hors territoires principaux'),
  fairness: z.number().describe('U* : part minimale de son offre que reçoit chaque membre'),
});

const override = z.object({
  org: z.string(),
  lot: z.number().int(),
  territory: z.string(),
  hoursBefore: z.number(),
  hoursAfter: z.number(),
  from: z
    .object({ org: z.string(), hoursBefore: z.number(), hoursAfter: z.number() })
    .optional()
    .describe('Pour des heures déplacées : le membre qui les a cédées (org les a reprises)'),
  reason: z.string(),
  author: z.string(),
});

export class AllocationVersionSummaryDto extends createZodDto(
  z.object({
    number: z.number().int(),
    kind: z
      .enum(['RUN', 'OVERRIDE'])
      .describe('RUN : calculée ; OVERRIDE : ligne modifiée à la main'),
    basedOn: z.number().int().nullable().describe('Pour une modification : la version modifiée'),
    createdAt: z.iso.datetime(),
    optima,
    override: override.nullable(),
    outdatedBy: z
      .number()
      .int()
      .nullable()
      .describe('Numéro de l’avis rectificatif qui a périmé la version ; null si elle tient'),
    // Bounded, as CorrigendumDto's buyerReference: @nestjs/swagger would make it an array.
    outdatedReason: z.string().max(500).nullable().describe('Pourquoi la version est périmée'),
  }),
) {}

export class AllocationVersionDto extends createZodDto(
  z.object({
    number: z.number().int(),
    kind: z.enum(['RUN', 'OVERRIDE']),
    basedOn: z.number().int().nullable(),
    createdAt: z.iso.datetime(),
    override: override.nullable(),
    result: z
      .object({
        lines: z.array(
          z.object({ org: z.string(), lot: z.number(), territory: z.string(), hours: z.number() }),
        ),
        members: z.array(
          z.object({
            org: z.string(),
            lot: z.number(),
            hours: z.number(),
            amountCents: z.number().int(),
            sharePermille: z.number(),
            insertionHours: z.number().int(),
          }),
        ),
        uncovered: z.array(
          z.object({
            lot: z.number(),
            territory: z.string(),
            hours: z.number(),
            amountCents: z.number().int(),
            /** The insertion hours that go with this uncovered work. */
            insertionHours: z.number().int(),
          }),
        ),
        optima,
        rules: z.array(compositionRuleCheck),
        warnings: z.array(z.object({ code: z.string(), path: z.string(), message: z.string() })),
        explanations: z.record(z.string(), z.string()),
      })
      .describe('Le résultat, comme l’écrit cordage allocate --out'),
  }),
) {}

export class CompareQueryDto extends createZodDto(
  z.strictObject({
    from: z.coerce.number().int().positive().max(INT32_MAX).describe('Version de départ'),
    to: z.coerce.number().int().positive().max(INT32_MAX).describe('Version d’arrivée'),
  }),
) {}

export class AllocationComparisonDto extends createZodDto(
  z.object({
    from: z.number().int(),
    to: z.number().int(),
    lines: z.array(
      z.object({
        org: z.string(),
        lot: z.number().int(),
        hoursBefore: z.number(),
        hoursAfter: z.number(),
        hoursDelta: z.number(),
        amountCentsBefore: z.number().int(),
        amountCentsAfter: z.number().int(),
        amountCentsDelta: z.number().int(),
      }),
    ),
    members: z.array(
      z.object({ org: z.string(), hoursDelta: z.number(), amountCentsDelta: z.number().int() }),
    ),
    uncoveredCentsDelta: z.number().int(),
  }),
) {}

/** Hours as a version keeps them, to the hundredth: a finer figure could not be shown nor changed. */
const versionHours = z
  .number()
  .nonnegative()
  .finite()
  .refine((hours) => Math.abs(hours * 100 - Math.round(hours * 100)) < 1e-6, {
    message: 'indiquez les heures au centième près (deux décimales au plus)',
  });
const memberKey = z.string().trim().min(1).max(64);
const changedCell = {
  lot: z.number().int().positive(),
  territory: z.string().trim().min(3).max(80),
};
const reason = z
  .string()
  .trim()
  .min(3)
  .max(2000)
  .describe('Pourquoi : elle figure dans l’historique');

export class OverrideDto extends createZodDto(
  z.strictObject({
    org: memberKey.describe('Clé du membre'),
    ...changedCell,
    hours: versionHours.describe(
      'Les heures données à ce membre sur ce territoire, au centième près',
    ),
    reason,
  }),
) {}

export class MoveDto extends createZodDto(
  z.strictObject({
    from: memberKey.describe('Clé du membre qui cède les heures'),
    to: memberKey.describe('Clé du membre qui les reprend'),
    ...changedCell,
    hours: versionHours
      .refine((hours) => hours > 0, { message: 'indiquez un nombre d’heures supérieur à zéro' })
      .describe('Les heures déplacées, au centième près'),
    reason,
  }),
) {}

export class OverrideCreatedDto extends createZodDto(
  z.object({ number: z.number().int().describe('La nouvelle version') }),
) {}

export class AllocationRequestedDto extends createZodDto(
  z.object({ jobId: z.uuid(), statusUrl: z.string() }),
) {}
