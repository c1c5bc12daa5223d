/**
 * Sums the plan (`planned_periods`) per member, lot and period into `realised_period_totals`, the
 * realised part of a row already there left as it is. `where` picks the planned periods summed
 * again; the callers give its parameters.
 */
export const sumPlanIntoTotalsSql = (where: string): string =>
  `INSERT INTO realised_period_totals AS t (bid_id, member_id, lot_id, period_number,
     planned_hundredths, planned_cents, planned_insertion_hours, realised_hours,
     realised_cents, realised_insertion_hours, insertion_people, declared_cells, corrections)
   SELECT bid_id, member_id, lot_id, period_number, sum(hundredths), sum(amount_cents),
     sum(insertion_hours), 0, 0, 0, 0, 0, 0
   FROM planned_periods
   WHERE ${where}
   GROUP BY bid_id, member_id, lot_id, period_number
   ON CONFLICT (bid_id, member_id, lot_id, period_number) DO UPDATE SET
     planned_hundredths = excluded.planned_hundredths,
     planned_cents = excluded.planned_cents,
     planned_insertion_hours = excluded.planned_insertion_hours`;
