import { resultLists } from '../allocation/allocation-engine';
import { buildAllocationInput } from '../allocation/allocation-input';
import type { AllocationResult } from '../allocation/allocation-result';
import { allocationWarnings } from '../allocation/allocation-warnings';
import { apportion } from '../allocation/apportionment';
import { checkCompositionRules } from '../allocation/composition-rules';
import { explainAllocation } from '../allocation/explain-allocation';
import { toMicroHours } from '../allocation/micro-hours';
import { DomainError, DomainErrorCode, type Problem } from '../errors';
import type { Scenario } from '../scenario';

export interface LineOverride {
  org: string;
  lot: number;
  territory: string;
  /** The hours the coordinator gives this member on this cell. */
  hours: number;
}

const refuse = (problems: Problem[]) =>
  new DomainError(
    DomainErrorCode.INVALID_INPUT,
    `Modification refusée : ${problems.map((problem) => problem.message).join(' ; ')}.`,
    problems,
  );

const formatHours = (micro: bigint) => `${(Number(micro) / 1e6).toLocaleString('fr-FR')} h`;

/**
 * A coordinator's change of one line of an allocation: every other line keeps its hours, the
 * changed cell's uncovered part absorbs the difference, and money and insertion hours are
 * apportioned again by the same rules as a run, so every lot still adds up to the cent. Each
 * constraint of allocation.md is checked again (offer, demand, hours cap, revenue cap); a change
 * that breaks one is refused with the reason. The optima stay those of the version changed.
 */
export function overrideLine(
  scenario: Scenario,
  base: AllocationResult,
  change: LineOverride,
): AllocationResult {
  const input = buildAllocationInput(scenario);
  const { offers, cells, members, lots } = input;
  const offerIndex = offers.findIndex(
    (offer) =>
      members[offer.member].key === change.org &&
      lots[cells[offer.cell].lot].number === change.lot &&
      cells[offer.cell].territory === change.territory,
  );
  if (offerIndex < 0) {
    throw refuse([
      {
        path: 'territory',
        code: 'NO_OFFER',
        message: `${change.org} n’a pas fait d’offre sur ${change.territory} au lot ${change.lot}`,
      },
    ]);
  }

  const hoursOf = new Map(
    base.lines.map((line) => [`${line.org}|${line.lot}|${line.territory}`, line.hours]),
  );
  const micro = offers.map((offer, i) =>
    i === offerIndex
      ? toMicroHours(change.hours)
      : toMicroHours(
          hoursOf.get(
            `${members[offer.member].key}|${lots[cells[offer.cell].lot].number}|${cells[offer.cell].territory}`,
          ) ?? 0,
        ),
  );

  const problems: Problem[] = [];
  const offer = offers[offerIndex];
  if (micro[offerIndex] > toMicroHours(offer.hours)) {
    problems.push({
      path: 'hours',
      code: 'OFFER_EXCEEDED',
      message: `${change.org} n’a offert que ${formatHours(toMicroHours(offer.hours))} sur ce territoire`,
    });
  }
  const cellMicro = cells.map(() => 0n);
  offers.forEach((o, i) => (cellMicro[o.cell] += micro[i]));
  const cell = cells[offer.cell];
  if (cellMicro[offer.cell] > toMicroHours(cell.demandHours)) {
    problems.push({
      path: 'hours',
      code: 'DEMAND_EXCEEDED',
      message: `le territoire ${cell.territory} ne demande que ${formatHours(toMicroHours(cell.demandHours))} au lot ${change.lot}`,
    });
  }
  const member = members[offer.member];
  const memberMicro = member.offers.reduce((sum, i) => sum + micro[i], 0n);
  if (member.maxHours !== undefined && memberMicro > toMicroHours(member.maxHours)) {
    problems.push({
      path: 'hours',
      code: 'HOURS_CAP_EXCEEDED',
      message: `${change.org} plafonne à ${formatHours(toMicroHours(member.maxHours))} au total`,
    });
  }
  if (problems.length > 0) throw refuse(problems);

  // Columns as the solver gives them: offers first, then each cell's uncovered hours.
  const values = new Float64Array(offers.length + cells.length);
  micro.forEach((value, i) => (values[i] = Number(value) / 1e6));
  cells.forEach(
    (c, j) =>
      (values[offers.length + j] = Number(toMicroHours(c.demandHours) - cellMicro[j]) / 1e6),
  );
  const apportionment = apportion(input, values);

  const revenue = apportionment.shares
    .filter((share) => share.member === offer.member)
    .reduce((sum, share) => sum + share.amountCents, 0);
  if (member.maxRevenueCents !== undefined && revenue > member.maxRevenueCents) {
    throw refuse([
      {
        path: 'hours',
        code: 'REVENUE_CAP_EXCEEDED',
        message:
          `${change.org} dépasserait son plafond de chiffre d’affaires ` +
          `(${(member.maxRevenueCents / 100).toLocaleString('fr-FR')} €)`,
      },
    ]);
  }
  return {
    ...resultLists(input, apportionment),
    optima: base.optima,
    rules: checkCompositionRules(input, apportionment),
    warnings: allocationWarnings(input, apportionment),
    explanations: explainAllocation(input, apportionment, base.optima.fairness),
  };
}
