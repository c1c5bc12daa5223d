import { z } from 'zod';

/**
 * The parameters of a convention de groupement that a bid's coordinator chooses (the clause
 * texts themselves live in the versioned template of libs/documents). Defaults follow the common
 * practice of the FNTP/FFB model: payment to one account run by the mandataire, redistributed
 * within 15 days, three months' notice to leave, a steering committee deciding by consensus.
 */
export const PAYMENT_FLOWS = ['DIRECT', 'MANDATAIRE_ACCOUNT'] as const;
export type PaymentFlow = (typeof PAYMENT_FLOWS)[number];

/** How the consortium decides (the steering committee, and the votes on an allocation). */
export const DECISION_RULES = ['CONSENSUS', 'MAJORITY', 'WEIGHTED'] as const;
export type DecisionRule = (typeof DECISION_RULES)[number];

export const CONVENTION_LOCALES = ['fr-FR', 'fr-BE'] as const;
export type ConventionLocale = (typeof CONVENTION_LOCALES)[number];

/** Each parameter, with its bounds; people read these messages. */
const fields = {
  /** fr-BE: Belgian consortium (association momentanée, BCE numbers); absent: from the buyer. */
  locale: z.enum(CONVENTION_LOCALES),
  paymentFlow: z.enum(PAYMENT_FLOWS),
  /** Days the mandataire has to pass each member its part of a payment received. */
  redistributionDays: z.number().int().min(1).max(90),
  /** Days of notice a member gives before leaving (before the application deadline). */
  exitNoticeDays: z.number().int().min(0).max(365),
  /** The mandataire's remuneration, in basis points of the consortium's amount (150 = 1,50 %). */
  mandataireFeeBasisPoints: z.number().int().min(0).max(2_000),
  steeringMeetingsPerYear: z.number().int().min(1).max(52),
  /** Share of the members (in percent) that must take part for the committee to decide. */
  quorumPercent: z.number().int().min(1).max(100),
  decisionRule: z.enum(DECISION_RULES),
  /** The court named in the disputes clause. */
  court: z.string().trim().min(3).max(200),
};

export const conventionSettingsSchema = z.strictObject({
  locale: fields.locale.optional(),
  paymentFlow: fields.paymentFlow.default('MANDATAIRE_ACCOUNT'),
  redistributionDays: fields.redistributionDays.default(15),
  exitNoticeDays: fields.exitNoticeDays.default(90),
  mandataireFeeBasisPoints: fields.mandataireFeeBasisPoints.default(0),
  steeringMeetingsPerYear: fields.steeringMeetingsPerYear.default(4),
  quorumPercent: fields.quorumPercent.default(50),
  decisionRule: fields.decisionRule.default('CONSENSUS'),
  court: fields.court.default('le tribunal judiciaire du siège du mandataire'),
});

/** A coordinator's change of some parameters: the others keep their value. */
export const conventionSettingsChangeSchema = z.strictObject(fields).partial();

export type ConventionSettings = z.output<typeof conventionSettingsSchema>;
export type ConventionSettingsInput = z.input<typeof conventionSettingsSchema>;

export const DEFAULT_CONVENTION_SETTINGS: ConventionSettings = conventionSettingsSchema.parse({});
