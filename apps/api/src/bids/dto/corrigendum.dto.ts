import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';
import { corrigendumSchema } from '@cordage/domain';

/** The buyer's notice as the coordinator enters it: its reason, reference, date and changes. */
export class CorrigendumInputDto extends createZodDto(corrigendumSchema) {}

const outdatedOffer = z.object({
  memberId: z.uuid(),
  memberName: z.string().describe('Raison sociale du membre'),
  lot: z.number().int(),
  territory: z.string(),
  hours: z.number(),
  reason: z.string().describe('Ce qui a changé, en français'),
});

/** What the corrigendum changes and outdates: shown before it is applied, returned once it is. */
export class CorrigendumPlanDto extends createZodDto(
  z.object({
    number: z.number().int().describe('Numéro de l’avis rectificatif (à venir, pour un aperçu)'),
    summary: z.array(z.string()).describe('Une phrase par changement'),
    outdatedOffers: z.array(outdatedOffer).describe('Les déclarations qui seront périmées'),
    outdatedVersions: z.array(z.number().int()).describe('Les versions qui seront périmées'),
    revise: z
      .boolean()
      .describe(
        'La répartition soumise au vote ou approuvée est abandonnée : retour à la répartition',
      ),
    capacityDeadline: z.iso.datetime().nullable(),
    applicationDeadline: z.iso.datetime(),
  }),
) {}

/** A change as recorded (dates as ISO strings). */
const recordedChange = z.object({
  kind: z.enum([
    'LOT_CHANGED',
    'LOT_ADDED',
    'CELL_ADDED',
    'CELL_REMOVED',
    'CELL_CHANGED',
    'DEADLINES_MOVED',
  ]),
  lot: z.number().int().optional(),
  title: z.string().optional(),
  amountCents: z.number().int().optional(),
  insertionHours: z.number().int().optional(),
  territory: z.string().optional(),
  demandHours: z.number().optional(),
  cells: z.array(z.object({ territory: z.string(), demandHours: z.number() })).optional(),
  capacityDeadline: z.iso.datetime().optional(),
  applicationDeadline: z.iso.datetime().optional(),
});

export class CorrigendumDto extends createZodDto(
  z.object({
    number: z.number().int(),
    reason: z.string(),
    // Bounded: a plain nullable string at a DTO's top level comes out of @nestjs/swagger as an
    // array of strings (it reads `type: [string, null]` as an array); with a bound it is `anyOf`.
    buyerReference: z.string().max(100).nullable().describe('Référence de l’avis chez l’acheteur'),
    publishedOn: z.iso.date(),
    changes: z.array(recordedChange),
    summary: z.array(z.string()),
    outdatedOffers: z.number().int().describe('Nombre de déclarations périmées'),
    outdatedVersions: z.array(z.number().int()).describe('Numéros des versions périmées'),
    author: z.string(),
    createdAt: z.iso.datetime(),
  }),
) {}
