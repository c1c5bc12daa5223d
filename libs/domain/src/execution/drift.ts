import { formatEuros, formatHours } from '../allocation/french-format';

/** Behind its plan: realised below 85 % of the cumulative plan. */
export const DRIFT_THRESHOLD_PERCENT = 15;
/** Periods in a row behind the plan before an alert. */
export const DRIFT_PERIODS = 2;

/**
 * What the drift rule watches, each on its own: the revenue invoiced (cents), the hours worked
 * and the insertion hours (both in hundredths of an hour, so that every comparison is exact).
 */
export const DRIFT_MEASURES = ['REVENUE', 'HOURS', 'INSERTION_HOURS'] as const;
export type DriftMeasure = (typeof DRIFT_MEASURES)[number];

/** A measure in the user's words, for mails and pages. */
export const DRIFT_MEASURE_LABELS: Readonly<Record<DriftMeasure, string>> = {
  REVENUE: 'chiffre d’affaires',
  HOURS: 'heures travaillées',
  INSERTION_HOURS: 'heures d’insertion',
};

/** A value of a measure in words: « 1 234,56 € » or « 12,5 h ». */
export function formatMeasure(measure: DriftMeasure, value: number): string {
  return measure === 'REVENUE' ? formatEuros(value) : formatHours(value / 100);
}

/**
 * A member's cumulative plan and realised on one lot at the end of a closed period, in the
 * measure's integer unit (cents, or hundredths of an hour).
 */
export interface CumulativePoint {
  readonly period: number;
  readonly planned: number;
  readonly realised: number;
}

/** A drift: from the first period behind, alerted at the period that made it two in a row. */
export interface Drift {
  readonly startPeriod: number;
  readonly alertPeriod: number;
}

/** More than 15 % behind a plan above zero, in exact integer arithmetic. */
export function isBehind(point: CumulativePoint): boolean {
  return (
    point.planned > 0 && point.realised * 100 < point.planned * (100 - DRIFT_THRESHOLD_PERCENT)
  );
}

/**
 * The drifts of a series of closed periods, in period order: a run of periods behind the
 * cumulative plan that reaches two periods is one drift, named by its first period; it ends
 * when the member catches up, and a later run is another drift. Stable under replays: the same
 * series gives the same drifts, so the caller alerts once per drift by its start period.
 */
export function detectDrifts(series: readonly CumulativePoint[]): Drift[] {
  const drifts: Drift[] = [];
  let runStart: number | null = null;
  let runLength = 0;
  for (const point of [...series].sort((a, b) => a.period - b.period)) {
    if (!isBehind(point)) {
      runStart = null;
      runLength = 0;
      continue;
    }
    runStart ??= point.period;
    runLength += 1;
    if (runLength === DRIFT_PERIODS)
      drifts.push({ startPeriod: runStart, alertPeriod: point.period });
  }
  return drifts;
}

/**
 * A member's figures on one lot for one period, as stored: hours with two decimals at most
 * (realised) or in hundredths (planned), insertion hours planned in whole hours.
 */
export interface PeriodFigures {
  readonly period: number;
  readonly plannedCents: number;
  readonly realisedCents: number;
  readonly plannedHundredths: number;
  readonly realisedHours: number;
  readonly plannedInsertionHours: number;
  readonly realisedInsertionHours: number;
}

/** A period's planned and realised in each measure's integer unit. */
export function measureValues(
  figures: PeriodFigures,
): Record<DriftMeasure, { planned: number; realised: number }> {
  return {
    REVENUE: { planned: figures.plannedCents, realised: figures.realisedCents },
    HOURS: {
      planned: figures.plannedHundredths,
      realised: Math.round(figures.realisedHours * 100),
    },
    INSERTION_HOURS: {
      planned: figures.plannedInsertionHours * 100,
      realised: Math.round(figures.realisedInsertionHours * 100),
    },
  };
}

/** A drift on one measure, with the cumulative point at its alert. */
export interface MeasureDrift extends Drift {
  readonly measure: DriftMeasure;
  readonly point: CumulativePoint;
}

/**
 * The drift rule on every measure of a member's closed periods on one lot (a period without a
 * line counts as nothing planned and nothing realised): the drifts of each measure, on its own
 * cumulative series, in the order of `DRIFT_MEASURES` then of their start.
 */
export function detectMeasureDrifts(
  periods: readonly number[],
  figures: readonly PeriodFigures[],
): MeasureDrift[] {
  const byPeriod = new Map(figures.map((line) => [line.period, measureValues(line)]));
  const found: MeasureDrift[] = [];
  for (const measure of DRIFT_MEASURES) {
    const series: CumulativePoint[] = [];
    let planned = 0;
    let realised = 0;
    for (const period of [...periods].sort((a, b) => a - b)) {
      const values = byPeriod.get(period)?.[measure];
      planned += values?.planned ?? 0;
      realised += values?.realised ?? 0;
      series.push({ period, planned, realised });
    }
    for (const drift of detectDrifts(series)) {
      const point = series.find((p) => p.period === drift.alertPeriod);
      if (point) found.push({ measure, ...drift, point });
    }
  }
  return found;
}
