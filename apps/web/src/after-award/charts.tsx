import { Box, Group, ScrollArea, Table, Text } from '@mantine/core';
import { formatCents } from '../ui/format';
import { formatSignedEuros, periodLabel, periodShortLabel } from './model';
import type { Period } from './queries';

/** One member's cumulative plan and realised at the end of each period. */
export interface CumulativeSeries {
  periods: readonly Period[];
  /** Per period, in cents: the plan over every period, the realised up to the last declared. */
  planned: readonly number[];
  realised: readonly (number | null)[];
}

const WIDTH = 320;
const HEIGHT = 150;
const PAD = { left: 8, right: 8, top: 10, bottom: 22 };
const PLANNED = '#1c7ed6';
const REALISED = '#c2255c';

/**
 * Cumulative planned against realised, one member: two lines over the periods, the plan dashed.
 * A plain SVG (no chart library): it scales to the phone's width and says what it shows.
 */
export function CumulativeChart({ title, series }: { title: string; series: CumulativeSeries }) {
  const count = series.periods.length;
  const max = Math.max(1, ...series.planned, ...series.realised.map((value) => value ?? 0));
  const x = (index: number) =>
    PAD.left + (count <= 1 ? 0 : (index * (WIDTH - PAD.left - PAD.right)) / (count - 1));
  const y = (cents: number) => PAD.top + (1 - cents / max) * (HEIGHT - PAD.top - PAD.bottom);
  const points = (values: readonly (number | null)[]) =>
    values.flatMap((value, index) => (value === null ? [] : [`${x(index)},${y(value)}`])).join(' ');
  const lastRealised = series.realised.reduce<number>(
    (last, value, index) => (value === null ? last : index),
    -1,
  );
  const lastPeriod = series.periods[lastRealised];
  const summary =
    lastRealised < 0 || !lastPeriod
      ? `${title} : rien de déclaré ; prévu sur tout le marché ${formatCents(series.planned[count - 1] ?? 0)}.`
      : `${title} : fin ${periodLabel(lastPeriod)}, réalisé cumulé ${formatCents(
          series.realised[lastRealised] ?? 0,
        )} pour ${formatCents(series.planned[lastRealised] ?? 0)} prévus ; prévu sur tout le marché ${formatCents(
          series.planned[count - 1] ?? 0,
        )}.`;
  const first = series.periods[0];
  const last = series.periods[count - 1];
  return (
    <Box component="figure" m={0}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={summary}
        style={{ maxWidth: 480, display: 'block' }}
      >
        <title>{summary}</title>
        <line
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={HEIGHT - PAD.bottom}
          y2={HEIGHT - PAD.bottom}
          stroke="#868e96"
        />
        <polyline
          points={points(series.planned)}
          fill="none"
          stroke={PLANNED}
          strokeWidth={2}
          strokeDasharray="6 4"
        />
        <polyline
          points={points(series.realised)}
          fill="none"
          stroke={REALISED}
          strokeWidth={2.5}
        />
        {series.realised.map((value, index) =>
          value === null ? null : (
            <circle key={index} cx={x(index)} cy={y(value)} r={2.5} fill={REALISED} />
          ),
        )}
        {first && (
          <text x={PAD.left} y={HEIGHT - 6} fontSize={11} fill="#495057">
            {periodShortLabel(first)}
          </text>
        )}
        {last && count > 1 && (
          <text x={WIDTH - PAD.right} y={HEIGHT - 6} fontSize={11} fill="#495057" textAnchor="end">
            {periodShortLabel(last)}
          </text>
        )}
      </svg>
      <Text component="figcaption" size="sm" fw={500}>
        {title}
      </Text>
    </Box>
  );
}

/** The two lines' legend, in words as well as colours. */
export function ChartLegend() {
  return (
    <Group gap="md" aria-hidden>
      <Group gap={4}>
        <svg width={24} height={8}>
          <line
            x1={0}
            x2={24}
            y1={4}
            y2={4}
            stroke={PLANNED}
            strokeWidth={2}
            strokeDasharray="6 4"
          />
        </svg>
        <Text size="sm">Prévu cumulé (tirets)</Text>
      </Group>
      <Group gap={4}>
        <svg width={24} height={8}>
          <line x1={0} x2={24} y1={4} y2={4} stroke={REALISED} strokeWidth={2.5} />
        </svg>
        <Text size="sm">Réalisé cumulé (trait plein)</Text>
      </Group>
    </Group>
  );
}

/** A gap against its plan: far behind, behind, on or above plan, nothing planned nor done. */
function shade(gapCents: number, plannedCents: number): { bg: string; word: string } {
  if (plannedCents === 0 && gapCents === 0) return { bg: '#f1f3f5', word: 'rien de prévu' };
  if (plannedCents > 0 && gapCents * 100 < -15 * plannedCents)
    return { bg: '#ffc9c9', word: 'plus de 15 % en retard' };
  if (gapCents < 0) return { bg: '#ffe8cc', word: 'en retard' };
  return { bg: '#d3f9d8', word: 'au prévu ou au-delà' };
}

export interface HeatCell {
  plannedCents: number;
  gapCents: number;
}

/**
 * The gaps by territory and month, as a table whose cells are coloured and also say their gap
 * in words: the colour is never the only cue, and a screen reader reads the table.
 */
export function GapHeatMap({
  caption,
  territories,
  periods,
  cell,
}: {
  caption: string;
  territories: readonly { code: string; name: string }[];
  periods: readonly Period[];
  cell: (territory: string, period: number) => HeatCell | null;
}) {
  return (
    <ScrollArea
      type="auto"
      offsetScrollbars
      viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': caption }}
    >
      <Table withTableBorder withColumnBorders fz="xs" style={{ width: 'auto' }}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Territoire</Table.Th>
            {periods.map((period) => (
              <Table.Th key={period.number} scope="col" ta="center">
                <abbr title={periodLabel(period)} style={{ textDecoration: 'none' }}>
                  {periodShortLabel(period)}
                </abbr>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {territories.map((territory) => (
            <Table.Tr key={territory.code}>
              <Table.Th scope="row" style={{ whiteSpace: 'nowrap' }}>
                {territory.name}
              </Table.Th>
              {periods.map((period) => {
                const value = cell(territory.code, period.number);
                if (!value)
                  return (
                    <Table.Td key={period.number} ta="center" c="dimmed">
                      <span aria-label="pas encore échu">·</span>
                    </Table.Td>
                  );
                const { bg, word } = shade(value.gapCents, value.plannedCents);
                return (
                  <Table.Td
                    key={period.number}
                    ta="right"
                    bg={bg}
                    c="#212529"
                    title={`${territory.name}, ${periodLabel(period)} : écart ${formatSignedEuros(value.gapCents)} (${word})`}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {formatSignedEuros(value.gapCents)}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

/** The heat map's colours in words. */
export function HeatLegend() {
  const items = [
    { bg: '#ffc9c9', label: 'plus de 15 % en deçà du prévu' },
    { bg: '#ffe8cc', label: 'en deçà du prévu' },
    { bg: '#d3f9d8', label: 'au prévu ou au-delà' },
    { bg: '#f1f3f5', label: 'rien de prévu' },
  ];
  return (
    <Group gap="sm">
      {items.map((item) => (
        <Group key={item.label} gap={4}>
          <Box w={14} h={14} bg={item.bg} style={{ border: '1px solid #adb5bd' }} aria-hidden />
          <Text size="xs">{item.label}</Text>
        </Group>
      ))}
    </Group>
  );
}
