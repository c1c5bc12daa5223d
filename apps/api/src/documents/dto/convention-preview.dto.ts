import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';
import { conventionSettingsChangeSchema } from '@cordage/domain';

export class ConventionPreviewRequestDto extends createZodDto(
  z.strictObject({
    settings: conventionSettingsChangeSchema.describe(
      'Les paramètres de la convention en cours de modification ; les autres gardent leur valeur',
    ),
  }),
) {}

export class ConventionArticleDto extends createZodDto(
  z.object({
    number: z.number().int().positive().describe('Le numéro de l’article dans la convention'),
    key: z.string().describe('La clause du modèle : payment, governance, exit...'),
    title: z.string(),
    paragraphs: z
      .array(z.string())
      .describe('Les paragraphes ; un paragraphe qui commence par « – » est un élément de liste'),
  }),
) {}
