import type { AllocationResult } from '../allocation/allocation-result';
import { formatHours } from '../allocation/french-format';
import { DomainError, type Problem, inputRefused } from '../errors';
import type { Scenario } from '../scenario';
import { type TerritoryNames, overrideLine, territoryLabel } from './override-line';

/** "Move 120 h on Saint-Denis, lot 1, from A to B": what a coordinator means by one change. */
export interface HoursMove {
  /** The member that gives the hours up. */
  from: string;
  /** The member that takes them. */
  to: string;
  lot: number;
  territory: string;
  /** The hours moved, more than zero. */
  hours: number;
}

const refuse = (problems: Problem[]) => inputRefused('Déplacement refusé', problems);

/** Hours to the hundredth, as a version keeps them: 500 - 120.1 is 379.9, not 379.90000000000003. */
const hundredths = (hours: number) => Math.round(hours * 100) / 100;

/**
 * Hours moved from one member to another on one cell, as one change: the giver's line goes down
 * by `hours`, the taker's up by as many, so the cell's covered and uncovered hours, the lot's
 * amount and every other line stay as they were. Both steps are overrideLine's, with its checks
 * (the taker's offer and caps; the giver only loses hours, which no cap holds against); a refusal
 * of either refuses the whole move, naming the members and the territory.
 */
export function moveHours(
  scenario: Scenario,
  base: AllocationResult,
  move: HoursMove,
  names: TerritoryNames = () => undefined,
): AllocationResult {
  const nameOf = (key: string) =>
    scenario.organizations.find((org) => org.key === key)?.legalName ?? key;
  const hoursOn = (result: AllocationResult, org: string) =>
    result.lines.find(
      (line) => line.org === org && line.lot === move.lot && line.territory === move.territory,
    )?.hours ?? 0;
  const place = territoryLabel(scenario, names, move.territory);
  const problems: Problem[] = [];
  if (move.from === move.to) {
    problems.push({
      path: 'to',
      code: 'SAME_MEMBER',
      message: 'les heures doivent passer d’un membre à un autre',
    });
  }
  if (!Number.isFinite(move.hours) || move.hours <= 0) {
    problems.push({
      path: 'hours',
      code: 'HOURS_INVALID',
      message: 'indiquez un nombre d’heures à déplacer supérieur à zéro',
    });
  }
  const held = hoursOn(base, move.from);
  if (problems.length === 0 && hundredths(move.hours) > held) {
    problems.push({
      path: 'hours',
      code: 'MOVE_EXCEEDS_HOLDING',
      message:
        `${nameOf(move.from)} n’a que ${formatHours(held)} sur ${place} au lot ${move.lot} ` +
        `dans cette version`,
    });
  }
  if (problems.length > 0) throw refuse(problems);

  const common = { lot: move.lot, territory: move.territory };
  try {
    const freed = overrideLine(
      scenario,
      base,
      { ...common, org: move.from, hours: hundredths(held - move.hours) },
      names,
    );
    return overrideLine(
      scenario,
      freed,
      { ...common, org: move.to, hours: hundredths(hoursOn(base, move.to) + move.hours) },
      names,
    );
  } catch (error) {
    // The taker's refusal, reworded for a move: its offer is the field « to », not a territory.
    if (!(error instanceof DomainError)) throw error;
    throw refuse(
      error.problems.map((problem) =>
        problem.code === 'NO_OFFER' ? { ...problem, path: 'to' } : problem,
      ),
    );
  }
}
