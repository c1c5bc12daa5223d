import {
  type BidDocumentModel,
  type ReplanAmendment,
  type ReplanAmendmentCell,
  formatEuros,
  formatHours,
} from '@cordage/domain';
import { layoutParties, layoutSignatureBlocks } from './convention-pdf.renderer';
import { AMENDMENT_TEMPLATE, CONVENTION_TEMPLATE, theConvention } from './convention-template.fr';
import { DocumentLayout, type TableRow } from './document.layout';
import { frenchDateTime } from './french-text.format';

const NBSP = '\u00a0';
const quote = (text: string) => `«${NBSP}${text}${NBSP}»`;
const CHOICE_LABELS: Readonly<Record<string, string>> = {
  APPROVE: 'approuve',
  OBJECT: 'objecte',
};

/**
 * The amendment of an approved re-plan (docs/after-award.md, "Re-planning") as a PDF/A-2b file
 * signed later by each member (PAdES, incremental updates, like the membership amendment): the
 * parties, the object (the split of the periods from the re-plan's first one changes, the periods
 * before do not), the new plan per member, lot and territory in euros and hours, each member's
 * amount before and after, the vote that approved it, the convention's clauses unchanged, and one
 * empty signature block per member. `model` is the split in force, whose convention it amends.
 */
export async function renderReplanAmendmentPdf(
  model: BidDocumentModel,
  amendment: ReplanAmendment,
): Promise<Buffer> {
  const law = CONVENTION_TEMPLATE.legalFrame(model.locale);
  const { terms } = amendment;
  const title = AMENDMENT_TEMPLATE.title(model, { amendmentNumber: terms.amendmentNumber });
  const layout = new DocumentLayout({
    title: `${title} — ${model.tender.reference}`,
    subject: model.tender.title,
    keywords: [
      'avenant',
      'replanification',
      model.tender.reference,
      `replanification ${amendment.replanNumber}`,
      AMENDMENT_TEMPLATE.version,
    ],
    // The date of the request, so that one request always gives one file.
    createdAt: amendment.requestedAt,
    runningTitle: `${title} — ${model.tender.reference} — période ${terms.fromPeriod} et suivantes`,
  });
  const names = new Map(model.parties.map((party) => [party.key, party.legalName]));
  const nameOf = (org: string) => names.get(org) ?? org;

  layout.heading(title, 1);
  layout.paragraphs([AMENDMENT_TEMPLATE.subtitle(model)]);
  layout.paragraphs([AMENDMENT_TEMPLATE.templateNote(AMENDMENT_TEMPLATE.version)], {
    italic: true,
    size: 8.5,
  });
  layoutParties(layout, model, law);

  layout.heading('Article 1 — Objet de l’avenant', 1);
  layout.paragraphs([
    `Le présent avenant modifie la répartition entre les membres de l’exécution du marché ${quote(model.tender.title)}, référence ${model.tender.reference}, pour les périodes restantes, à partir de la période ${terms.fromPeriod} (replanification n°${NBSP}${amendment.replanNumber}). Les périodes 1 à ${terms.fromPeriod - 1} ne changent pas : leur prévu et ce que chaque membre y a réalisé restent tels quels.`,
    `Motif présenté par le mandataire : ${quote(amendment.justification)}`,
  ]);

  layout.heading(`Article 2 — Répartition à partir de la période ${terms.fromPeriod}`, 1);
  layout.paragraphs([
    'Pour chaque lot, chaque membre exécute à partir de cette période, sur chaque territoire, les heures et le montant ci-dessous, répartis sur les périodes restantes ; la part qu’aucun membre ne couvre figure à part.',
  ]);
  for (const lot of [...new Set(amendment.cells.map((cell) => cell.lot))]) {
    const documentLot = model.lots.find((candidate) => candidate.number === lot);
    const places = new Map(documentLot?.places.map((place) => [place.code, place.name]));
    const cells = amendment.cells.filter((cell) => cell.lot === lot);
    layout.heading(`Lot ${lot}${documentLot ? ` — ${documentLot.title}` : ''}`, 2, false, 80);
    const row = (cell: ReplanAmendmentCell): TableRow => ({
      ...(cell.org === null && { style: 'muted' as const }),
      cells: [
        cell.org === null ? 'Part non couverte' : nameOf(cell.org),
        places.get(cell.territory) ?? cell.territory,
        formatHours(cell.hundredths / 100),
        formatEuros(cell.amountCents),
        formatHours(cell.insertionHours),
      ],
    });
    const total = (pick: (cell: ReplanAmendmentCell) => number) =>
      cells.reduce((sum, cell) => sum + pick(cell), 0);
    layout.table(
      [
        { header: 'Membre', weight: 2.6 },
        { header: 'Territoire', weight: 2 },
        { header: 'Heures', weight: 1.2, align: 'right' },
        { header: 'Montant HT', weight: 1.6, align: 'right' },
        { header: 'Heures d’insertion', weight: 1.3, align: 'right' },
      ],
      [
        ...cells.map(row),
        {
          style: 'total',
          cells: [
            `Total du lot ${lot}`,
            '',
            formatHours(total((cell) => cell.hundredths) / 100),
            formatEuros(total((cell) => cell.amountCents)),
            formatHours(total((cell) => cell.insertionHours)),
          ],
        },
      ],
    );
  }
  layout.heading(
    `Montant de chaque membre à partir de la période ${terms.fromPeriod}`,
    2,
    false,
    80,
  );
  layout.table(
    [
      { header: 'Membre', weight: 3 },
      { header: 'Plan en vigueur', weight: 1.6, align: 'right' },
      { header: 'Nouvelle répartition', weight: 1.6, align: 'right' },
    ],
    [
      ...terms.shares.map((share) => ({
        cells: [nameOf(share.org), formatEuros(share.beforeCents), formatEuros(share.afterCents)],
      })),
      {
        style: 'total' as const,
        cells: ['Total des membres', formatEuros(terms.beforeCents), formatEuros(terms.afterCents)],
      },
    ],
  );

  layout.heading('Article 3 — Décision des membres', 1);
  layout.paragraphs([
    `La nouvelle répartition a été approuvée par les membres : ${amendment.vote.explanation}`,
    ...amendment.vote.ballots.map(
      (ballot) =>
        `${nameOf(ballot.org)} ${CHOICE_LABELS[ballot.choice] ?? ballot.choice} le ${frenchDateTime(ballot.votedAt, model.timeZone)}${ballot.comment ? ` : ${quote(ballot.comment)}` : '.'}`,
    ),
  ]);

  layout.heading('Article 4 — Autres stipulations', 1);
  layout.paragraphs([
    `Toutes les autres clauses de ${theConvention(model)} demeurent inchangées et continuent de s’appliquer entre les membres : ${CONVENTION_TEMPLATE.clauses.map((clause, i) => `article ${i + 1} (${clause.title})`).join(', ')}.`,
  ]);

  layout.heading('Article 5 — Entrée en vigueur', 1);
  layout.paragraphs([
    `Le présent avenant est signé par chacun des membres. La nouvelle répartition s’applique à la dernière signature, pour les périodes ${terms.fromPeriod} et suivantes ; la composition ${law.ofTheConsortium} et le montant du marché ne changent pas.`,
  ]);

  layout.newPage();
  layout.heading(AMENDMENT_TEMPLATE.signatures.title, 1);
  layout.paragraphs([
    'Fait en un exemplaire électronique. Chaque membre signe le présent avenant par une signature électronique apposée sur ce document ; la date et le lieu de chaque signature figurent dans le cadre du membre et dans la signature elle-même.',
  ]);
  layoutSignatureBlocks(layout, model.parties);
  return layout.finish();
}
