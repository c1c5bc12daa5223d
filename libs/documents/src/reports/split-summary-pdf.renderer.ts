import {
  type ProcurementTimeZone,
  type SplitSummary,
  type SplitVersionStatus,
  formatEuros,
  formatSharePercent,
} from '@cordage/domain';
import { frenchDate } from '../convention/french-text.format';
import { DocumentLayout, type TableColumn, type TableRow } from '../convention/document.layout';

/** What the summary says of the bid it belongs to. */
export interface SplitSummaryHeader {
  tender: { reference: string; title: string; buyer: { name: string } };
  /** ISO instant of the rendering: its date is printed, and the file's metadata date. */
  generatedAt: string;
  timeZone: ProcurementTimeZone;
}

const STATUS_WORDS: Record<SplitVersionStatus, string> = {
  APPROVED: 'approuvée par les membres',
  PROPOSED: 'soumise au vote des membres',
  NOT_PROPOSED: 'non soumise au vote (document de travail)',
};

/** Lots side by side in one table: beyond, the next lots go to a table below. */
const LOTS_PER_TABLE = 4;

const cell = (amountCents: number, sharePermille?: number) =>
  sharePermille === undefined
    ? formatEuros(amountCents)
    : `${formatEuros(amountCents)}\n${formatSharePercent(sharePermille)}`;

export function splitSummaryTitle(summary: SplitSummary): string {
  return `Répartition du groupement — version ${summary.versionNumber}`;
}

/**
 * The split of a version on one page, for the members' boards: each member's amount and share
 * per lot, its total over the lots and its share of the whole, the uncovered part, and totals
 * that are the sums of their lines to the cent. A PDF/A like every document Cordage writes.
 */
export async function renderSplitSummaryPdf(
  summary: SplitSummary,
  header: SplitSummaryHeader,
): Promise<Buffer> {
  const title = splitSummaryTitle(summary);
  const layout = new DocumentLayout({
    title: `${title} — ${header.tender.reference}`,
    subject: header.tender.title,
    keywords: ['répartition', `version ${summary.versionNumber}`, header.tender.reference],
    createdAt: header.generatedAt,
    runningTitle: `${title} — ${header.tender.reference}`,
  });
  layout.heading(title, 1);
  layout.paragraphs([
    `Marché ${header.tender.reference} — ${header.tender.title}, acheteur ${header.tender.buyer.name}.`,
    `Version ${summary.versionNumber} de la répartition, ${STATUS_WORDS[summary.status]}. ` +
      `Établi le ${frenchDate(header.generatedAt, header.timeZone)}. Montants hors taxes ; ` +
      'sous chaque montant, la part du lot (colonne « Total » : la part de l’ensemble des lots).',
    // A lot's title often begins with its number already.
    ...summary.lots.map((lot) =>
      lot.title.startsWith(`Lot ${lot.number}`)
        ? `– ${lot.title}`
        : `– Lot ${lot.number} : ${lot.title}`,
    ),
  ]);

  for (let start = 0; start < summary.lots.length; start += LOTS_PER_TABLE) {
    const lots = summary.lots.slice(start, start + LOTS_PER_TABLE);
    const columns: TableColumn[] = [
      { header: 'Membre', weight: 28 },
      ...lots.map((lot) => ({ header: `Lot ${lot.number}`, weight: 15, align: 'right' as const })),
      { header: 'Total', weight: 16, align: 'right' },
    ];
    const rows: TableRow[] = summary.members.map((member) => ({
      cells: [
        member.name,
        ...lots.map((lot) => {
          const share = member.lots.get(lot.number);
          return share ? cell(share.amountCents, share.sharePermille) : '—';
        }),
        cell(member.total.amountCents, member.total.sharePermille),
      ],
    }));
    if (summary.uncoveredCents > 0) {
      rows.push({
        cells: [
          'Non couvert',
          ...lots.map((lot) => (lot.uncoveredCents > 0 ? cell(lot.uncoveredCents) : '—')),
          cell(summary.uncoveredCents),
        ],
        style: 'muted',
      });
    }
    rows.push({
      cells: ['Total', ...lots.map((lot) => cell(lot.totalCents)), cell(summary.totalCents)],
      style: 'total',
    });
    layout.table(columns, rows);
  }
  layout.paragraphs(
    [
      `Total de la répartition : ${formatEuros(summary.totalCents)} HT, somme des montants des ` +
        'membres et de la part non couverte, au centime.',
    ],
    { size: 9 },
  );
  return layout.finish();
}
