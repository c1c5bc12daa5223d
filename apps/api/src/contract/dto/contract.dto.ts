import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';
import { DRIFT_MEASURES, LOT_OUTCOMES } from '@cordage/domain';
import { INT32_MAX } from '../../common/param.pipe';

const isoDate = z.iso.date().describe('Date AAAA-MM-JJ');

/** The buyer's decision, lot by lot: every lot of the bid, won with its amount or lost. */
export class AwardDto extends createZodDto(
  z.strictObject({
    awardedOn: isoDate.describe('Date de la notification de l’attribution'),
    lots: z
      .array(
        z.strictObject({
          lot: z.number().int().positive(),
          outcome: z.enum(LOT_OUTCOMES),
          awardedCents: z
            .number()
            .int()
            .nullable()
            .optional()
            .describe('Montant attribué HT en centimes (lot gagné) ; il peut différer de l’offre'),
        }),
      )
      .min(1)
      .max(200),
  }),
) {}

export class ContractAwardDto extends createZodDto(
  z.object({
    lots: z.array(
      z.object({
        lot: z.number().int(),
        title: z.string(),
        outcome: z.enum(LOT_OUTCOMES),
        awardedOn: isoDate,
        awardedCents: z.number().int().nullable(),
        bidCents: z.number().int().describe('Montant du lot dans l’offre, en centimes'),
        plannedCents: z
          .number()
          .int()
          .describe(
            'Somme de la répartition prévue (membres et part non couverte) : le montant attribué',
          ),
        contract: z
          .object({
            startOn: isoDate,
            durationMonths: z.number().int(),
            periodMonths: z.number().int(),
            periods: z.array(
              z.object({
                number: z.number().int(),
                startOn: isoDate,
                endOn: isoDate.describe('Premier jour après la période'),
                months: z.number().int(),
              }),
            ),
          })
          .nullable()
          .describe('Le marché du lot (début, durée, périodes) ; null tant qu’il n’est pas fixé'),
      }),
    ),
    cells: z
      .array(
        z.object({
          member: z.string().nullable().describe('Clé du membre ; null pour la part non couverte'),
          lot: z.number().int(),
          territory: z.string(),
          hundredths: z.number().int().describe('Heures prévues, en centièmes'),
          amountCents: z.number().int(),
          insertionHours: z.number().int(),
        }),
      )
      .describe('La répartition prévue du marché, restreinte aux lots gagnés'),
  }),
) {}

/** A won lot's contract: its first day, duration and period (monthly by default). */
export class ContractTermsDto extends createZodDto(
  z.strictObject({
    lot: z.number().int().positive(),
    startOn: isoDate.describe('Premier jour d’exécution'),
    durationMonths: z.number().int().describe('Durée du marché, en mois'),
    periodMonths: z
      .number()
      .int()
      .optional()
      .describe('Mois par période de déclaration du réalisé (1, mensuel, par défaut)'),
  }),
) {}

export class ContractSetDto extends createZodDto(
  z.object({ periods: z.number().int().describe('Nombre de périodes du marché') }),
) {}

const figure = z.number().finite();

/** What a member declares it did on a cell of a lot in a period, as typed or imported. */
const declaredFigures = {
  hours: figure.describe('Heures travaillées (deux décimales au plus)'),
  revenueCents: figure.describe('Chiffre d’affaires facturé HT, en centimes'),
  insertionHours: figure.describe('Heures d’insertion (deux décimales au plus)'),
  insertionPeople: figure.describe('Personnes en insertion comptées'),
  orderId: z
    .uuid()
    .nullable()
    .optional()
    .describe('Le bon de commande que ce réalisé exécute, s’il en cite un'),
};

const correctionReason = z
  .string()
  .trim()
  .max(1000)
  .optional()
  .describe('Motif, obligatoire quand un chiffre déjà déclaré est corrigé');

/** A month's (a period's) figures of one member, cell by cell; a correction says why. */
export class DeclarationDto extends createZodDto(
  z.strictObject({
    entries: z
      .array(
        z.strictObject({
          lot: z.number().int().positive().max(INT32_MAX),
          territory: z.string().trim().min(1).max(80).describe('Cellule du lot : COM:93066…'),
          period: z
            .number()
            .int()
            .positive()
            .max(INT32_MAX)
            .describe('Numéro de la période, à partir de 1'),
          ...declaredFigures,
        }),
      )
      .min(1)
      .max(50_000),
    reason: correctionReason,
  }),
) {}

/** The most lines a month's import holds: every member on every cell of a large network. */
export const MONTH_IMPORT_MAX_LINES = 60_000;

/** A month's figures for the members, as the coordinator uploads them; a correction says why. */
export class MonthImportDto extends createZodDto(
  z.strictObject({
    period: z
      .number()
      .int()
      .positive()
      .max(INT32_MAX)
      .describe('Numéro de la période importée, à partir de 1'),
    lines: z
      .array(
        z.strictObject({
          member: z.string().trim().min(1).max(80).describe('Clé du membre (M01…)'),
          lot: z.number().int().positive().max(INT32_MAX),
          territory: z.string().trim().min(1).max(80).describe('Cellule du lot : COM:93066…'),
          ...declaredFigures,
        }),
      )
      .min(1)
      .max(MONTH_IMPORT_MAX_LINES),
    reason: correctionReason,
  }),
) {}

const problem = z.object({ path: z.string(), code: z.string(), message: z.string() });

export class MonthImportResultDto extends createZodDto(
  z.object({
    period: z.number().int(),
    members: z.number().int().describe('Membres dont le mois a été importé'),
    recorded: z.number().int(),
    corrected: z.number().int().describe('Entrées qui corrigent un chiffre déjà déclaré'),
    warnings: z.array(problem).describe('Cellules sans part prévue pour un membre, par exemple'),
    driftAlerts: z
      .number()
      .int()
      .describe('Dérives révélées par cet import (plus de 15 % en deçà du prévu cumulé)'),
  }),
) {}

export class DeclarationResultDto extends createZodDto(
  z.object({
    recorded: z.number().int(),
    corrected: z.number().int().describe('Entrées qui corrigent un chiffre déjà déclaré'),
    warnings: z.array(problem).describe('Cellules sans part prévue pour ce membre, par exemple'),
    driftAlerts: z
      .number()
      .int()
      .describe('Dérives révélées par cette déclaration (plus de 15 % en deçà du prévu cumulé)'),
  }),
) {}

export class PlannedRealisedQueryDto extends createZodDto(
  z.strictObject({
    lot: z.coerce.number().int().positive().max(INT32_MAX).optional().describe('Un seul lot'),
    member: z.uuid().optional().describe('Un seul membre (le détail par cellule d’un membre)'),
  }),
) {}

export class PlannedRealisedTotalsQueryDto extends createZodDto(
  z.strictObject({
    lot: z.coerce.number().int().positive().max(INT32_MAX).optional().describe('Un seul lot'),
  }),
) {}

/** The plan of a line of the planned-against-realised page: hours in hundredths, cents. */
const plannedFields = () => ({
  plannedHundredths: z.number().int().describe('Heures prévues, en centièmes'),
  plannedCents: z.number().int(),
  plannedInsertionHours: z.number().int(),
});

/** The running totals of a line, from the contract's first period to the line's. */
const cumulativeFields = () => ({
  cumulativePlannedCents: z.number().int(),
  cumulativeRealisedCents: z.number().int(),
  cumulativeGapCents: z.number().int(),
  cumulativePlannedHundredths: z.number().int(),
  cumulativeRealisedHours: z.number(),
});

export class PlannedRealisedTotalsDto extends createZodDto(
  z.object({
    totals: z.array(
      z.object({
        member: z.string(),
        lot: z.number().int(),
        period: z.number().int(),
        ...plannedFields(),
        declaredCells: z.number().int().describe('Cellules déclarées ; 0 : rien déclaré'),
        realisedHours: z.number(),
        realisedCents: z.number().int(),
        realisedInsertionHours: z.number(),
        insertionPeople: z.number().int(),
        gapCents: z.number().int().describe('Réalisé moins prévu'),
        ...cumulativeFields(),
        corrections: z.number().int(),
      }),
    ),
  }),
) {}

export class PlannedRealisedDto extends createZodDto(
  z.object({
    lines: z.array(
      z.object({
        member: z.string(),
        lot: z.number().int(),
        territory: z.string(),
        period: z.number().int(),
        ...plannedFields(),
        realisedHours: z.number().nullable().describe('null : rien déclaré'),
        realisedCents: z.number().int().nullable(),
        realisedInsertionHours: z.number().nullable(),
        insertionPeople: z.number().int().nullable(),
        gapCents: z.number().int().describe('Réalisé moins prévu (0 réalisé si rien déclaré)'),
        ...cumulativeFields(),
        corrections: z.number().int(),
        orderId: z.uuid().nullable().describe('Le bon de commande que cite le chiffre en vigueur'),
      }),
    ),
  }),
) {}

/** A re-plan asked from a period on. */
export class ReplanRequestDto extends createZodDto(
  z.strictObject({
    fromPeriod: z
      .number()
      .int()
      .min(1)
      .max(INT32_MAX)
      .describe('Première période replanifiée ; les précédentes restent telles quelles'),
  }),
) {}

export class ReplanRequestedDto extends createZodDto(
  z.object({
    jobId: z.uuid(),
    number: z.number().int().describe('Numéro de la replanification'),
    statusUrl: z.string(),
  }),
) {}

const replanSummary = z.object({
  number: z.number().int(),
  fromPeriod: z.number().int(),
  status: z.enum(['QUEUED', 'DONE', 'FAILED']),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export class ReplanSummaryDto extends createZodDto(replanSummary) {}

export class ReplanDto extends createZodDto(
  replanSummary.extend({
    result: z
      .object({
        optima: z.object({ coverage: z.number(), proximity: z.number(), fairness: z.number() }),
        lines: z
          .array(
            z.object({
              org: z.string().nullable().describe('Clé du membre ; null pour la part non couverte'),
              lot: z.number().int(),
              territory: z.string(),
              period: z.number().int(),
              hundredths: z.number().int().describe('Heures prévues, en centièmes'),
              amountCents: z.number().int(),
              insertionHours: z.number().int(),
            }),
          )
          .describe('La nouvelle répartition des périodes restantes'),
        totals: z.array(
          z.object({
            lot: z.number().int(),
            awardedCents: z.number().int(),
            keptCents: z.number().int().describe('Prévu des périodes précédentes, inchangé'),
            replannedCents: z.number().int(),
            replannedUncoveredCents: z.number().int(),
            keptInsertionHours: z.number().int(),
            replannedInsertionHours: z.number().int(),
            remainingDemandHundredths: z.number().int(),
          }),
        ),
      })
      .nullable(),
  }),
) {}

export class DriftAlertsDto extends createZodDto(
  z.object({
    alerts: z.array(
      z.object({
        id: z.uuid(),
        member: z.string(),
        lot: z.number().int(),
        startPeriod: z.number().int().describe('Première période de l’écart'),
        alertPeriod: z.number().int().describe('Période où l’alerte a été levée'),
        measure: z
          .enum(DRIFT_MEASURES)
          .describe(
            'Ce qui a dérivé : chiffre d’affaires (REVENUE, en centimes), heures travaillées ' +
              '(HOURS) ou heures d’insertion (INSERTION_HOURS), en centièmes d’heure',
          ),
        planned: z
          .number()
          .int()
          .describe('Prévu cumulé à la période de l’alerte, dans l’unité de la mesure'),
        realised: z
          .number()
          .int()
          .describe('Réalisé cumulé à la période de l’alerte, dans l’unité de la mesure'),
        raisedAt: z.string().describe('Date de l’alerte (ISO 8601)'),
        mailed: z.boolean().describe('Tous ses courriels sont partis'),
        mailsQueued: z.number().int().describe('Courriels mis en file d’envoi'),
        mailsSent: z.number().int().describe('Courriels envoyés par le worker'),
      }),
    ),
  }),
) {}

export class MissingDeclarationsDto extends createZodDto(
  z.object({
    missing: z.array(
      z.object({
        memberId: z.uuid(),
        member: z.string(),
        name: z.string(),
        lot: z.number().int(),
        period: z.number().int(),
        lastRemindedAt: z
          .string()
          .nullable()
          .describe('Date de la relance pour cette période ; null si jamais relancé'),
      }),
    ),
  }),
) {}

export class RealisedRemindedDto extends createZodDto(
  z.object({
    members: z.number().int().describe('Membres relancés'),
    periods: z.number().int().describe('Périodes manquantes relancées (une fois chacune)'),
  }),
) {}
