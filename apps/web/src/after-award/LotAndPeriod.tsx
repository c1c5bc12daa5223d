import { NativeSelect } from '@mantine/core';
import { lotLabel, periodLabel } from './model';
import type { Period } from './queries';

/**
 * The lot and the month a follow-up page shows: choosing another lot goes back to that lot's
 * default month (`onLot` then `onPeriod(null)`), as its periods differ.
 */
export function LotAndPeriodSelects({
  lots,
  lot,
  periods,
  period,
  onLot,
  onPeriod,
  periodHeading = 'Mois',
  periodNote = () => '',
}: {
  lots: readonly { lot: number; title: string }[];
  lot: number;
  periods: readonly Period[];
  period: Period | undefined;
  onLot: (lot: number) => void;
  onPeriod: (period: number | null) => void;
  periodHeading?: string;
  /** Words added after a month's name in the list, such as « (en cours ou à venir) ». */
  periodNote?: (period: Period) => string;
}) {
  return (
    <>
      <NativeSelect
        label="Lot"
        value={String(lot)}
        onChange={(event) => {
          onLot(Number(event.currentTarget.value));
          onPeriod(null);
        }}
        data={lots.map((l) => ({ value: String(l.lot), label: lotLabel(l.lot, l.title) }))}
      />
      {period && (
        <NativeSelect
          label={periodHeading}
          value={String(period.number)}
          onChange={(event) => onPeriod(Number(event.currentTarget.value))}
          data={periods.map((p) => ({
            value: String(p.number),
            label: `${periodLabel(p)}${periodNote(p)}`,
          }))}
        />
      )}
    </>
  );
}
