import {
  type BidDocumentModel,
  type DocumentLot,
  type DocumentParty,
  SUBCONTRACT_KIND_LABELS,
  formatEuros,
  formatHours,
  formatSharePercent,
  signatureBoxName,
  at,
} from '@cordage/domain';
import { CONVENTION_TEMPLATE, type LegalFrame } from './convention-template.fr';
import { DocumentLayout, type TableColumn, type TableRow } from './document.layout';
import { yesNo } from './french-text.format';

const SIGNATURE_AREA_HEIGHT = 72;

/**
 * The convention de groupement as a PDF/A-2b file, ready to be signed by each member (PAdES,
 * incremental updates): a cover, the contents, the parties, the clauses of the versioned French
 * template, annex A (the split per lot and member), annex B (subcontracts) and one signature
 * block per member, its area named for the signer's update (no form field: the file claims no
 * signature until one is added).
 */
export async function renderConventionPdf(model: BidDocumentModel): Promise<Buffer> {
  const template = CONVENTION_TEMPLATE;
  const law = template.legalFrame(model.locale);
  const title = template.title(model);
  const layout = new DocumentLayout({
    title: `${title} — ${model.tender.reference}`,
    subject: model.tender.title,
    keywords: [
      'convention de groupement',
      model.tender.reference,
      `répartition v${model.allocation.versionNumber}`,
      template.version,
    ],
    createdAt: model.allocation.computedAt,
    runningTitle: `${title} — ${model.tender.reference} — répartition v${model.allocation.versionNumber}`,
  });

  layout.cover(
    title,
    template.subtitle(model),
    template.coverLines(model),
    template.templateNote(template.version),
  );
  // Parties, the clauses, annex A, each lot and the members’ totals, annex B, signatures.
  layout.reserveContents(template.tocTitle, template.clauses.length + model.lots.length + 5);

  layout.newPage();
  layoutParties(layout, model, law);
  template.clauses.forEach((clause, i) => {
    layout.heading(`Article ${i + 1} — ${clause.title}`, 1, true);
    layout.paragraphs(clause.body(model, law));
  });

  layout.newPage();
  layout.heading(template.annexA.title, 1, true);
  layoutSplit(layout, model);
  layoutMemberTotals(layout, model);

  // Kept with its intro and the first rows of its table.
  layout.heading(template.annexB.title, 1, true, 180);
  layout.paragraphs([template.annexB.intro(law)]);
  if (model.subcontracts.length === 0) {
    layout.paragraphs([template.annexB.none]);
  } else {
    layout.table(
      template.annexB.columns.map((header, i) => ({
        header,
        weight: at([0.5, 2.1, 2.3, 1.3, 1.9, 1.5, 1.3], i),
        align: i === 5 ? 'right' : 'left',
      })),
      model.subcontracts.map((s) => ({
        cells: [
          String(s.lot),
          `${s.principal.legalName}\n${s.principal.identifier}`,
          `${s.subcontractor.legalName}\n${s.subcontractor.identifier}\n${s.subcontractor.kindLabel}`,
          SUBCONTRACT_KIND_LABELS[s.kind],
          s.nature,
          formatEuros(s.maxAmountCents),
          yesNo(s.directPayment),
        ],
      })),
    );
  }

  layout.newPage();
  layout.heading(template.signatures.title, 1, true);
  layout.paragraphs([template.signatures.intro]);
  layoutSignatureBlocks(layout, model.parties);
  return layout.finish();
}

/*
 * The sections below are shared with the amendment and the buyer letter, which must list the
 * parties, print the split and leave room for signatures exactly as the convention does.
 */

/** The parties, mandataire first, in the order of the model. */
export function layoutParties(
  layout: DocumentLayout,
  model: BidDocumentModel,
  law: LegalFrame,
): void {
  const template = CONVENTION_TEMPLATE;
  layout.heading(template.partiesTitle, 1, true);
  layout.paragraphs([
    template.partiesIntro,
    ...model.parties.map((party) => `– ${template.party(party)}`),
    template.partiesClosing(model, law),
  ]);
}

/** Annex A's content: how the split was computed, then one table per lot. */
export function layoutSplit(layout: DocumentLayout, model: BidDocumentModel): void {
  const { annexA } = CONVENTION_TEMPLATE;
  layout.paragraphs(annexA.note(model), { italic: true, size: 8.5 });
  for (const lot of model.lots) {
    layout.heading(annexA.lotTitle(lot), 2, true, 80);
    const natures = new Set(lot.shares.map((share) => share.nature));
    const common = natures.size === 1 ? [...natures][0] : null;
    layout.paragraphs([annexA.lotSummary(lot), ...(common ? [annexA.commonNature(common)] : [])]);
    layout.table(annexAColumns(common === null), annexARows(lot, common === null));
  }
}

/** Each member's total over its lots, and its share of the whole consortium's amount. */
export function layoutMemberTotals(layout: DocumentLayout, model: BidDocumentModel): void {
  const { annexA } = CONVENTION_TEMPLATE;
  layout.heading(annexA.memberTotalsTitle, 2, true, 80);
  const share = (cents: number) =>
    formatSharePercent(
      model.totals.amountCents === 0 ? 0 : (cents * 1000) / model.totals.amountCents,
    );
  const rows: TableRow[] = model.parties.map((party) => ({
    cells: [
      party.legalName,
      model.lots
        .filter((lot) => lot.shares.some((line) => line.org === party.key))
        .map((lot) => String(lot.number))
        .join(', '),
      formatHours(party.hours),
      formatEuros(party.amountCents),
      share(party.amountCents),
      formatHours(party.insertionHours),
    ],
  }));
  if (model.totals.uncoveredCents > 0) {
    rows.push({
      style: 'muted',
      cells: [
        annexA.uncovered,
        '',
        formatHours(
          Math.round((model.totals.demandHours - model.totals.allocatedHours) * 100) / 100,
        ),
        formatEuros(model.totals.uncoveredCents),
        share(model.totals.uncoveredCents),
        '',
      ],
    });
  }
  rows.push({
    style: 'total',
    cells: [
      annexA.allLotsTotal,
      '',
      formatHours(model.totals.demandHours),
      formatEuros(model.totals.amountCents),
      formatSharePercent(1000),
      formatHours(model.totals.insertionHours),
    ],
  });
  const { columns } = annexA;
  layout.table(
    [
      { header: columns.member, weight: 2.6 },
      { header: columns.lots, weight: 1.2 },
      { header: columns.hours, weight: 1.3, align: 'right' },
      { header: columns.amount, weight: 1.7, align: 'right' },
      { header: columns.share, weight: 1.1, align: 'right' },
      { header: columns.insertion, weight: 1.2, align: 'right' },
    ],
    rows,
  );
}

/**
 * One framed block per party, its signature area empty: each party's PAdES incremental update
 * shows its own signature there (name, capacity, date). The unsigned file claims no signature.
 */
export function layoutSignatureBlocks(
  layout: DocumentLayout,
  parties: readonly DocumentParty[],
): void {
  const { signatures } = CONVENTION_TEMPLATE;
  for (const party of parties) {
    layout.signatureBlock(
      party.legalName,
      [party.identifier, `Représentée par ${signatures.capacity(party)}`],
      signatures.caption,
      SIGNATURE_AREA_HEIGHT,
      signatureBoxName(party),
    );
  }
}

/** Figures are right-aligned, so that their digits line up. */
function annexAColumns(withNature: boolean): TableColumn[] {
  const { columns } = CONVENTION_TEMPLATE.annexA;
  return [
    { header: columns.member, weight: 2.2 },
    { header: columns.territories, weight: withNature ? 2.4 : 3.2 },
    ...(withNature ? [{ header: columns.nature, weight: 2 }] : []),
    { header: columns.hours, weight: 1.3, align: 'right' },
    { header: columns.amount, weight: 1.7, align: 'right' },
    { header: columns.share, weight: 1.1, align: 'right' },
    { header: columns.insertion, weight: 1.2, align: 'right' },
  ];
}

/** One row per member, the uncovered part, then the total that must equal the lot's amount. */
function annexARows(lot: DocumentLot, withNature: boolean): TableRow[] {
  const { annexA } = CONVENTION_TEMPLATE;
  const rows: TableRow[] = lot.shares.map((share) => ({
    cells: [
      share.legalName,
      share.territories.join(', '),
      ...(withNature ? [share.nature] : []),
      formatHours(share.hours),
      formatEuros(share.amountCents),
      formatSharePercent(share.sharePermille),
      formatHours(share.insertionHours),
    ],
  }));
  if (lot.uncovered) {
    rows.push({
      style: 'muted',
      cells: [
        annexA.uncovered,
        lot.uncovered.territories.join(', '),
        ...(withNature ? [annexA.uncoveredNature] : []),
        formatHours(lot.uncovered.hours),
        formatEuros(lot.uncovered.amountCents),
        '',
        '',
      ],
    });
  }
  const cents =
    lot.shares.reduce((sum, share) => sum + share.amountCents, 0) +
    (lot.uncovered?.amountCents ?? 0);
  // The apportionment guarantees it; a document that disagreed with its lot must never be signed.
  if (cents !== lot.amountCents) {
    throw new RangeError(
      `lot ${lot.number}: annex A sums to ${cents} cents, not ${lot.amountCents}`,
    );
  }
  const insertion = lot.shares.reduce((sum, share) => sum + share.insertionHours, 0);
  rows.push({
    style: 'total',
    cells: [
      annexA.lotTotal(lot),
      '',
      ...(withNature ? [''] : []),
      formatHours(lot.demandHours),
      formatEuros(lot.amountCents),
      '',
      formatHours(Math.round(insertion * 100) / 100),
    ],
  });
  return rows;
}
