import { DomainError, DomainErrorCode, type Problem } from '../errors';
import { DRIFT_MEASURES, type DriftMeasure, isBehind, measureValues } from './drift';
import type { ContractPeriod } from './contract-periods';

/**
 * The reports of a contract after the award: the insertion report of a lot and period (what the
 * social clause's facilitator collects), the consortium's annual shared evaluation, the OCDS
 * award, contract and implementation releases. Stored values: never renamed once shipped.
 */
export const CONTRACT_REPORTS = ['OCDS', 'INSERTION', 'EVALUATION'] as const;
export type ContractReportKind = (typeof CONTRACT_REPORTS)[number];

export interface ContractReportRequest {
  report: ContractReportKind;
  lot: number | null;
  period: number | null;
  year: number | null;
}

/** A lot as the award left it: won with its periods (null until its contract is set), or lost. */
export interface ReportLotFacts {
  lot: number;
  outcome: 'WON' | 'LOST';
  periods: readonly ContractPeriod[] | null;
}

export interface ReportRequestFacts {
  /** The bid is AWARDED and its award per lot is recorded. */
  awarded: boolean;
  lots: readonly ReportLotFacts[];
  /** The calendar years (of the periods' first day) where some figure was declared. */
  yearsWithFigures: ReadonlySet<number>;
}

/** The calendar year of a period: the year its first day falls in. */
export const periodYear = (period: ContractPeriod): number => Number(period.startOn.slice(0, 4));

/**
 * Checks a report request against the award; refused with a French message naming the field: a
 * bid not awarded, an unknown or lost lot, a lot whose contract is not set, a period outside the
 * contract, a year without figures, a parameter the report does not take.
 */
export function checkReportRequest(
  request: ContractReportRequest,
  facts: ReportRequestFacts,
): ContractReportRequest {
  if (!facts.awarded) {
    throw new DomainError(
      DomainErrorCode.WORKFLOW_RULE_VIOLATED,
      'Les rapports d’exécution se produisent une fois la candidature attribuée et l’attribution des lots enregistrée.',
      [{ path: 'status', code: 'NOT_AWARDED', message: 'candidature non attribuée' }],
    );
  }
  const problems: Problem[] = [];
  const refuse = (path: string, code: string, message: string) =>
    problems.push({ path, code, message });
  const takes = {
    INSERTION: { lot: true, period: true, year: false },
    EVALUATION: { lot: false, period: false, year: true },
    OCDS: { lot: false, period: false, year: false },
  }[request.report];
  for (const field of ['lot', 'period', 'year'] as const) {
    if (request[field] !== null && !takes[field]) {
      refuse(field, 'NOT_APPLICABLE', `le rapport ${request.report} ne prend pas de ${field}`);
    } else if (request[field] === null && takes[field]) {
      refuse(field, 'REQUIRED', `le rapport ${request.report} demande ce champ`);
    }
  }
  if (request.lot !== null && takes.lot) {
    const lot = facts.lots.find((candidate) => candidate.lot === request.lot);
    if (!lot) refuse('lot', 'UNKNOWN_LOT', `le lot ${request.lot} n’existe pas`);
    else if (lot.outcome === 'LOST') refuse('lot', 'LOT_LOST', `le lot ${request.lot} est perdu`);
    else if (lot.periods === null) {
      refuse('lot', 'CONTRACT_NOT_SET', `le marché du lot ${request.lot} n’est pas fixé`);
    } else if (
      request.period !== null &&
      !lot.periods.some((period) => period.number === request.period)
    ) {
      refuse(
        'period',
        'PERIOD_OUTSIDE_CONTRACT',
        `la période ${request.period} est hors du marché du lot ${request.lot} (1 à ${lot.periods.length})`,
      );
    }
  }
  if (request.year !== null && takes.year && !facts.yearsWithFigures.has(request.year)) {
    refuse('year', 'NO_FIGURES', `aucun réalisé déclaré pour l’année ${request.year}`);
  }
  if (problems.length > 0) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `Rapport refusé : ${problems.map((problem) => `${problem.path} : ${problem.message}`).join(' ; ')}.`,
      problems,
    );
  }
  return request;
}

/** One member's figures in force on one cell and period, against its plan. */
export interface ReportFigureLine {
  member: string;
  lot: number;
  territory: string;
  period: number;
  plannedHundredths: number;
  plannedCents: number;
  plannedInsertionHours: number;
  /** Null: nothing declared. Hours and insertion hours carry two decimals at most. */
  realisedHours: number | null;
  realisedCents: number | null;
  realisedInsertionHours: number | null;
  insertionPeople: number | null;
}

/** Figures summed exactly: hours in hundredths, money in cents. */
export interface InsertionFigures {
  plannedInsertionHundredths: number;
  realisedInsertionHundredths: number;
  insertionPeople: number;
  hoursHundredths: number;
  revenueCents: number;
}

export interface InsertionReportLine extends InsertionFigures {
  territory: string;
  territoryName: string;
  declared: boolean;
}

export interface InsertionReport {
  lot: number;
  lotTitle: string;
  period: ContractPeriod;
  members: {
    member: string;
    legalName: string;
    lines: InsertionReportLine[];
    total: InsertionFigures;
  }[];
  total: InsertionFigures;
}

const hundredths = (value: number | null): number => Math.round((value ?? 0) * 100);

const ZERO: InsertionFigures = {
  plannedInsertionHundredths: 0,
  realisedInsertionHundredths: 0,
  insertionPeople: 0,
  hoursHundredths: 0,
  revenueCents: 0,
};

/** The sum of figures, field by field, in whole units (exact). */
export function sumInsertionFigures(lines: readonly InsertionFigures[]): InsertionFigures {
  return lines.reduce<InsertionFigures>(
    (total, line) => ({
      plannedInsertionHundredths:
        total.plannedInsertionHundredths + line.plannedInsertionHundredths,
      realisedInsertionHundredths:
        total.realisedInsertionHundredths + line.realisedInsertionHundredths,
      insertionPeople: total.insertionPeople + line.insertionPeople,
      hoursHundredths: total.hoursHundredths + line.hoursHundredths,
      revenueCents: total.revenueCents + line.revenueCents,
    }),
    ZERO,
  );
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The insertion report of one lot and period, as the social clause's facilitator collects it:
 * per member and territory, insertion hours planned and realised, people in insertion, hours
 * worked and revenue. Each member's total and the report's total are sums of the lines.
 */
export function buildInsertionReport(input: {
  lot: number;
  lotTitle: string;
  period: ContractPeriod;
  lines: readonly ReportFigureLine[];
  memberName: (key: string) => string;
  territoryName: (code: string) => string;
}): InsertionReport {
  const byMember = new Map<string, InsertionReportLine[]>();
  for (const line of input.lines) {
    if (line.lot !== input.lot || line.period !== input.period.number) continue;
    const lines = byMember.get(line.member) ?? [];
    lines.push({
      territory: line.territory,
      territoryName: input.territoryName(line.territory),
      declared: line.realisedCents !== null,
      plannedInsertionHundredths: line.plannedInsertionHours * 100,
      realisedInsertionHundredths: hundredths(line.realisedInsertionHours),
      insertionPeople: line.insertionPeople ?? 0,
      hoursHundredths: hundredths(line.realisedHours),
      revenueCents: line.realisedCents ?? 0,
    });
    byMember.set(line.member, lines);
  }
  const members = [...byMember]
    .map(([member, lines]) => ({
      member,
      legalName: input.memberName(member),
      lines: lines.sort((a, b) => byKey(a.territory, b.territory)),
      total: sumInsertionFigures(lines),
    }))
    .sort((a, b) => a.legalName.localeCompare(b.legalName, 'fr') || byKey(a.member, b.member));
  return {
    lot: input.lot,
    lotTitle: input.lotTitle,
    period: input.period,
    members,
    total: sumInsertionFigures(members.map((member) => member.total)),
  };
}

/** Planned against realised over a year, exact. */
export interface EvaluationFigures {
  plannedCents: number;
  realisedCents: number;
  gapCents: number;
  plannedHundredths: number;
  realisedHundredths: number;
  plannedInsertionHundredths: number;
  realisedInsertionHundredths: number;
}

/** One member's plan and figures on one lot and period (the totals the page reads). */
export interface ReportPeriodTotal {
  member: string;
  lot: number;
  period: number;
  plannedHundredths: number;
  plannedCents: number;
  plannedInsertionHours: number;
  realisedHours: number;
  realisedCents: number;
  realisedInsertionHours: number;
  insertionPeople: number;
  /** Cells with a figure in force (0: nothing declared for that lot and period). */
  declaredCells: number;
}

export interface ReportDrift {
  member: string;
  lot: number;
  /** What drifted: revenue, hours or insertion hours. */
  measure: DriftMeasure;
  startPeriod: number;
  alertPeriod: number;
  /** Cumulative plan and realised at the alert, in the measure's unit (cents, hundredths). */
  planned: number;
  realised: number;
  raisedAt: string;
}

export interface ReportDecision {
  at: string;
  action: string;
  /** What the audit entry says, in French. */
  label: string;
}

export interface EvaluationReport {
  year: number;
  members: ({ member: string; legalName: string } & EvaluationFigures)[];
  total: EvaluationFigures;
  drifts: (ReportDrift & {
    legalName: string;
    /** The period the member was back within its plan's margin, or null: still behind. */
    caughtUpPeriod: number | null;
    handling: string;
  })[];
  decisions: ReportDecision[];
}

function evaluationFigures(lines: readonly ReportPeriodTotal[]): EvaluationFigures {
  const sum = (pick: (line: ReportPeriodTotal) => number) =>
    lines.reduce((total, line) => total + pick(line), 0);
  const plannedCents = sum((line) => line.plannedCents);
  const realisedCents = sum((line) => line.realisedCents);
  return {
    plannedCents,
    realisedCents,
    gapCents: realisedCents - plannedCents,
    plannedHundredths: sum((line) => line.plannedHundredths),
    realisedHundredths: sum((line) => hundredths(line.realisedHours)),
    plannedInsertionHundredths: sum((line) => line.plannedInsertionHours * 100),
    realisedInsertionHundredths: sum((line) => hundredths(line.realisedInsertionHours)),
  };
}

/** The French labels of the audit entries that are the consortium's decisions. */
export const DECISION_LABELS: Readonly<Record<string, string>> = {
  'contract.lots_awarded': 'Attribution des lots enregistrée',
  'contract.periods_set': 'Marché d’un lot fixé (début, durée, périodes)',
  'allocation.voted': 'Vote sur une version de la répartition',
  'allocation.computed': 'Répartition calculée',
  'allocation.overridden': 'Répartition ajustée à la main',
  'change_request.opened': 'Demande de modification ouverte',
  'change_request.transition': 'Demande de modification : étape franchie',
  'document.signed': 'Document signé',
  'bid.transition': 'Étape de la candidature franchie',
  'contract.report_approved': 'Évaluation approuvée par un membre',
};

/**
 * The consortium's shared evaluation of one year: per member, planned against realised over the
 * periods that start in that year (every lot), the drifts raised in the year and how each ended
 * (back within the margin at some later period, or still behind), the decisions taken.
 */
export function buildEvaluationReport(input: {
  year: number;
  /** Every lot's periods, for the year each period falls in. */
  periods: ReadonlyMap<number, readonly ContractPeriod[]>;
  totals: readonly ReportPeriodTotal[];
  drifts: readonly ReportDrift[];
  decisions: readonly ReportDecision[];
  memberName: (key: string) => string;
}): EvaluationReport {
  const inYear = (lot: number, number: number) => {
    const period = input.periods.get(lot)?.find((candidate) => candidate.number === number);
    return period !== undefined && periodYear(period) === input.year;
  };
  const yearTotals = input.totals.filter((total) => inYear(total.lot, total.period));
  const byMember = new Map<string, ReportPeriodTotal[]>();
  for (const total of yearTotals) {
    byMember.set(total.member, [...(byMember.get(total.member) ?? []), total]);
  }
  const members = [...byMember]
    .map(([member, lines]) => ({
      member,
      legalName: input.memberName(member),
      ...evaluationFigures(lines),
    }))
    .sort((a, b) => a.legalName.localeCompare(b.legalName, 'fr') || byKey(a.member, b.member));

  const drifts = input.drifts
    .filter((drift) => inYear(drift.lot, drift.alertPeriod))
    .map((drift) => {
      // The member's cumulative series on the lot, from the first period.
      const series = input.totals
        .filter((total) => total.member === drift.member && total.lot === drift.lot)
        .sort((a, b) => a.period - b.period);
      let planned = 0;
      let realised = 0;
      let caughtUpPeriod: number | null = null;
      for (const total of series) {
        // The drift's own measure: revenue in cents, hours and insertion hours in hundredths.
        const values = measureValues(total)[drift.measure];
        planned += values.planned;
        realised += values.realised;
        if (
          total.period > drift.alertPeriod &&
          total.declaredCells > 0 &&
          !isBehind({ period: total.period, planned, realised })
        ) {
          caughtUpPeriod = total.period;
          break;
        }
      }
      return {
        ...drift,
        legalName: input.memberName(drift.member),
        caughtUpPeriod,
        handling:
          caughtUpPeriod === null
            ? 'écart en cours : le membre reste en retard sur son prévu cumulé'
            : `écart résorbé : revenu dans la marge à la période ${caughtUpPeriod}`,
      };
    })
    .sort(
      (a, b) =>
        a.lot - b.lot ||
        a.alertPeriod - b.alertPeriod ||
        byKey(a.member, b.member) ||
        DRIFT_MEASURES.indexOf(a.measure) - DRIFT_MEASURES.indexOf(b.measure),
    );

  const decisions = input.decisions
    .filter((decision) => Number(decision.at.slice(0, 4)) === input.year)
    .sort((a, b) => byKey(a.at, b.at));
  return {
    year: input.year,
    members,
    total: evaluationFigures(yearTotals),
    drifts,
    decisions,
  };
}
