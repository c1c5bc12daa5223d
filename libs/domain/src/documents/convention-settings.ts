import { z } from 'zod';
import { DomainError, DomainErrorCode, type Problem } from '../errors';
import { type ProcurementTimeZone, calendarDaysBetween } from '../time';

/**
 * The parameters of a convention de groupement that a bid's coordinator chooses (the clause
 * texts themselves live in the versioned template of libs/documents). Defaults: the buyer pays each
 * member directly, the usual rule of a groupement conjoint (one account run by the mandataire
 * needs every member's consent and puts their money at the mandataire's risk: it is a choice,
 * with 15 days to redistribute); a steering committee deciding by consensus. The notice to leave before the
 * submission deadline is eight days: the convention is most often signed a few weeks before the
 * deadline, and a longer notice would not fit in that time (see conventionSettingsProblems).
 */
export const PAYMENT_FLOWS = ['DIRECT', 'MANDATAIRE_ACCOUNT'] as const;
export type PaymentFlow = (typeof PAYMENT_FLOWS)[number];

/**
 * How the consortium decides (the steering committee, and the votes on an allocation). The double
 * majority needs both a majority of the members and a majority of the amounts: the members with the
 * largest shares cannot carry a decision alone, nor can the many small ones.
 */
export const DECISION_RULES = ['CONSENSUS', 'MAJORITY', 'WEIGHTED', 'DOUBLE_MAJORITY'] as const;
export type DecisionRule = (typeof DECISION_RULES)[number];

/**
 * What the contract buys, as the procurement rules classify it: works bring the builders'
 * insurance (décennale), the guarantees after acceptance and the reverse charge of VAT on
 * subcontracted construction work.
 */
export const CONTRACT_NATURES = ['WORKS', 'SUPPLIES', 'SERVICES'] as const;
export type ContractNature = (typeof CONTRACT_NATURES)[number];

/**
 * Who answers for the work a version leaves to no member: the mandataire (the default, as it
 * answers for the consortium to the buyer), the members who volunteer for it by a decision of the
 * steering committee, or nobody, the offer covering only its covered part where the tender allows
 * a partial offer.
 */
export const UNCOVERED_WORK_RULES = ['MANDATAIRE', 'VOLUNTEERS', 'COVERED_PART_ONLY'] as const;
export type UncoveredWorkRule = (typeof UNCOVERED_WORK_RULES)[number];

export const CONVENTION_LOCALES = ['fr-FR', 'fr-BE'] as const;
export type ConventionLocale = (typeof CONVENTION_LOCALES)[number];

/** Each parameter, with its bounds; people read these messages. */
const fields = {
  /** fr-BE: Belgian consortium (association momentanée, BCE numbers); absent: from the buyer. */
  locale: z.enum(CONVENTION_LOCALES),
  paymentFlow: z.enum(PAYMENT_FLOWS),
  /** Days the mandataire has to pass each member its part of a payment received. */
  redistributionDays: z.number().int().min(1).max(90),
  /** Days of notice a member gives before leaving (before the submission deadline). */
  exitNoticeDays: z.number().int().min(0).max(365),
  /** The mandataire's remuneration, in basis points of the consortium's amount (150 = 1,50 %). */
  mandataireFeeBasisPoints: z.number().int().min(0).max(2_000),
  steeringMeetingsPerYear: z.number().int().min(1).max(52),
  /** Share of the members (in percent) that must take part for the committee to decide. */
  quorumPercent: z.number().int().min(1).max(100),
  decisionRule: z.enum(DECISION_RULES),
  /** Under DOUBLE_MAJORITY, the approving members must be more than this share of the members. */
  doubleMajorityMembersPercent: z.number().int().min(50).max(99),
  /** Under DOUBLE_MAJORITY, they must also hold more than this share of the amount (in percent). */
  doubleMajorityAmountPercent: z.number().int().min(50).max(99),
  contractNature: z.enum(CONTRACT_NATURES),
  /** The VAT rate of the contract's prices, in basis points (2000 = 20 %; 2100 = 21 % in Belgium). */
  vatRateBasisPoints: z.number().int().min(0).max(3_000),
  /** Days the buyer has to pay (30 for most French buyers, R2192-10; 30 in Belgium as well). */
  paymentTermDays: z.number().int().min(1).max(120),
  uncoveredWorkRule: z.enum(UNCOVERED_WORK_RULES),
  // No court is chosen: a clause giving territorial jurisdiction to a court holds only between
  // traders (article 48 of the French code de procédure civile), and members are associations as
  // well as companies. The disputes clause leaves the court to the ordinary rules of law.
};

export const conventionSettingsSchema = z.strictObject({
  locale: fields.locale.optional(),
  paymentFlow: fields.paymentFlow.default('DIRECT'),
  redistributionDays: fields.redistributionDays.default(15),
  exitNoticeDays: fields.exitNoticeDays.default(8),
  mandataireFeeBasisPoints: fields.mandataireFeeBasisPoints.default(0),
  steeringMeetingsPerYear: fields.steeringMeetingsPerYear.default(4),
  quorumPercent: fields.quorumPercent.default(50),
  decisionRule: fields.decisionRule.default('CONSENSUS'),
  doubleMajorityMembersPercent: fields.doubleMajorityMembersPercent.default(50),
  doubleMajorityAmountPercent: fields.doubleMajorityAmountPercent.default(50),
  contractNature: fields.contractNature.default('SERVICES'),
  vatRateBasisPoints: fields.vatRateBasisPoints.default(2_000),
  paymentTermDays: fields.paymentTermDays.default(30),
  uncoveredWorkRule: fields.uncoveredWorkRule.default('MANDATAIRE'),
});

/** A coordinator's change of some parameters: the others keep their value. */
export const conventionSettingsChangeSchema = z.strictObject(fields).partial();

export type ConventionSettings = z.output<typeof conventionSettingsSchema>;
export type ConventionSettingsInput = z.input<typeof conventionSettingsSchema>;
export type ConventionSettingsChange = z.output<typeof conventionSettingsChangeSchema>;

export const DEFAULT_CONVENTION_SETTINGS: ConventionSettings = conventionSettingsSchema.parse({});

/** The bid's dates the convention's parameters must fit. */
export interface ConventionDates {
  /** The submission deadline (date limite de remise des offres), as the tender gives it. */
  deadline: Date | string;
  /** The buyer's clock: days are counted on its calendar. */
  timeZone: ProcurementTimeZone;
}

const days = (count: number) => `${count}\u00a0jour${Math.abs(count) > 1 ? 's' : ''}`;

/**
 * What in the parameters cannot hold given the bid's dates, on the day `now`.
 *
 * The exit clause lets a member leave *before the submission deadline* by giving the others its
 * notice; once offers are submitted, a member leaves only in the cases the procurement rules admit
 * (R2142-26 in France), with the steering committee's and the buyer's agreement, and after the
 * award only as such a change of the contract: the notice is no exit from the awarded contract.
 * So the notice must run out by the deadline: a member who gives it today must be out by then,
 * or the clause grants a right nobody can use. Once the deadline has passed, the window it
 * opens is closed and the notice has nothing left to fit.
 */
export function conventionSettingsProblems(
  settings: Pick<ConventionSettings, 'exitNoticeDays'>,
  dates: ConventionDates,
  now: Date,
): Problem[] {
  const left = calendarDaysBetween(now, dates.deadline, dates.timeZone);
  if (left < 0 || settings.exitNoticeDays <= left) return [];
  return [
    {
      path: 'exitNoticeDays',
      code: 'EXIT_NOTICE_AFTER_DEADLINE',
      message:
        `Le préavis de retrait (${days(settings.exitNoticeDays)}) dépasse le temps qui reste avant ` +
        `la date limite de remise des offres (${days(left)}) : aucun membre ne pourrait se retirer ` +
        `dans les conditions de la convention. ` +
        (left > 0
          ? `Choisissez un préavis de ${days(left)} au plus.`
          : 'La date limite est aujourd’hui : seul un retrait sans préavis reste possible.'),
    },
  ];
}

/** Refuses parameters that cannot hold given the bid's dates (see conventionSettingsProblems). */
export function assertConventionSettingsFitDates(
  settings: Pick<ConventionSettings, 'exitNoticeDays'>,
  dates: ConventionDates,
  now: Date,
): void {
  const problems = conventionSettingsProblems(settings, dates, now);
  const [first] = problems;
  if (first) throw new DomainError(DomainErrorCode.INVALID_INPUT, first.message, problems);
}

/**
 * A coordinator's change applied to the parameters in force, checked as a whole and against the
 * bid's dates on the day `now`: what is saved (input, the coordinators' choices only) and what the
 * documents read (settings, defaults filled in). Saving and previewing check the same way.
 */
export function applyConventionSettingsChange(
  current: ConventionSettingsInput,
  change: ConventionSettingsChange,
  dates: ConventionDates,
  now: Date,
): { input: ConventionSettingsInput; settings: ConventionSettings } {
  const input = { ...current, ...change };
  const settings = conventionSettingsSchema.parse(input);
  assertConventionSettingsFitDates(settings, dates, now);
  return { input, settings };
}
