import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';
import { TERRITORY_SEARCH_LEVELS } from '@cordage/persistence';

export class TerritorySearchQueryDto extends createZodDto(
  z.strictObject({
    q: z.string().trim().min(2).max(100).describe('Début d’un nom ou d’un code (INSEE, NIS)'),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    near: z
      .string()
      .max(2000)
      .regex(/^([A-Z]+:[\w-]+)(,[A-Z]+:[\w-]+)*$/, {
        error: 'Indiquez des codes de territoire séparés par des virgules (COM:93066,DEP:93).',
      })
      .optional()
      .describe(
        'Où la recherche a lieu : codes des territoires de la candidature et des structures, séparés par des virgules ; ceux-ci et ceux du même département viennent en premier',
      ),
  }),
) {}

export class TerritoryDto extends createZodDto(
  z.object({
    code: z.string().describe('Code qualifié : COM:93066, EPT:200057875, DEP:93, BE:21004…'),
    level: z.enum(TERRITORY_SEARCH_LEVELS),
    name: z.string(),
    parentName: z.string().max(300).nullable(),
  }),
) {}
