import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';

export class HistoryQueryDto extends createZodDto(
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    beforeSeq: z
      .string()
      // A bigint cursor: 18 digits at most, so that Postgres never reads an out-of-range number.
      .regex(/^\d{1,18}$/, { error: 'curseur attendu : la valeur next de la page précédente' })
      .optional()
      .describe('Curseur : la valeur next de la page précédente'),
  }),
) {}

export class HistoryPageDto extends createZodDto(
  z.object({
    items: z.array(
      z.object({
        seq: z.string(),
        occurredAt: z.iso.datetime(),
        actor: z
          .string()
          .describe(
            'Qui a agi : une adresse, « worker » (Cordage), « cli », ou « masqué » quand la transparence de la candidature ne vous le montre pas',
          ),
        actorName: z
          .string()
          .max(200)
          .nullable()
          .describe('Le nom de la personne qui a agi, quand elle est connue'),
        action: z.string(),
        entityType: z.string(),
        entityId: z.string().nullable(),
        before: z.unknown(),
        after: z.unknown(),
      }),
    ),
    // A bound keeps nestjs-zod from documenting a bare nullable string as an array (its #473).
    next: z.string().max(200).nullable(),
  }),
) {}
