import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';

export class ImportAcceptedDto extends createZodDto(
  z.object({
    jobId: z.uuid().describe('Identifiant du job d’import, à suivre sur statusUrl'),
    statusUrl: z.string().describe('GET /api/jobs/{jobId}'),
  }),
) {}
