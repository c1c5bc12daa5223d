import { z } from 'zod';
import { isCalendarDate } from '../time';
import {
  IDENTIFIER_SCHEMES,
  type IdentifierScheme,
  identifierProblem,
  normalizeIdentifier,
} from '../identifiers';
import {
  LEGAL_FORMS,
  type LegalForm,
  ORGANISATION_KINDS,
  type OrganisationKind,
  optionalText,
} from '../organisations';

/**
 * The network's directory of organisations. The organisation itself (identifier, legal name,
 * kind) is shared by every network; all the rest is what one network knows of it and is seen by
 * that network only.
 */

/** Size bands by staff (head count), as the European definition of SMEs draws them. */
export const ORGANISATION_SIZES = ['MICRO', 'SMALL', 'MEDIUM', 'LARGE'] as const;
export type OrganisationSize = (typeof ORGANISATION_SIZES)[number];

/** Each band's staff, from (included) to (excluded; null: no upper bound). */
export const SIZE_BANDS: Record<OrganisationSize, { from: number; below: number | null }> = {
  MICRO: { from: 0, below: 10 },
  SMALL: { from: 10, below: 50 },
  MEDIUM: { from: 50, below: 250 },
  LARGE: { from: 250, below: null },
};

export function sizeOf(staff: number | null): OrganisationSize | null {
  if (staff === null) return null;
  return (
    ORGANISATION_SIZES.find((size) => {
      const band = SIZE_BANDS[size];
      return staff >= band.from && (band.below === null || staff < band.below);
    }) ?? null
  );
}

/** What the organisation declares it can take on over all the network's open bids at once. */
export interface DirectoryLimits {
  maxHours: number | null;
  maxRevenueCents: number | null;
  maxInsertionHours: number | null;
}

export interface Representative {
  name: string;
  title: string;
  email: string;
}

/** What one network knows of an organisation (seen by that network only). */
export interface DirectoryDetails {
  legalForm: LegalForm | null;
  address: string | null;
  staff: number | null;
  approvalNumber: string | null;
  /** YYYY-MM-DD. */
  approvalDate: string | null;
  /** Codes of the official territories where it works (DEP:93, BE:21004...). */
  territories: string[];
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  representatives: Representative[];
  limits: DirectoryLimits;
}

export const NO_DIRECTORY_DETAILS: DirectoryDetails = {
  legalForm: null,
  address: null,
  staff: null,
  approvalNumber: null,
  approvalDate: null,
  territories: [],
  contactName: null,
  contactEmail: null,
  contactPhone: null,
  representatives: [],
  limits: { maxHours: null, maxRevenueCents: null, maxInsertionHours: null },
};

/** The largest integer an int4 column holds. */
const INT32_MAX = 2 ** 31 - 1;
/** The most cents a bigint column holds safely in a JS number. */
const MAX_CENTS = Number.MAX_SAFE_INTEGER;

const email = (field: string) =>
  z
    .string({ error: `${field} : une adresse e-mail est attendue` })
    .trim()
    .max(320, { error: `${field} : 320 caractères au plus` })
    .pipe(z.email({ error: `${field} : adresse e-mail invalide` }));

const wholeNumber = (field: string, max: number) =>
  z
    .number({ error: `${field} : un nombre est attendu` })
    .int({ error: `${field} : un nombre entier est attendu` })
    .min(0, { error: `${field} : un nombre positif ou nul est attendu` })
    .max(max, { error: `${field} : ${max} au plus` });

/** A calendar date that exists (2026-02-30 does not). */

const approvalDate = z
  .string({ error: 'date d’agrément : une date AAAA-MM-JJ est attendue' })
  .refine(isCalendarDate, { error: 'date d’agrément : une date AAAA-MM-JJ est attendue' })
  .nullable();

const territoryCode = z
  .string({ error: 'territoires : un code de territoire est attendu' })
  .trim()
  .min(3, { error: 'territoires : un code de territoire (DEP:93, BE:21004…) est attendu' })
  .max(80, { error: 'territoires : 80 caractères au plus par code' });

export const representativeSchema = z.strictObject({
  name: z
    .string({ error: 'représentant : un nom est attendu' })
    .trim()
    .min(1, { error: 'représentant : un nom est attendu' })
    .max(200, { error: 'représentant : 200 caractères au plus' }),
  title: z
    .string({ error: 'qualité du représentant : un texte est attendu' })
    .trim()
    .min(1, { error: 'qualité du représentant : un texte est attendu' })
    .max(200, { error: 'qualité du représentant : 200 caractères au plus' }),
  email: email('e-mail du représentant'),
});

export const directoryLimitsSchema = z.strictObject({
  maxHours: wholeNumber('heures maximum', INT32_MAX).nullable().default(null),
  maxRevenueCents: wholeNumber('chiffre d’affaires maximum (centimes)', MAX_CENTS)
    .nullable()
    .default(null),
  maxInsertionHours: wholeNumber('heures d’insertion maximum', INT32_MAX).nullable().default(null),
});

/** Every per-network field; each message names the field in French. */
const detailsShape = {
  legalForm: z
    .enum(LEGAL_FORMS, {
      error: `forme juridique : une valeur parmi ${LEGAL_FORMS.join(', ')} est attendue`,
    })
    .nullable(),
  address: optionalText('adresse', 300),
  staff: wholeNumber('effectif', INT32_MAX).nullable(),
  approvalNumber: optionalText('numéro d’agrément ou de conventionnement', 100),
  approvalDate,
  territories: z
    .array(territoryCode, { error: 'territoires : une liste de codes est attendue' })
    .max(200, { error: 'territoires : 200 au plus' }),
  contactName: optionalText('nom du contact', 200),
  contactEmail: email('e-mail du contact').nullable(),
  contactPhone: optionalText('téléphone du contact', 40),
  representatives: z
    .array(representativeSchema, { error: 'représentants : une liste est attendue' })
    .max(20, { error: 'représentants : 20 au plus' }),
  limits: directoryLimitsSchema,
};

/** A change of what the network knows: only the fields given change. */
export const directoryDetailsPatchSchema = z
  .strictObject(detailsShape)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'aucun champ à modifier' });
export type DirectoryDetailsPatch = z.output<typeof directoryDetailsPatchSchema>;

export const KIND_MESSAGE = `type : une valeur parmi ${ORGANISATION_KINDS.join(', ')} est attendue`;
export const SCHEME_MESSAGE = `type d’identifiant : une valeur parmi ${IDENTIFIER_SCHEMES.join(', ')} est attendue`;

/** A new entry of the directory: the shared identity, then what this network knows of it. */
export const newDirectoryOrganisationSchema = z
  .strictObject({
    idScheme: z.enum(IDENTIFIER_SCHEMES, { error: SCHEME_MESSAGE }),
    id: z
      .string({ error: 'identifiant : un texte est attendu' })
      .trim()
      .min(1, { error: 'identifiant : obligatoire' })
      .max(20, { error: 'identifiant : 20 caractères au plus' }),
    legalName: z
      .string({ error: 'raison sociale : un texte est attendu' })
      .trim()
      .min(1, { error: 'raison sociale : obligatoire' })
      .max(300, { error: 'raison sociale : 300 caractères au plus' }),
    kind: z.enum(ORGANISATION_KINDS, { error: KIND_MESSAGE }),
    legalForm: detailsShape.legalForm.default(null),
    address: detailsShape.address.default(null),
    staff: detailsShape.staff.default(null),
    approvalNumber: detailsShape.approvalNumber.default(null),
    approvalDate: detailsShape.approvalDate.default(null),
    territories: detailsShape.territories.min(1, {
      error: 'territoires : au moins un territoire où elle travaille',
    }),
    contactName: detailsShape.contactName.default(null),
    contactEmail: detailsShape.contactEmail.default(null),
    contactPhone: detailsShape.contactPhone.default(null),
    representatives: detailsShape.representatives.min(1, {
      error: 'représentants : au moins un représentant légal',
    }),
    limits: directoryLimitsSchema.default({
      maxHours: null,
      maxRevenueCents: null,
      maxInsertionHours: null,
    }),
  })
  .superRefine(
    (entry, ctx) => {
      // Checked even when other fields are wrong: every problem is named at once.
      const { idScheme, id } = entry as { idScheme: unknown; id: unknown };
      if (typeof id !== 'string' || id.trim() === '' || id.trim().length > 20) return;
      if (!(IDENTIFIER_SCHEMES as readonly unknown[]).includes(idScheme)) return;
      const problem = identifierProblem(idScheme as IdentifierScheme, id);
      if (problem) {
        ctx.addIssue({ code: 'custom', path: ['id'], message: `identifiant : ${problem}` });
      }
    },
    { when: () => true },
  )
  .transform((entry) => ({ ...entry, id: normalizeIdentifier(entry.id) }));
export type NewDirectoryOrganisation = z.output<typeof newDirectoryOrganisationSchema>;

/** Splits a new entry into the shared identity and this network's details. */
export function splitEntry(entry: NewDirectoryOrganisation): {
  identity: {
    idScheme: IdentifierScheme;
    idValue: string;
    legalName: string;
    kind: OrganisationKind;
  };
  details: DirectoryDetails;
} {
  const { idScheme, id, legalName, kind, ...details } = entry;
  return { identity: { idScheme, idValue: id, legalName, kind }, details };
}

/** Applies a change to what the network knows. */
export function patchDetails(
  details: DirectoryDetails,
  patch: DirectoryDetailsPatch,
): DirectoryDetails {
  return { ...details, ...patch };
}
