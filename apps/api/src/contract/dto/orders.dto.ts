import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';
import { MAX_ORDER_NUMBER_LENGTH } from '@cordage/domain';
import { INT32_MAX } from '../../common/param.pipe';

const cents = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

const orderFields = {
  number: z
    .string()
    .max(MAX_ORDER_NUMBER_LENGTH)
    .describe('Numéro du bon de commande, tel que l’acheteur l’a écrit'),
  orderedOn: z.iso.date().describe('Date du bon de commande (AAAA-MM-JJ)'),
  lot: z.number().int().min(1).max(INT32_MAX),
  territories: z
    .array(z.string().trim().min(1).max(80))
    .max(10_000)
    .describe('Cellules du lot concernées : COM:93066…'),
  amountCents: cents.describe('Montant HT du bon, en centimes'),
};

/** An order to record, with the assignment adjusted by the mandataire (else the one proposed). */
export class OrderDto extends createZodDto(
  z.strictObject({
    ...orderFields,
    assignments: z
      .array(
        z.strictObject({
          memberId: z.uuid(),
          amountCents: cents.describe('Part du membre, en centimes'),
        }),
      )
      .max(10_000)
      .optional()
      .describe(
        'Répartition entre les membres ; absente, celle que Cordage propose d’après la ' +
          'répartition prévue en vigueur. Les parts totalisent le montant du bon au centime près.',
      ),
  }),
) {}

/** An order whose assignment is to be proposed, nothing recorded. */
export class OrderProposalRequestDto extends createZodDto(z.strictObject(orderFields)) {}

const part = z.object({
  memberId: z.uuid(),
  member: z.string().describe('Clé du membre'),
  legalName: z.string(),
  amountCents: z.number().int(),
});

export class OrderProposalDto extends createZodDto(
  z.object({
    period: z.number().int().describe('Période du marché où tombe le bon'),
    assignments: z.array(part).describe('Au plus fort reste, au centime près'),
  }),
) {}

const order = z.object({
  id: z.uuid(),
  number: z.string(),
  orderedOn: z.iso.date(),
  lot: z.number().int(),
  period: z.number().int(),
  territories: z.array(z.string()),
  amountCents: z.number().int(),
  recordedAt: z.string().describe('Enregistré le (ISO 8601)'),
  realisedCents: z
    .number()
    .int()
    .describe('Réalisé (chiffre d’affaires en vigueur) des déclarations qui citent ce bon'),
  assignments: z.array(
    part.extend({
      realisedCents: z.number().int().describe('Réalisé du membre sur ce bon'),
    }),
  ),
});

export class OrderRecordedDto extends createZodDto(order) {}

export class OrdersDto extends createZodDto(z.object({ orders: z.array(order) })) {}
