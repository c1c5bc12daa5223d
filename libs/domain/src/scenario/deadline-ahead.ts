import { DateTime } from 'luxon';
import { procurementTimeZone } from '../time';

export interface WithTenderDeadline {
  tender: { deadline: string; buyer: { idScheme: string } };
}

/**
 * The example bid kept open whatever the day: its tender's deadline moved by whole years, at the
 * same wall-clock time in the buyer's zone, until it is at least `days` ahead of `now`. For the
 * demo and the tests, whose example would otherwise expire; a real bid's deadline never moves.
 */
export function withDeadlineAhead<Scenario extends WithTenderDeadline>(
  scenario: Scenario,
  now: Date,
  days = 90,
): Scenario {
  const { tender } = scenario;
  const zone = procurementTimeZone(tender.buyer.idScheme);
  const deadline = DateTime.fromISO(tender.deadline, { setZone: true }).setZone(zone);
  if (!deadline.isValid) throw new RangeError(`${tender.deadline} is no date`);
  const earliest = DateTime.fromJSDate(now).plus({ days });
  let years = 0;
  while (deadline.plus({ years }) < earliest) years += 1;
  if (years === 0) return scenario;
  const moved = deadline.plus({ years }).toISO({ suppressMilliseconds: true, includeOffset: true });
  return { ...scenario, tender: { ...tender, deadline: moved } };
}
