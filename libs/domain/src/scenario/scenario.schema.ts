import { z } from 'zod';
import { IDENTIFIER_SCHEMES, identifierProblem } from '../identifiers';
import { ORGANISATION_KINDS, organisationParticularsSchema } from '../organisations';
import { COVERAGE_LEVELS, parseTerritoryCode } from '../territories';
import { MAX_SUBCONTRACT_MONTHS } from '../subcontracting/subcontract-terms';

/**
 * The shape of a `cordage.scenario/1` file (shared/docs/scenario-format.md), with the checks that
 * concern one item (check digits, territory codes) so that they are reported together with shape
 * problems. Rules between items (references, uniqueness) are in validate-scenario.ts.
 * Objects are strict so that a misspelt field is reported instead of silently ignored.
 */
export const SCENARIO_FORMAT = 'cordage.scenario/1';

export const CONSORTIUM_FORMS = ['CONJOINT', 'CONJOINT_MANDATAIRE_SOLIDAIRE', 'SOLIDAIRE'] as const;
export const RESERVATIONS = ['NONE', 'L2113_12', 'L2113_13', 'L2113_12_13'] as const;
export const PREFERENCES = ['PRIMARY', 'SECONDARY'] as const;
export const SUBCONTRACT_KINDS = ['SOUS_TRAITANCE', 'MISE_A_DISPOSITION'] as const;

/** Money is whole cents; a fraction of a cent gets a message that says so. */
const cents = z
  .number()
  .int({
    error: (issue) =>
      typeof issue.input === 'number' && Number.isFinite(issue.input)
        ? `un montant s’écrit en centimes entiers (reçu ${issue.input})`
        : undefined,
  })
  .nonnegative()
  .max(Number.MAX_SAFE_INTEGER);
const positiveHours = z.number().positive().finite();
const text = (max: number) => z.string().trim().min(1).max(max);
const key = z.string().trim().min(1).max(64);

/** A problem of one item, carrying the stable code clients match on. */
function report(ctx: z.RefinementCtx, path: PropertyKey[], problemCode: string, message: string) {
  ctx.addIssue({ code: 'custom', path, message, params: { problemCode } });
}

function checkTerritoryCode(ctx: z.RefinementCtx, field: string, code: string): boolean {
  const parsed = parseTerritoryCode(code);
  if (!parsed.ok) report(ctx, [field], 'INVALID_TERRITORY_CODE', parsed.reason);
  return parsed.ok;
}

function checkIdentifier(
  item: { idScheme: (typeof IDENTIFIER_SCHEMES)[number]; id: string },
  ctx: z.RefinementCtx,
) {
  const problem = identifierProblem(item.idScheme, item.id);
  if (problem) report(ctx, ['id'], 'INVALID_IDENTIFIER', problem);
}

const cellSchema = z
  .strictObject({
    territory: text(80),
    demandHours: positiveHours,
    parent: text(80).optional(),
    label: text(200).optional(),
  })
  .superRefine((cell, ctx) => {
    checkTerritoryCode(ctx, 'territory', cell.territory);
    const isSite = cell.territory.startsWith('SITE:');
    if (isSite && !cell.parent) {
      report(
        ctx,
        ['parent'],
        'MISSING_SITE_PARENT',
        `le site ${cell.territory} doit indiquer son territoire parent`,
      );
    } else if (isSite && cell.parent) {
      const parent = parseTerritoryCode(cell.parent);
      if (!parent.ok) report(ctx, ['parent'], 'INVALID_TERRITORY_CODE', parent.reason);
      else if (parent.value.level === 'SITE') {
        report(
          ctx,
          ['parent'],
          'INVALID_SITE_PARENT',
          'le parent d’un site est une commune, un EPT, un EPCI, un département, une région ou un code belge',
        );
      }
    } else if (!isSite && cell.parent !== undefined) {
      report(
        ctx,
        ['parent'],
        'UNEXPECTED_PARENT',
        'seul un site (SITE:) indique un territoire parent',
      );
    }
  });

const lotSchema = z.strictObject({
  number: z.number().int().positive().max(9999),
  title: text(300),
  /** What the members do on the lot ("nettoyage des locaux"), printed in annex A; else the title. */
  nature: text(500).optional(),
  amountCents: cents.positive(),
  insertionHours: z.number().int().nonnegative(),
  cells: z.array(cellSchema).min(1),
});

const tenderSchema = z.strictObject({
  reference: text(100),
  title: text(500),
  buyer: z
    .strictObject({
      name: text(300),
      idScheme: z.enum(IDENTIFIER_SCHEMES),
      id: text(20),
    })
    .superRefine(checkIdentifier),
  deadline: z.iso.datetime({ offset: true }),
  reserved: z.enum(RESERVATIONS).default('NONE'),
  /** The tender forbids an operator to be a member of several consortia (R2142-21). */
  exclusiveMembership: z.boolean().optional(),
  lots: z.array(lotSchema).min(1),
});

/** Counts stored as Postgres integers. */
const INT32_MAX = 2 ** 31 - 1;
const count = z.number().int().positive().max(INT32_MAX);

const rulesSchema = z.strictObject({
  minMembers: z.number().int().positive().optional(),
  /** At most this many members (those who joined; with an allocation, those it gives hours). */
  maxMembers: count.optional(),
  minOfKind: z.partialRecord(z.enum(ORGANISATION_KINDS), z.number().int().positive()).optional(),
  minSmallMembers: z.number().int().positive().optional(),
  smallBelowEmployees: z.number().int().positive().default(100),
  /**
   * Territorial coverage: the members' work covers at least `count` départements, provinces or
   * regions. Their work is the territories of their offers (a site counts as its parent), and with
   * an allocation those where it gives them hours; each territory lies in the unit its code says
   * (`coverageUnitOf`, libs/domain/src/territories/coverage.ts).
   */
  minCoverage: z.strictObject({ level: z.enum(COVERAGE_LEVELS), count }).optional(),
  maxTotalCents: cents.positive().optional(),
});

const organisationSchema = z
  .strictObject({
    key,
    legalName: text(300),
    idScheme: z.enum(IDENTIFIER_SCHEMES),
    id: text(20),
    kind: z.enum(ORGANISATION_KINDS),
    /**
     * Its head count; null when the network has not entered it: it is then not counted as a small
     * member, and the documents say the figure is to be completed rather than print a guess.
     */
    employees: z.number().int().nonnegative().nullable().default(null),
    home: text(80),
    insertionHoursMax: z.number().int().nonnegative().optional(),
    representative: z.strictObject({
      name: text(200),
      title: text(200),
      email: z.email(),
    }),
    /** Legal form, address, approval, capacity: printed by the documents, never allocated on. */
    particulars: organisationParticularsSchema.partial().optional(),
  })
  .superRefine((organisation, ctx) => {
    checkIdentifier(organisation, ctx);
    if (
      checkTerritoryCode(ctx, 'home', organisation.home) &&
      organisation.home.startsWith('SITE:')
    ) {
      report(
        ctx,
        ['home'],
        'INVALID_TERRITORY_CODE',
        'le siège n’est pas un site de la consultation',
      );
    }
  });

const offerSchema = z.strictObject({
  org: key,
  lot: z.number().int().positive(),
  territory: text(80),
  hours: positiveHours,
  preference: z.enum(PREFERENCES),
});

const limitSchema = z
  .strictObject({
    org: key,
    maxHours: positiveHours.optional(),
    maxRevenueCents: cents.optional(),
  })
  .refine((limit) => limit.maxHours !== undefined || limit.maxRevenueCents !== undefined, {
    message: 'une limite indique des heures maximum, un chiffre d’affaires maximum, ou les deux',
  });

const subcontractSchema = z.strictObject({
  principal: key,
  subcontractor: key,
  lot: z.number().int().positive(),
  kind: z.enum(SUBCONTRACT_KINDS),
  nature: text(500),
  maxAmountCents: cents.positive(),
  /** Entered in the app with the subcontract; a file may leave them out (then computed). */
  durationMonths: z.number().int().min(1).max(MAX_SUBCONTRACT_MONTHS).optional(),
  amountInclVatCents: cents.positive().optional(),
  reverseCharge: z.boolean().optional(),
});

export const scenarioSchema = z.strictObject({
  format: z.literal(SCENARIO_FORMAT),
  tender: tenderSchema,
  consortium: z.strictObject({
    form: z.enum(CONSORTIUM_FORMS),
    mandataire: key,
    rules: rulesSchema.default({ smallBelowEmployees: 100 }),
  }),
  organizations: z.array(organisationSchema).min(1),
  offers: z.array(offerSchema).default([]),
  limits: z.array(limitSchema).default([]),
  subcontracts: z.array(subcontractSchema).default([]),
  policy: z
    .strictObject({ secondaryCost: z.number().nonnegative().finite().default(1) })
    .default({ secondaryCost: 1 }),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioTender = Scenario['tender'];
export type ScenarioLot = ScenarioTender['lots'][number];
export type ScenarioCell = ScenarioLot['cells'][number];
export type ScenarioOrganisation = Scenario['organizations'][number];
export type ScenarioOffer = Scenario['offers'][number];
export type ScenarioLimit = Scenario['limits'][number];
export type ScenarioSubcontract = Scenario['subcontracts'][number];
export type ScenarioRules = Scenario['consortium']['rules'];
export type ConsortiumForm = (typeof CONSORTIUM_FORMS)[number];
export type Reservation = (typeof RESERVATIONS)[number];
export type Preference = (typeof PREFERENCES)[number];
export type SubcontractKind = (typeof SUBCONTRACT_KINDS)[number];
