/** Behind its plan: realised below 85 % of the cumulative plan. */
export const DRIFT_THRESHOLD_PERCENT = 15;
/** Periods in a row behind the plan before an alert. */
export const DRIFT_PERIODS = 2;

/** A member's cumulative plan and realised on one lot at the end of a closed period. */
export interface CumulativePoint {
  readonly period: number;
  readonly plannedCents: number;
  readonly realisedCents: number;
}

/** A drift: from the first period behind, alerted at the period that made it two in a row. */
export interface Drift {
  readonly startPeriod: number;
  readonly alertPeriod: number;
}

/** More than 15 % behind a plan above zero, in exact integer arithmetic. */
export function isBehind(point: CumulativePoint): boolean {
  return (
    point.plannedCents > 0 &&
    point.realisedCents * 100 < point.plannedCents * (100 - DRIFT_THRESHOLD_PERCENT)
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
