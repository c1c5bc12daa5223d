import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';
import { DOCUMENT_KINDS, DOCUMENT_SETS } from '@cordage/domain';
import { INT32_MAX } from '../../common/param.pipe';

export class DocumentsRequestDto extends createZodDto(
  z.strictObject({
    allocationVersion: z
      .number()
      .int()
      .positive()
      .max(INT32_MAX)
      .describe('Le numéro de la version de la répartition que les documents décrivent'),
    set: z
      .enum(DOCUMENT_SETS)
      .describe(
        'CONVENTION : la convention de groupement ; EXPORTS : fiches DC1 et DC4, XLSX, CSV, OCDS ; ' +
          'AMENDMENT : l’avenant d’une demande de modification et la lettre à l’acheteur',
      ),
  }),
) {}

export class DocumentDownloadQueryDto extends createZodDto(
  z.strictObject({
    inline: z
      .enum(['1'])
      .optional()
      .describe('1 : afficher le document dans la page (aperçu) au lieu de le télécharger'),
  }),
) {}

export class DocumentsRequestedDto extends createZodDto(
  z.object({ jobId: z.uuid(), statusUrl: z.string() }),
) {}

export class DocumentDto extends createZodDto(
  z.object({
    id: z.uuid(),
    kind: z.enum(DOCUMENT_KINDS),
    subject: z.string().describe('Pour une fiche DC4 : lot-N/mandant/sous-traitant'),
    version: z.number().int().describe('Numérotée à partir de 1 par type et sujet'),
    filename: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string().describe('Empreinte SHA-256 du contenu'),
    allocationVersion: z.number().int().describe('La version de la répartition décrite'),
    frozenAt: z.iso
      .datetime()
      .nullable()
      .describe('Figée pour la signature : elle ne change plus jamais'),
    createdAt: z.iso.datetime(),
    downloadUrl: z.string(),
  }),
) {}
