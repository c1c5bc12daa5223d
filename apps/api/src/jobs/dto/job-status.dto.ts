import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';

export class JobStatusDto extends createZodDto(
  z.object({
    id: z.uuid(),
    queue: z.string(),
    name: z.string(),
    state: z
      .enum([
        'pending',
        'waiting',
        'waiting-children',
        'delayed',
        'prioritized',
        'active',
        'completed',
        'failed',
        'unknown',
      ])
      .describe('pending : accepté, pas encore remis à la file'),
    progress: z.number().min(0).max(100),
    // Bounds keep nestjs-zod from documenting a bare nullable string as an array (its #473).
    step: z.string().max(100).nullable().describe('Étape en cours (validating, tender, offers, …)'),
    attempts: z.number().int(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    result: z.unknown().describe('Résultat du job terminé (pour un import : bidId et comptes)'),
    failedReason: z.string().max(10_000).nullable(),
    failure: z
      .object({
        code: z.string(),
        message: z.string(),
        problems: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
      })
      .nullable()
      .describe('Pour un import refusé : le code, le message et chaque problème'),
  }),
) {}
