import { formatEuros, formatHours } from '../allocation/french-format';
import type { DirectoryLimits } from './directory-entry';

/**
 * Commitments across bids: what an organisation declared and was allocated in every open bid of
 * one network, against the limits it declared in that network's directory.
 */
export const COMMITMENT_MEASURES = ['HOURS', 'REVENUE', 'INSERTION_HOURS'] as const;
export type CommitmentMeasure = (typeof COMMITMENT_MEASURES)[number];

/** Declared (offers, caps) or allocated (the bid's allocation in force). */
export const COMMITMENT_BASES = ['DECLARED', 'ALLOCATED'] as const;
export type CommitmentBasis = (typeof COMMITMENT_BASES)[number];

/** Hours, revenue in cents, insertion hours: null when the bid has no such figure. */
export type CommitmentFigures = Record<CommitmentMeasure, number | null>;

export interface BidCommitment {
  bidId: string;
  reference: string;
  title: string;
  declared: CommitmentFigures;
  /** Null while the bid has no allocation. */
  allocated: CommitmentFigures | null;
}

export interface CommitmentOverage {
  measure: CommitmentMeasure;
  basis: CommitmentBasis;
  limit: number;
  total: number;
  /** The bids that make up the total, with their figure. */
  bids: { bidId: string; reference: string; title: string; figure: number }[];
  message: string;
}

export interface CommitmentAssessment {
  totals: Record<CommitmentBasis, Record<CommitmentMeasure, number>>;
  overages: CommitmentOverage[];
}

const LIMIT_OF: Record<CommitmentMeasure, keyof DirectoryLimits> = {
  HOURS: 'maxHours',
  REVENUE: 'maxRevenueCents',
  INSERTION_HOURS: 'maxInsertionHours',
};

const MEASURE_NAMES: Record<CommitmentMeasure, string> = {
  HOURS: 'heures',
  REVENUE: 'chiffre d’affaires',
  INSERTION_HOURS: 'heures d’insertion',
};

const BASIS_NAMES: Record<CommitmentBasis, string> = {
  DECLARED: 'déclaré',
  ALLOCATED: 'attribué',
};

function formatted(measure: CommitmentMeasure, value: number): string {
  return measure === 'REVENUE' ? formatEuros(Math.round(value)) : formatHours(value);
}

/** Sums to two decimals (hours carry two), exact in cents. */
const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;

function figureOf(bid: BidCommitment, basis: CommitmentBasis, measure: CommitmentMeasure) {
  const figures = basis === 'DECLARED' ? bid.declared : bid.allocated;
  return figures?.[measure] ?? 0;
}

const bidName = (bid: { reference: string; title: string }) => `${bid.reference} « ${bid.title} »`;

/** Totals over the bids and every limit they go beyond, declared or allocated. */
export function assessCommitments(
  limits: DirectoryLimits,
  bids: readonly BidCommitment[],
): CommitmentAssessment {
  const totals = {} as CommitmentAssessment['totals'];
  const overages: CommitmentOverage[] = [];
  for (const basis of COMMITMENT_BASES) {
    totals[basis] = {} as Record<CommitmentMeasure, number>;
    for (const measure of COMMITMENT_MEASURES) {
      const total = sum(bids.map((bid) => figureOf(bid, basis, measure)));
      totals[basis][measure] = total;
      const limit = limits[LIMIT_OF[measure]];
      if (limit === null || total <= limit) continue;
      const involved = bids
        .map((bid) => ({
          bidId: bid.bidId,
          reference: bid.reference,
          title: bid.title,
          figure: figureOf(bid, basis, measure),
        }))
        .filter((bid) => bid.figure > 0);
      overages.push({
        measure,
        basis,
        limit,
        total,
        bids: involved,
        message:
          `${MEASURE_NAMES[measure]} (${BASIS_NAMES[basis]}) : ${formatted(measure, total)} ` +
          `dans les candidatures ouvertes du réseau pour un maximum de ${formatted(measure, limit)} ` +
          `(${involved.map((bid) => `${bidName(bid)} : ${formatted(measure, bid.figure)}`).join(' ; ')})`,
      });
    }
  }
  return { totals, overages };
}

/** A warning given with a declaration that goes beyond a limit: it does not stop it. */
export interface CommitmentWarning {
  code: 'COMMITMENT_EXCEEDED';
  measure: CommitmentMeasure;
  limit: number;
  total: number;
  /** The other open bids of the network the organisation has declared in. */
  otherBids: { bidId: string; reference: string; title: string }[];
  message: string;
}

/**
 * The warnings a declaration in `bidId` earns: each declared total over a limit to which this
 * bid contributes, naming the other bids.
 */
export function declarationWarnings(
  limits: DirectoryLimits,
  bids: readonly BidCommitment[],
  bidId: string,
): CommitmentWarning[] {
  return assessCommitments(limits, bids)
    .overages.filter(
      (overage) => overage.basis === 'DECLARED' && overage.bids.some((bid) => bid.bidId === bidId),
    )
    .map((overage) => {
      const otherBids = overage.bids
        .filter((bid) => bid.bidId !== bidId)
        .map(({ bidId: id, reference, title }) => ({ bidId: id, reference, title }));
      return {
        code: 'COMMITMENT_EXCEEDED' as const,
        measure: overage.measure,
        limit: overage.limit,
        total: overage.total,
        otherBids,
        message:
          `Attention : avec cette déclaration, vos ${MEASURE_NAMES[overage.measure]} déclarées ` +
          `atteignent ${formatted(overage.measure, overage.total)} pour un maximum de ` +
          `${formatted(overage.measure, overage.limit)} dans l’annuaire du réseau` +
          (otherBids.length > 0
            ? ` ; autres candidatures : ${otherBids.map(bidName).join(', ')}.`
            : '.'),
      };
    });
}
