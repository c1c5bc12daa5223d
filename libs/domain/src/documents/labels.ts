import type { OrganisationKind } from '../organisations';
import type { ConsortiumForm, SubcontractKind } from '../scenario';
import type {
  ContractNature,
  ConventionLocale,
  ConventionSettings,
  DecisionRule,
  PaymentFlow,
  UncoveredWorkRule,
} from './convention-settings';

/** What a person reads in a document for each code of the domain. */
export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  EI: 'entreprise d’insertion (EI)',
  AI: 'association intermédiaire (AI)',
  ACI: 'atelier et chantier d’insertion (ACI)',
  ETTI: 'entreprise de travail temporaire d’insertion (ETTI)',
  EITI: 'entreprise d’insertion par le travail indépendant (EITI)',
  GEIQ: 'groupement d’employeurs pour l’insertion et la qualification (GEIQ)',
  EA: 'entreprise adaptée (EA)',
  ESAT: 'établissement et service d’aide par le travail (ESAT)',
  ETA: 'entreprise de travail adapté (ETA)',
  OTHER: 'autre structure de l’économie sociale et solidaire',
};

export function consortiumFormLabel(form: ConsortiumForm, locale: ConventionLocale): string {
  const name = locale === 'fr-BE' ? 'association momentanée' : 'groupement momentané d’entreprises';
  switch (form) {
    case 'CONJOINT':
      return `${name} conjoint${locale === 'fr-BE' ? 'e' : ''}`;
    case 'CONJOINT_MANDATAIRE_SOLIDAIRE':
      return `${name} conjoint${locale === 'fr-BE' ? 'e' : ''}, avec mandataire solidaire`;
    case 'SOLIDAIRE':
      return `${name} solidaire`;
  }
}

export const SUBCONTRACT_KIND_LABELS: Record<SubcontractKind, string> = {
  SOUS_TRAITANCE: 'sous-traitance',
  MISE_A_DISPOSITION: 'mise à disposition de personnel',
};

export const PAYMENT_FLOW_LABELS: Record<PaymentFlow, string> = {
  DIRECT: 'paiement direct de chaque membre par l’acheteur',
  MANDATAIRE_ACCOUNT: 'compte unique tenu par le mandataire',
};

export const UNCOVERED_WORK_RULE_LABELS: Record<UncoveredWorkRule, string> = {
  MANDATAIRE: 'le mandataire en répond',
  VOLUNTEERS: 'répartie entre des membres volontaires',
  COVERED_PART_ONLY: 'l’offre ne porte que sur la part couverte',
};

export const CONTRACT_NATURE_LABELS: Record<ContractNature, string> = {
  WORKS: 'marché de travaux',
  SUPPLIES: 'marché de fournitures',
  SERVICES: 'marché de services',
};

export const DECISION_RULE_LABELS: Record<DecisionRule, string> = {
  CONSENSUS: 'consensus',
  MAJORITY: 'majorité des membres, chacun disposant d’une voix',
  WEIGHTED: 'majorité des voix, chaque membre votant à proportion de sa part',
  DOUBLE_MAJORITY: 'double majorité des membres et des montants',
};

/**
 * The decision rule as the convention states it: the double majority with its two bars, so that a
 * member reads what a decision needs without looking the rule up.
 */
export function decisionRuleWording(
  settings: Pick<
    ConventionSettings,
    'decisionRule' | 'doubleMajorityMembersPercent' | 'doubleMajorityAmountPercent'
  >,
): string {
  if (settings.decisionRule !== 'DOUBLE_MAJORITY')
    return DECISION_RULE_LABELS[settings.decisionRule];
  return (
    `${DECISION_RULE_LABELS.DOUBLE_MAJORITY} : une décision est adoptée lorsqu’elle est approuvée à ` +
    `la fois par plus de ${settings.doubleMajorityMembersPercent}\u00a0% des membres, chacun ` +
    `disposant d’une voix, et par des membres détenant ensemble plus de ` +
    `${settings.doubleMajorityAmountPercent}\u00a0% du montant des prestations réparties entre eux à l’annexe A ; ` +
    'les membres aux parts les plus importantes ne peuvent donc l’emporter seuls'
  );
}

/** "SIRET 473 607 146 36845", "BCE 0123.456.749": identifiers grouped as people write them. */
export function formatIdentifier(scheme: string, value: string): string {
  const digits = value.replace(/[\s.-]/g, '');
  switch (scheme) {
    case 'SIRET':
      return `SIRET ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 9)} ${digits.slice(9)}`;
    case 'SIREN':
      return `SIREN ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
    case 'BCE':
      return `BCE ${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
    default:
      return `${scheme} ${digits}`;
  }
}
