// The baseline: planned against realised as issue 16's first step computed it (commit ea668e9),
// reading the figures in force from the append-only entries at each request (DISTINCT ON over
// realised_entries_latest_idx, a FULL JOIN with planned_periods, window sums), one line per
// member, cell and period. Kept here, verbatim, to be measured beside the new reads in one run.
import type { DataSource } from 'typeorm';

const LOT_ID = `SELECT lot.id FROM lots lot JOIN bids bid ON bid.tender_id = lot.tender_id
  WHERE bid.id = $1 AND lot.number = $3`;

const LATEST = `
  SELECT DISTINCT ON (e.member_id, e.lot_cell_id, e.period_number)
    e.member_id, e.lot_cell_id, e.lot_id, e.period_number, e.hours, e.revenue_cents,
    e.insertion_hours, e.insertion_people,
    count(*) OVER (PARTITION BY e.member_id, e.lot_cell_id, e.period_number) - 1 AS corrections
  FROM realised_entries e
  WHERE e.bid_id = $1 AND ($2::uuid[] IS NULL OR e.member_id = ANY($2))
    AND ($3::int IS NULL OR e.lot_id = (${LOT_ID}))
  ORDER BY e.member_id DESC, e.lot_cell_id DESC, e.period_number DESC, e.recorded_at DESC,
    e.id DESC`;

const PLANNED_AGAINST_REALISED = `WITH latest AS (${LATEST}),
   lines AS (
     SELECT coalesce(p.member_id, r.member_id) AS member_id,
            coalesce(p.lot_cell_id, r.lot_cell_id) AS lot_cell_id,
            coalesce(p.period_number, r.period_number) AS period,
            coalesce(p.hundredths, 0) AS planned_hundredths,
            coalesce(p.amount_cents, 0) AS planned_cents,
            coalesce(p.insertion_hours, 0) AS planned_insertion,
            r.hours, r.revenue_cents, r.insertion_hours, r.insertion_people,
            coalesce(r.corrections, 0) AS corrections
     FROM (SELECT * FROM planned_periods
           WHERE bid_id = $1 AND ($2::uuid[] IS NULL OR member_id = ANY($2))
             AND ($3::int IS NULL OR lot_id = (${LOT_ID}))) p
     FULL JOIN latest r ON r.member_id = p.member_id AND r.lot_cell_id = p.lot_cell_id
       AND r.period_number = p.period_number
   )
   SELECT m.key AS member, lot.number AS lot, t.code AS territory, l.period,
          l.planned_hundredths, l.planned_cents, l.planned_insertion,
          l.hours, l.revenue_cents, l.insertion_hours, l.insertion_people, l.corrections,
          sum(l.planned_cents) OVER w AS cumulative_planned_cents,
          sum(coalesce(l.revenue_cents, 0)) OVER w AS cumulative_realised_cents,
          sum(l.planned_hundredths) OVER w AS cumulative_planned_hundredths,
          sum(coalesce(l.hours, 0)) OVER w AS cumulative_realised_hours
   FROM lines l
   JOIN members m ON m.id = l.member_id
   JOIN lot_cells c ON c.id = l.lot_cell_id
   JOIN lots lot ON lot.id = c.lot_id
   JOIN territories t ON t.id = c.territory_id
   WINDOW w AS (PARTITION BY l.member_id, l.lot_cell_id ORDER BY l.period)
   ORDER BY m.key, lot.number, t.code, l.period`;

/** The former page query's raw rows (no mapping to objects: that only favours the baseline). */
export function baselinePlannedAgainstRealised(
  dataSource: DataSource,
  bidId: string,
  memberIds: readonly string[] | null,
  lot: number | null,
): Promise<{ revenue_cents: string | null; planned_cents: string }[]> {
  return dataSource.query(PLANNED_AGAINST_REALISED, [bidId, memberIds, lot]);
}
