import { createZodDto } from '../zod-dto';
import { z } from 'zod';

/**
 * Every error body of the api, as DomainExceptionFilter writes it: a stable code to switch on, a
 * message for a person (in French), and what was wrong where.
 */
export const problemSchema = z.object({
  statusCode: z.int().describe('Le statut HTTP, répété'),
  code: z.string().describe('Le code stable de l’erreur (INVALID_REQUEST, NOT_FOUND, …)'),
  message: z.string().describe('Ce qui ne va pas, pour une personne'),
  problems: z
    .array(
      z.object({
        path: z.string().describe('Le champ en cause (`offers[12].territory`)'),
        code: z.string(),
        message: z.string(),
      }),
    )
    .optional()
    .describe('Chaque valeur refusée, champ par champ'),
  details: z.record(z.string(), z.unknown()).optional(),
  requestId: z.string().optional().describe('L’identifiant de la requête dans les journaux'),
  errorId: z.string().optional().describe('Erreur interne (5xx) : l’identifiant à communiquer'),
});

export class ProblemDto extends createZodDto(problemSchema) {}
