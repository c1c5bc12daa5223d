import type { ParticularsDto, TerritoryDto } from '../api/schema';

// The words people read for the api's codes.

export const BID_STATUS: Record<string, { label: string; color: string }> = {
  DRAFT: { label: 'Brouillon', color: 'gray' },
  COLLECTING: { label: 'Recueil des capacités', color: 'blue' },
  ALLOCATING: { label: 'Répartition en cours', color: 'indigo' },
  PROPOSED: { label: 'Répartition proposée', color: 'violet' },
  AGREED: { label: 'Répartition approuvée', color: 'teal' },
  SIGNING: { label: 'Signature de la convention', color: 'orange' },
  SIGNED: { label: 'Convention signée', color: 'green' },
  SUBMITTED: { label: 'Offre déposée', color: 'cyan' },
  AWARDED: { label: 'Marché attribué', color: 'green' },
  LOST: { label: 'Marché non obtenu', color: 'red' },
  WITHDRAWN: { label: 'Candidature abandonnée', color: 'gray' },
};

export const MEMBER_STATUS: Record<string, { label: string; color: string }> = {
  INVITED: { label: 'Invité', color: 'yellow' },
  ACCEPTED: { label: 'A accepté', color: 'blue' },
  DATA_COMPLETE: { label: 'Données complètes', color: 'teal' },
  SIGNED: { label: 'A signé', color: 'green' },
  DECLINED: { label: 'A décliné', color: 'gray' },
  WITHDRAWN: { label: 'S’est retiré', color: 'gray' },
};

export const PREFERENCE: Record<'PRIMARY' | 'SECONDARY', string> = {
  PRIMARY: 'Principal',
  SECONDARY: 'Secondaire',
};

export const CONSORTIUM_FORM: Record<string, string> = {
  CONJOINT: 'Groupement conjoint',
  CONJOINT_MANDATAIRE_SOLIDAIRE: 'Conjoint, mandataire solidaire',
  SOLIDAIRE: 'Groupement solidaire',
};

/** What a territorial-coverage rule counts, in the plural a coordinator reads. */
export const COVERAGE_LEVEL: Record<string, string> = {
  DEPARTEMENT: 'Départements',
  PROVINCE: 'Provinces (Belgique)',
  REGION: 'Régions',
};

export const ORGANISATION_KIND: Record<string, string> = {
  EI: 'Entreprise d’insertion (EI)',
  AI: 'Association intermédiaire (AI)',
  ACI: 'Atelier et chantier d’insertion (ACI)',
  ETTI: 'Entreprise de travail temporaire d’insertion (ETTI)',
  EITI: 'Entreprise d’insertion par le travail indépendant (EITI)',
  GEIQ: 'Groupement d’employeurs pour l’insertion et la qualification (GEIQ)',
  EA: 'Entreprise adaptée (EA)',
  ESAT: 'Établissement et service d’accompagnement par le travail (ESAT)',
  ETA: 'Entreprise de travail adapté (ETA, Belgique)',
  OTHER: 'Autre structure',
};

/** A choice list's options, in the order of the words given for the codes. */
export const optionsOf = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** A native select's options led by « Choisir… », the empty value of a field not answered yet. */
export const withChoose = (options: readonly { value: string; label: string }[]) => [
  { value: '', label: 'Choisir…' },
  ...options,
];

export function statusOf(status: string): { label: string; color: string } {
  return BID_STATUS[status] ?? { label: status, color: 'gray' };
}

/** A territory's level in words. */
export const TERRITORY_LEVEL: Record<TerritoryDto['level'], string> = {
  COM: 'Commune',
  EPT: 'EPT',
  EPCI: 'EPCI',
  DEP: 'Département',
  REG: 'Région',
  BE: 'Belgique',
};

/** The legal forms the api knows, in the short words of a choice list. */
export const LEGAL_FORMS: { value: NonNullable<ParticularsDto['legalForm']>; label: string }[] = [
  { value: 'ASSOCIATION_LOI_1901', label: 'Association loi 1901' },
  { value: 'ASSOCIATION_DROIT_LOCAL', label: 'Association de droit local (Alsace-Moselle)' },
  { value: 'ASBL', label: 'ASBL (Belgique)' },
  { value: 'SAS', label: 'SAS' },
  { value: 'SASU', label: 'SASU' },
  { value: 'SARL', label: 'SARL' },
  { value: 'EURL', label: 'EURL' },
  { value: 'SA', label: 'SA' },
  { value: 'SCOP', label: 'SCOP' },
  { value: 'SCIC', label: 'SCIC' },
  { value: 'SRL', label: 'SRL (Belgique)' },
  { value: 'SC', label: 'Société coopérative (Belgique)' },
  { value: 'ETABLISSEMENT_PUBLIC', label: 'Établissement public' },
];
