import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';
import {
  CONSORTIUM_FORMS,
  COVERAGE_LEVELS,
  IDENTIFIER_SCHEMES,
  ORGANISATION_KINDS,
  MEMBER_STATUSES,
  RESERVATIONS,
  SUBCONTRACT_KINDS,
  TRANSPARENCIES,
  conventionSettingsChangeSchema,
  conventionSettingsSchema,
} from '@cordage/domain';

const cents = z.number().int().describe('Montant HT en centimes d’euro');
const hours = z.number().describe('Heures');

const cell = z.object({
  id: z.uuid(),
  territory: z.string().describe('Code qualifié : COM:93066, SITE:…'),
  territoryName: z.string(),
  parent: z.string().nullable(),
  label: z.string().nullable(),
  demandHours: hours,
  offeredHours: hours,
  offerCount: z.number().int(),
});

const lot = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  amountCents: cents,
  insertionHours: z.number().int(),
  demandHours: hours,
  offeredHours: hours,
  cells: z.array(cell),
});

const member = z.object({
  id: z.uuid(),
  key: z.string(),
  role: z.enum(['COTRAITANT', 'SOUS_TRAITANT']),
  status: z.enum(MEMBER_STATUSES),
  declineReason: z.string().nullable(),
  lastRemindedAt: z.iso
    .datetime()
    .nullable()
    .describe('Dernière relance par un coordinateur (« Relancer ») ; null si jamais relancé'),
  organisation: z.object({
    id: z.uuid(),
    legalName: z.string(),
    kind: z.enum(ORGANISATION_KINDS),
    idScheme: z.enum(IDENTIFIER_SCHEMES),
    idValue: z.string(),
    employees: z
      .number()
      .int()
      .nullable()
      .describe('Effectif ; null si le réseau ne l’a pas renseigné'),
    home: z.string(),
    representative: z.object({ name: z.string(), title: z.string(), email: z.string() }),
  }),
  insertionHoursMax: z.number().int().nullable(),
  limits: z.object({ maxHours: hours.nullable(), maxRevenueCents: cents.nullable() }).nullable(),
  offerCount: z.number().int(),
  offeredHours: hours,
});

export const bidSchema = z.object({
  id: z.uuid(),
  status: z.string(),
  networkId: z.uuid(),
  transparency: z.enum(TRANSPARENCIES),
  offersShared: z
    .boolean()
    .describe('Faux si vous ne voyez que les offres de vos membres (les autres chiffres sont à 0)'),
  createdAt: z.iso.datetime(),
  tender: z.object({
    id: z.uuid(),
    reference: z.string(),
    title: z.string(),
    buyer: z.object({ name: z.string(), idScheme: z.enum(IDENTIFIER_SCHEMES), id: z.string() }),
    deadline: z.iso.datetime(),
    reserved: z.enum(RESERVATIONS),
    exclusiveMembership: z
      .boolean()
      .describe('La consultation interdit d’être membre de plusieurs groupements (R2142-21)'),
  }),
  consortium: z.object({
    form: z.enum(CONSORTIUM_FORMS),
    mandataire: z.object({ organisationId: z.uuid(), legalName: z.string() }),
    rules: z.object({
      minMembers: z.number().int().optional(),
      maxMembers: z.number().int().optional(),
      minOfKind: z.record(z.string(), z.number().int()).optional(),
      minSmallMembers: z.number().int().optional(),
      smallBelowEmployees: z.number().int(),
      minCoverage: z
        .object({ level: z.enum(COVERAGE_LEVELS), count: z.number().int() })
        .optional()
        .describe('Au moins count départements, provinces ou régions couverts par les membres'),
      maxTotalCents: cents.optional(),
    }),
    policy: z.object({ secondaryCost: z.number() }),
    convention: conventionSettingsSchema,
  }),
  lots: z.array(lot),
  members: z.array(member),
  subcontracts: z.array(
    z.object({
      id: z.uuid(),
      lot: z.number().int(),
      principal: z.string(),
      subcontractor: z.string(),
      kind: z.enum(SUBCONTRACT_KINDS),
      nature: z.string(),
      maxAmountCents: cents,
    }),
  ),
  totals: z.object({
    lots: z.number().int(),
    cells: z.number().int(),
    members: z.number().int(),
    offers: z.number().int(),
    amountCents: cents,
    insertionHours: z.number().int(),
    demandHours: hours,
    offeredHours: hours,
  }),
});

export class BidDto extends createZodDto(bidSchema) {}

export class BidSummaryDto extends createZodDto(
  z.object({
    id: z.uuid(),
    status: z.string(),
    networkId: z.uuid(),
    tender: z.object({ reference: z.string(), title: z.string(), deadline: z.iso.datetime() }),
    members: z.number().int(),
    amountCents: cents,
  }),
) {}

export class BidSettingsDto extends createZodDto(
  z.strictObject({
    transparency: z
      .enum(TRANSPARENCIES)
      .optional()
      .describe(
        'OPEN : les membres voient les offres des autres ; ALLOCATION_ONLY : seulement la répartition',
      ),
    convention: conventionSettingsChangeSchema
      .optional()
      .describe(
        'Paramètres de la convention de groupement à changer (flux de paiement, délai de ' +
          'reversement, préavis de sortie, rémunération du mandataire, comité de pilotage) ; ' +
          'les autres gardent leur valeur. La règle de décision (decisionRule, et les seuils de ' +
          'la double majorité) ne change qu’avant l’ouverture d’un vote : refusée (422) pendant ' +
          'le vote et une fois la répartition approuvée',
      ),
  }),
) {}
