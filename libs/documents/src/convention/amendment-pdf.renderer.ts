import type { BidDocumentModel, MembershipChange } from '@cordage/domain';
import { layoutParties, layoutSignatureBlocks, layoutSplit } from './convention-pdf.renderer';
import { AMENDMENT_TEMPLATE, CONVENTION_TEMPLATE } from './convention-template.fr';
import { DocumentLayout } from './document.layout';

/**
 * The amendment to the convention after a member's departure, as a PDF/A-2b file signed later by
 * each remaining member (PAdES, incremental updates): the parties, the object (who leaves and
 * why), the new split as annex A prints it, the other clauses unchanged, entry into force on the
 * buyer's approval, and one empty signature block per remaining member. `model` is the new split.
 */
export async function renderAmendmentPdf(
  model: BidDocumentModel,
  change: MembershipChange,
): Promise<Buffer> {
  const template = AMENDMENT_TEMPLATE;
  const law = CONVENTION_TEMPLATE.legalFrame(model.locale);
  const title = template.title(model, change);
  const layout = new DocumentLayout({
    title: `${title} — ${model.tender.reference}`,
    subject: model.tender.title,
    keywords: [
      'avenant',
      model.tender.reference,
      `répartition v${model.allocation.versionNumber}`,
      template.version,
    ],
    // The date of the request, so that one change always gives one file.
    createdAt: change.requestedAt,
    runningTitle: `${title} — ${model.tender.reference} — répartition v${model.allocation.versionNumber}`,
  });

  layout.heading(title, 1);
  layout.paragraphs([template.subtitle(model)]);
  layout.paragraphs([template.templateNote(template.version)], { italic: true, size: 8.5 });
  layoutParties(layout, model, law);
  template.articles.forEach((article, i) => {
    layout.heading(`Article ${i + 1} — ${article.title}`, 1);
    layout.paragraphs(article.body(model, change, law));
    if (article.key === 'split') layoutSplit(layout, model);
  });

  layout.newPage();
  layout.heading(template.signatures.title, 1);
  layout.paragraphs([template.signatures.intro]);
  layoutSignatureBlocks(layout, model.parties);
  return layout.finish();
}
