import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';
import { CONTRACT_REPORTS, DOCUMENT_KINDS } from '@cordage/domain';
import { INT32_MAX } from '../../common/param.pipe';

export class ReportRequestDto extends createZodDto(
  z.strictObject({
    report: z
      .enum(CONTRACT_REPORTS)
      .describe(
        'INSERTION : rapport d’insertion d’un lot et d’une période (XLSX et PDF) ; EVALUATION : ' +
          'évaluation partagée d’une année (PDF) ; OCDS : publications award, contract et ' +
          'implementation (JSON)',
      ),
    lot: z.number().int().positive().max(INT32_MAX).optional().describe('INSERTION : le lot'),
    period: z
      .number()
      .int()
      .positive()
      .max(INT32_MAX)
      .optional()
      .describe('INSERTION : la période du marché du lot, à partir de 1'),
    year: z
      .number()
      .int()
      .min(2000)
      .max(2200)
      .optional()
      .describe('EVALUATION : l’année (des périodes qui y commencent)'),
  }),
) {}

export class ReportRequestedDto extends createZodDto(
  z.object({
    reportId: z.uuid(),
    jobId: z.uuid(),
    statusUrl: z.string(),
    reportUrl: z.string(),
  }),
) {}

export class ReportDto extends createZodDto(
  z.object({
    id: z.uuid(),
    report: z.enum(CONTRACT_REPORTS),
    lot: z.number().int().nullable(),
    period: z.number().int().nullable(),
    year: z.number().int().nullable(),
    status: z.enum(['QUEUED', 'RUNNING', 'DONE', 'FAILED']),
    failure: z.object({ code: z.string(), message: z.string() }).nullable(),
    requestedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    documents: z.array(
      z.object({
        id: z.uuid(),
        kind: z.enum(DOCUMENT_KINDS),
        filename: z.string(),
        sha256: z.string(),
        downloadUrl: z.string().describe('Le téléchargement des documents de la candidature'),
      }),
    ),
  }),
) {}

export class ReportApprovalsDto extends createZodDto(
  z.object({
    reportId: z.uuid(),
    approvals: z.array(
      z.object({
        memberId: z.uuid(),
        member: z.string(),
        approverLabel: z.string(),
        approvedAt: z.iso.datetime(),
      }),
    ),
  }),
) {}
