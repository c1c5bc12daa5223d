import {
  DRIFT_MEASURE_LABELS,
  type EvaluationFigures,
  type EvaluationReport,
  formatEuros,
  formatHours,
  formatMeasure,
} from '@cordage/domain';
import { frenchDate, frenchDateTime } from '../convention/french-text.format';
import { DocumentLayout, type TableColumn } from '../convention/document.layout';
import type { ReportHeader } from './contract-report.model';

/**
 * The consortium's annual shared evaluation as a PDF/A: planned against realised per member for
 * the year (money, hours, insertion hours, the gap), the drifts raised and how each ended, the
 * decisions taken (from the audit log), and a line per member for its approval.
 */
export function evaluationTitle(report: EvaluationReport): string {
  return `Évaluation partagée ${report.year}`;
}

const FIGURE_COLUMNS: TableColumn[] = [
  { header: 'Membre', weight: 26 },
  { header: 'Prévu HT', weight: 14, align: 'right' },
  { header: 'Réalisé HT', weight: 14, align: 'right' },
  { header: 'Écart', weight: 14, align: 'right' },
  { header: 'Heures prévues', weight: 11, align: 'right' },
  { header: 'Heures réalisées', weight: 11, align: 'right' },
  { header: 'Insertion prévue', weight: 10, align: 'right' },
  { header: 'Insertion réalisée', weight: 10, align: 'right' },
];

const figureCells = (f: EvaluationFigures) => [
  formatEuros(f.plannedCents),
  formatEuros(f.realisedCents),
  formatEuros(f.gapCents),
  formatHours(f.plannedHundredths / 100),
  formatHours(f.realisedHundredths / 100),
  formatHours(f.plannedInsertionHundredths / 100),
  formatHours(f.realisedInsertionHundredths / 100),
];

export async function renderEvaluationPdf(
  report: EvaluationReport,
  header: ReportHeader,
): Promise<Buffer> {
  const title = evaluationTitle(report);
  const layout = new DocumentLayout({
    title: `${title} — ${header.tender.reference}`,
    subject: header.tender.title,
    keywords: ['évaluation partagée', String(report.year), header.tender.reference],
    createdAt: header.generatedAt,
    runningTitle: `${title} — ${header.tender.reference}`,
  });
  layout.heading(title, 1);
  layout.paragraphs([
    `Marché ${header.tender.reference} — ${header.tender.title}, acheteur ${header.tender.buyer.name}.`,
    `Établie le ${frenchDate(header.generatedAt, header.timeZone)} sur les périodes du marché qui ` +
      `commencent en ${report.year}, tous lots gagnés confondus, d’après les chiffres en vigueur.`,
  ]);

  layout.heading('1. Prévu et réalisé par membre', 2);
  layout.table(FIGURE_COLUMNS, [
    ...report.members.map((member) => ({ cells: [member.legalName, ...figureCells(member)] })),
    { cells: ['Total', ...figureCells(report.total)], style: 'total' as const },
  ]);

  layout.heading('2. Écarts signalés et leur traitement', 2);
  if (report.drifts.length === 0) {
    layout.paragraphs(['Aucun écart signalé sur l’année.']);
  } else {
    layout.table(
      [
        { header: 'Membre', weight: 20 },
        { header: 'Lot', weight: 5, align: 'right' },
        { header: 'Mesure', weight: 13 },
        { header: 'Périodes', weight: 9 },
        { header: 'Prévu cumulé', weight: 13, align: 'right' },
        { header: 'Réalisé cumulé', weight: 13, align: 'right' },
        { header: 'Traitement', weight: 27 },
      ],
      report.drifts.map((drift) => ({
        cells: [
          drift.legalName,
          String(drift.lot),
          DRIFT_MEASURE_LABELS[drift.measure],
          `${drift.startPeriod} à ${drift.alertPeriod}`,
          formatMeasure(drift.measure, drift.planned),
          formatMeasure(drift.measure, drift.realised),
          drift.handling,
        ],
      })),
    );
  }

  layout.heading('3. Décisions prises', 2);
  if (report.decisions.length === 0) {
    layout.paragraphs(['Aucune décision enregistrée sur l’année.']);
  } else {
    layout.table(
      [
        { header: 'Date', weight: 22 },
        { header: 'Décision', weight: 78 },
      ],
      report.decisions.map((decision) => ({
        cells: [frenchDateTime(decision.at, header.timeZone), decision.label],
      })),
    );
  }

  layout.heading('4. Approbation des membres', 2);
  layout.paragraphs([
    'Chaque membre approuve cette évaluation dans Cordage (son signataire ou un éditeur) ; les ' +
      'approbations sont tracées dans le journal d’audit.',
    ...report.members.map((member) => `– ${member.legalName}`),
  ]);
  return layout.finish();
}
