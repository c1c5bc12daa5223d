import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';
import {
  REPRESENTATION_DECIDERS,
  REPRESENTATION_ROLES,
  REPRESENTATION_STATUSES,
} from '@cordage/domain';
import type { RepresentationRequestView } from '@cordage/persistence';

const request = z.object({
  id: z.uuid(),
  organisation: z.object({ id: z.uuid(), legalName: z.string() }),
  requester: z.object({ id: z.uuid(), email: z.string() }).describe('La personne qui demande'),
  roles: z.array(z.enum(REPRESENTATION_ROLES)).describe('Éditer ses données, signer pour elle'),
  bid: z
    .object({ id: z.uuid(), reference: z.string(), title: z.string(), network: z.string() })
    .nullable()
    .describe('La candidature dont l’invitation a fait la demande'),
  // Described before nullable: the other way round, the OpenAPI document said it was an array.
  requestedBy: z.string().describe('Le coordinateur qui a invité').nullable(),
  status: z.enum(REPRESENTATION_STATUSES),
  decidedAs: z.enum(REPRESENTATION_DECIDERS).nullable(),
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
});

export class RepresentationRequestDto extends createZodDto(request) {}

export class RepresentationRequestsDto extends createZodDto(
  z.object({
    toDecide: z
      .array(request)
      .describe('En attente, pour les organisations que vous représentez (toutes pour un admin)'),
    mine: z.array(request).describe('Vos propres demandes'),
  }),
) {}

export function toRequestDto(view: RepresentationRequestView): RepresentationRequestDto {
  return {
    ...view,
    createdAt: view.createdAt.toISOString(),
    decidedAt: view.decidedAt?.toISOString() ?? null,
  };
}
