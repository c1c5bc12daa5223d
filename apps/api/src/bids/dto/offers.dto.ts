import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';
import { PREFERENCES } from '@cordage/domain';
import { INT32_MAX } from '../../common/param.pipe';

export class OffersQueryDto extends createZodDto(
  z.strictObject({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(100)
      .describe('Offres par page (1000 au plus)'),
    after: z.uuid().optional().describe('Curseur : la valeur next de la page précédente'),
    lot: z.coerce.number().int().positive().max(INT32_MAX).optional().describe('Numéro de lot'),
    member: z.string().min(1).max(64).optional().describe('Clé du membre'),
  }),
) {}

export class OfferPageDto extends createZodDto(
  z.object({
    items: z.array(
      z.object({
        id: z.uuid(),
        member: z.string(),
        lot: z.number().int(),
        territory: z.string(),
        hours: z.number(),
        preference: z.enum(PREFERENCES),
        outdated: z
          .object({
            corrigendum: z.number().int().describe('Numéro de l’avis rectificatif'),
            reason: z.string().describe('Ce que l’avis a changé, en français'),
          })
          .nullable()
          .describe('Offre périmée par un avis rectificatif : à déclarer de nouveau'),
        entered: z
          .object({
            by: z.string().describe('Le nom de la personne qui l’a saisie'),
            onBehalf: z
              .boolean()
              .describe('Vrai si un coordinateur l’a saisie pour le compte du membre'),
            at: z.iso.datetime(),
          })
          .nullable()
          .describe(
            'Qui l’a saisie et quand ; null pour une offre venue d’une candidature importée',
          ),
      }),
    ),
    next: z.uuid().nullable(),
  }),
) {}
