import type { BidDocumentModel, MembershipChange } from '@cordage/domain';
import { layoutSignatureBlocks } from './convention-pdf.renderer';
import { BUYER_LETTER_TEMPLATE, CONVENTION_TEMPLATE } from './convention-template.fr';
import { DocumentLayout } from './document.layout';

/**
 * The mandataire's letter asking the buyer to approve a change of membership, sent with the
 * amendment: sender, recipient, date, object, the request, and the mandataire's signature block
 * (signed later, like the amendment). `model` is the new split among the remaining members.
 */
export async function renderBuyerLetterPdf(
  model: BidDocumentModel,
  change: MembershipChange,
): Promise<Buffer> {
  const template = BUYER_LETTER_TEMPLATE;
  const law = CONVENTION_TEMPLATE.legalFrame(model.locale);
  const layout = new DocumentLayout({
    title: `${template.title} — ${model.tender.reference}`,
    subject: template.object(model, law),
    keywords: ['agrément', 'avenant', model.tender.reference],
    createdAt: change.requestedAt,
    runningTitle: `${template.title} — ${model.mandataire.legalName} — ${model.tender.reference}`,
  });

  layout.paragraphs([template.sender(model).join('\n')]);
  layout.paragraphs([template.recipient(model).join('\n'), template.date(model, change)]);
  layout.heading(template.object(model, law), 3);
  layout.paragraphs(template.body(model, change, law));
  layout.paragraphs([template.signatureIntro(law)]);
  layoutSignatureBlocks(layout, [model.mandataire]);
  layout.paragraphs([template.enclosure(model, change)], { italic: true, size: 8.5 });
  return layout.finish();
}
