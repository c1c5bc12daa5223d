import { formatEuros } from '../allocation/french-format';
import { type Problem, inputRefused } from '../errors';
import type { OrganisationKind } from '../organisations';
import type { SubcontractKind } from '../scenario';

/** R2193-10 of the Code de la commande publique: paid directly by the buyer from 600 EUR incl. VAT. */
export const DIRECT_PAYMENT_FROM_CENTS_INCL_VAT = 60_000;

/** Stored as Postgres `bigint` but read as JS numbers: amounts stay exact below this. */
export const MAX_SUBCONTRACT_CENTS = Number.MAX_SAFE_INTEGER;

/** The longest subcontract duration entered, in months (the longest framework agreement is 8 years). */
export const MAX_SUBCONTRACT_MONTHS = 96;

/**
 * Who lends workers (« mise à disposition ») rather than subcontracts: the intermediary
 * associations (AI, L5132-7 of the Code du travail), the temporary-work integration firms (ETTI,
 * L5132-6) and the employers' groupings (GEIQ, L1253-1). Loans are not subcontracting: no DC4,
 * no direct payment, no reverse charge.
 */
export const LENDING_KINDS: readonly OrganisationKind[] = ['AI', 'ETTI', 'GEIQ'];

/** A subcontract as a principal enters it, on one lot. */
export interface SubcontractTerms {
  kind: SubcontractKind;
  nature: string;
  durationMonths: number;
  amountExclVatCents: number;
  amountInclVatCents: number;
  /** Autoliquidation: the principal, not the subcontractor, accounts for the VAT. */
  reverseCharge: boolean;
}

/**
 * Annex B's ceiling: a subcontract is never larger than what its principal itself holds on the
 * lot. One rule, for the allocation's warnings and for the subcontract entered in the app.
 */
export function subcontractExceedsPrincipal(amountCents: number, principalCents: number): boolean {
  return amountCents > principalCents;
}

/** Whether the buyer pays the subcontractor directly (R2193-10): subcontracting only, from 600 EUR TTC. */
export function directPaymentRequired(kind: SubcontractKind, amountInclVatCents: number): boolean {
  return kind === 'SOUS_TRAITANCE' && amountInclVatCents >= DIRECT_PAYMENT_FROM_CENTS_INCL_VAT;
}

/** Loans of workers get no DC4 sheet: it declares subcontracting only. */
export function needsDc4(kind: SubcontractKind): boolean {
  return kind === 'SOUS_TRAITANCE';
}

export interface SubcontractContext {
  /** The subcontractor's kind: only a lending kind lends workers. */
  subcontractorKind: OrganisationKind;
  /**
   * What the principal holds on the lot in the bid's latest allocation, in cents excl. VAT; null
   * before any allocation (the allocation then warns, by the same rule).
   */
  principalAmountCents: number | null;
}

/** Every problem with a subcontract's terms, by the request's field names (empty when none). */
export function subcontractTermsProblems(
  terms: SubcontractTerms,
  context: SubcontractContext,
): Problem[] {
  const problems: Problem[] = [];
  const { kind, amountExclVatCents: excl, amountInclVatCents: incl, reverseCharge } = terms;
  if (kind === 'MISE_A_DISPOSITION' && !LENDING_KINDS.includes(context.subcontractorKind)) {
    problems.push({
      path: 'kind',
      code: 'NOT_A_LENDER',
      message:
        'seules une association intermédiaire, une ETTI ou un GEIQ mettent des salariés à ' +
        'disposition : déclarez une sous-traitance',
    });
  }
  if (kind === 'MISE_A_DISPOSITION' && reverseCharge) {
    problems.push({
      path: 'reverseCharge',
      code: 'REVERSE_CHARGE_ON_LOAN',
      message: 'l’autoliquidation ne vaut que pour une sous-traitance, pas une mise à disposition',
    });
  }
  if (reverseCharge && incl !== excl) {
    problems.push({
      path: 'amountInclVatCents',
      code: 'REVERSE_CHARGE_VAT',
      message:
        'en autoliquidation le sous-traitant ne facture pas de TVA : le montant TTC est égal au ' +
        `montant HT (${formatEuros(excl)})`,
    });
  } else if (incl < excl) {
    problems.push({
      path: 'amountInclVatCents',
      code: 'BELOW_EXCL_VAT',
      message: `le montant TTC (${formatEuros(incl)}) est inférieur au montant HT (${formatEuros(excl)})`,
    });
  }
  if (
    context.principalAmountCents !== null &&
    subcontractExceedsPrincipal(excl, context.principalAmountCents)
  ) {
    problems.push({
      path: 'amountExclVatCents',
      code: 'SUBCONTRACT_EXCEEDS_PRINCIPAL',
      message:
        `${formatEuros(excl)} HT, au-delà des ${formatEuros(context.principalAmountCents)} HT ` +
        'que le titulaire porte lui-même sur ce lot',
    });
  }
  return problems;
}

/** Refuses terms with a problem, naming every field at fault. */
export function assertSubcontractTerms(terms: SubcontractTerms, context: SubcontractContext): void {
  const problems = subcontractTermsProblems(terms, context);
  if (problems.length === 0) return;
  throw inputRefused('Sous-traitance refusée', problems);
}
