import { z } from 'zod';
import type { OrganisationKind } from './organisation-kind';

/**
 * What a party's board reads about it at the head of the convention and on the DC sheets, entered
 * once for the organisation and reused in every bid: its legal form, the address of its registered
 * office, the approval that makes it what it is (IAE conventionnement, EA, ESAT, ETA) with the
 * authority that granted it, and the capacity in which its representative signs.
 */
export const LEGAL_FORMS = [
  'ASSOCIATION_LOI_1901',
  'ASSOCIATION_DROIT_LOCAL',
  'ASBL',
  'SAS',
  'SASU',
  'SARL',
  'EURL',
  'SA',
  'SCOP',
  'SCIC',
  'SRL',
  'SC',
  'ETABLISSEMENT_PUBLIC',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

export const LEGAL_FORM_LABELS: Record<LegalForm, string> = {
  ASSOCIATION_LOI_1901: 'association régie par la loi du 1er juillet 1901',
  ASSOCIATION_DROIT_LOCAL: 'association de droit local (Alsace-Moselle)',
  ASBL: 'association sans but lucratif (ASBL)',
  SAS: 'société par actions simplifiée (SAS)',
  SASU: 'société par actions simplifiée unipersonnelle (SASU)',
  SARL: 'société à responsabilité limitée (SARL)',
  EURL: 'entreprise unipersonnelle à responsabilité limitée (EURL)',
  SA: 'société anonyme (SA)',
  SCOP: 'société coopérative et participative (SCOP)',
  SCIC: 'société coopérative d’intérêt collectif (SCIC)',
  SRL: 'société à responsabilité limitée de droit belge (SRL)',
  SC: 'société coopérative de droit belge (SC)',
  ETABLISSEMENT_PUBLIC: 'établissement public',
};

/** The approval each kind of organisation holds, as it is named where it is granted. */
export const APPROVAL_NAMES: Record<OrganisationKind, string | null> = {
  EI: 'conventionnement d’insertion par l’activité économique',
  AI: 'conventionnement d’insertion par l’activité économique',
  ACI: 'conventionnement d’insertion par l’activité économique',
  ETTI: 'conventionnement d’insertion par l’activité économique',
  EITI: 'conventionnement d’insertion par l’activité économique',
  GEIQ: 'label GEIQ',
  EA: 'reconnaissance d’entreprise adaptée (contrat pluriannuel d’objectifs et de moyens)',
  ESAT: 'autorisation d’établissement et service d’aide par le travail',
  ETA: 'agrément d’entreprise de travail adapté',
  OTHER: null,
};

/** Who usually grants it: what the form suggests, the organisation writes its own. */
export const APPROVAL_AUTHORITY_HINTS: Record<OrganisationKind, string | null> = {
  EI: 'DREETS (préfet de département)',
  AI: 'DREETS (préfet de département)',
  ACI: 'DREETS (préfet de département)',
  ETTI: 'DREETS (préfet de département)',
  EITI: 'DREETS (préfet de département)',
  GEIQ: 'Fédération française des GEIQ',
  EA: 'DREETS',
  ESAT: 'agence régionale de santé (ARS)',
  ETA: 'AViQ (Wallonie) ou service PHARE (Bruxelles)',
  OTHER: null,
};

export interface OrganisationParticulars {
  legalForm: LegalForm | null;
  /** Street, postcode and town of the registered office, on one line. */
  registeredAddress: string | null;
  approvalNumber: string | null;
  approvalAuthority: string | null;
  /** "président", "directrice générale", "gérant"... in which the representative signs. */
  representativeCapacity: string | null;
}

export const NO_PARTICULARS: OrganisationParticulars = {
  legalForm: null,
  registeredAddress: null,
  approvalNumber: null,
  approvalAuthority: null,
  representativeCapacity: null,
};

/** A text field: trimmed, an empty text is no value; each message names the field in French. */
export const optionalText = (field: string, max: number) =>
  z
    .string({ error: `${field} : un texte est attendu` })
    .trim()
    .max(max, { error: `${field} : ${max} caractères au plus` })
    .nullable()
    .transform((value) => (value === '' ? null : value));

/** The particulars as a member's editor or the coordinator sends them: the whole set at once. */
export const organisationParticularsSchema = z.strictObject({
  legalForm: z
    .enum(LEGAL_FORMS, {
      error: `forme juridique : une valeur parmi ${LEGAL_FORMS.join(', ')} est attendue`,
    })
    .nullable(),
  registeredAddress: optionalText('adresse du siège', 300),
  approvalNumber: optionalText('numéro d’agrément ou de conventionnement', 100),
  approvalAuthority: optionalText('autorité qui a délivré l’agrément', 200),
  representativeCapacity: optionalText('qualité du représentant', 200),
});

/** True when the convention can print every particular without "à compléter". */
export function particularsComplete(
  particulars: OrganisationParticulars,
  kind: OrganisationKind,
): boolean {
  const needsApproval = APPROVAL_NAMES[kind] !== null;
  return (
    particulars.legalForm !== null &&
    particulars.registeredAddress !== null &&
    particulars.representativeCapacity !== null &&
    (!needsApproval ||
      (particulars.approvalNumber !== null && particulars.approvalAuthority !== null))
  );
}
