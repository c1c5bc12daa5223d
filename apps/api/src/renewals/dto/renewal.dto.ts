import { z } from 'zod';
import { MEMBER_STATUSES, PREFERENCES } from '@cordage/domain';
import { createZodDto } from '../../common/zod-dto';

/** The next tender, in the scenario file's `tender` shape; checked as an import checks it. */
export class RenewalRequestDto extends createZodDto(
  z.strictObject({
    tender: z
      .record(z.string(), z.unknown())
      .describe(
        'La nouvelle consultation, comme le champ `tender` d’un fichier cordage.scenario/1 ' +
          '(référence, intitulé, acheteur, date limite, lots et territoires)',
      ),
  }),
) {}

const cents = z.number().int();
const lotMatch = z.enum(['SAME_TITLE', 'SAME_NUMBER']);

const carryOver = z.object({
  lots: z.object({
    carried: z.array(
      z.object({
        number: z.number().int(),
        title: z.string(),
        previousNumber: z.number().int(),
        previousTitle: z.string(),
        matchedBy: lotMatch.describe('Rapproché par le même intitulé, sinon le même numéro'),
        amountCents: cents,
        previousAmountCents: cents,
        amountChangeCents: cents.describe('Nouveau montant moins l’ancien, en centimes'),
      }),
    ),
    added: z.array(z.object({ number: z.number().int(), title: z.string(), amountCents: cents })),
    removed: z.array(z.object({ number: z.number().int(), title: z.string(), amountCents: cents })),
  }),
  cells: z.object({
    added: z.array(
      z.object({ lot: z.number().int(), territory: z.string(), demandHours: z.number() }),
    ),
    removed: z.array(
      z.object({
        lot: z.number().int().describe('Numéro du lot dans le marché précédent'),
        territory: z.string(),
        demandHours: z.number(),
      }),
    ),
    demandChanged: z.array(
      z.object({
        lot: z.number().int(),
        territory: z.string(),
        previousDemandHours: z.number(),
        demandHours: z.number(),
      }),
    ),
  }),
  members: z.object({
    carried: z.array(
      z.object({
        key: z.string(),
        legalName: z.string(),
        previousStatus: z.enum(MEMBER_STATUSES),
        charter: z
          .enum(['ACCEPTED', 'TO_ACCEPT_AGAIN', 'TO_ACCEPT', 'NO_CHARTER'])
          .describe('Où en est son acceptation de la charte actuelle du réseau'),
      }),
    ),
    leftOut: z.array(
      z.object({
        key: z.string(),
        legalName: z.string(),
        reason: z.enum(['WITHDRAWN', 'DECLINED', 'SUBCONTRACTOR']),
      }),
    ),
  }),
  offers: z.object({
    carried: z.array(
      z.object({
        org: z.string(),
        lot: z.number().int(),
        territory: z.string(),
        hours: z
          .number()
          .describe('Capacité proposée : heures réalisées sur 12 mois, sinon l’offre'),
        preference: z.enum(PREFERENCES),
        source: z.enum(['REALISED', 'OFFER']),
        previousHours: z.number(),
      }),
    ),
    dropped: z.array(
      z.object({
        org: z.string(),
        lot: z.number().int(),
        territory: z.string(),
        hours: z.number(),
        reason: z.enum(['CELL_REMOVED', 'LOT_REMOVED', 'MEMBER_LEFT']),
      }),
    ),
  }),
  limits: z.array(
    z.object({
      org: z.string(),
      maxHours: z.number().nullable(),
      maxRevenueCents: cents.nullable(),
    }),
  ),
  split: z.array(
    z.object({
      lot: z.number().int(),
      amountCents: cents,
      lines: z.array(
        z.object({
          org: z.string(),
          territory: z.string(),
          hours: z.number(),
          amountCents: cents,
        }),
      ),
      unassignedHours: z.number(),
      unassignedCents: cents,
    }),
  ),
});

export class RenewalStartedDto extends createZodDto(z.object({ bidId: z.uuid(), carryOver })) {}

export class RenewalDto extends createZodDto(
  z.object({
    previous: z
      .object({
        bidId: z.uuid(),
        reference: z.string(),
        title: z.string(),
        renewedAt: z.iso.datetime(),
      })
      .nullable()
      .describe('Le marché que cette candidature renouvelle ; null : aucun'),
    carryOver: carryOver.nullable(),
    renewedBy: z
      .array(
        z.object({
          bidId: z.uuid(),
          reference: z.string(),
          title: z.string(),
          createdAt: z.iso.datetime(),
        }),
      )
      .describe('Les candidatures qui renouvellent celle-ci'),
  }),
) {}

export class CarriedOffersDto extends createZodDto(
  z.object({
    previous: z
      .object({ reference: z.string(), title: z.string() })
      .nullable()
      .describe(
        'La consultation du marché renouvelé ; null : la candidature n’en renouvelle aucun',
      ),
    declared: z
      .boolean()
      .describe(
        'Une déclaration a déjà été enregistrée dans cette candidature : elle fait foi, les ' +
          'offres reprises ne sont plus un brouillon',
      ),
    offers: z
      .array(
        z.object({
          lot: z.number().int().describe('Numéro du lot dans cette candidature'),
          territory: z.string(),
          hours: z
            .number()
            .describe(
              'Heures proposées : réalisées sur 12 mois là où elles ont été déclarées, sinon l’offre',
            ),
          preference: z.enum(PREFERENCES),
          source: z.enum(['REALISED', 'OFFER']),
          previousHours: z.number().describe('Heures de l’offre du marché précédent'),
        }),
      )
      .describe('Les offres reprises du marché précédent, proposées : rien n’est enregistré'),
    dropped: z
      .array(
        z.object({
          lot: z.number().int().describe('Numéro du lot dans le marché précédent'),
          lotTitle: z.string().describe('Intitulé du lot dans le marché précédent'),
          territory: z.string(),
          territoryName: z.string(),
          hours: z.number().describe('Heures de l’offre du marché précédent'),
          reason: z
            .enum(['LOT_REMOVED', 'CELL_REMOVED'])
            .describe('Le lot, ou ce territoire du lot, n’est plus dans la consultation'),
        }),
      )
      .describe('Les offres du marché précédent qui ne sont pas reprises, et pourquoi'),
    limits: z
      .object({ maxHours: z.number().nullable(), maxRevenueCents: cents.nullable() })
      .nullable()
      .describe('Les plafonds du marché précédent, proposés ; null : aucun'),
  }),
) {}
