import {
  type BidDocumentModel,
  type DocumentSet,
  type MembershipChange,
  type RenderedDocument,
  type ReplanAmendment,
  needsDc4,
} from '@cordage/domain';
import {
  renderAmendmentPdf,
  renderBuyerLetterPdf,
  renderConventionPdf,
  renderDc1Pdf,
  renderDc4Pdf,
  renderReplanAmendmentPdf,
} from './convention';
import { bidCsv, bidIsoCsv, bidWorkbook, ocdsReleasePackage } from './exports';

export interface DocumentSetOptions {
  /** The bid's id, in the OCDS identifiers. */
  bidId: string;
  /** Where Cordage is reached: the base of the OCDS URIs. */
  publicUrl: string;
  /** For an amendment: the change of membership it carries, or the approved re-plan. */
  change?: MembershipChange;
  replan?: ReplanAmendment;
  onProgress?: (percent: number, step: string) => Promise<void> | void;
}

/** A file name a person recognises: the tender's reference, what it is, the allocation version. */
function fileStem(model: BidDocumentModel): string {
  const reference = model.tender.reference.replace(/[^A-Za-z0-9_-]+/g, '-');
  return `${reference}-v${model.allocation.versionNumber}`;
}

/**
 * Renders a set of documents from one model: the convention alone, or what the buyer receives
 * (the DC1 sheet, one DC4 sheet per subcontract, the XLSX split, its CSV for people and its CSV
 * for programs (subject `iso`), the OCDS package).
 */
export async function renderDocumentSet(
  model: BidDocumentModel,
  set: DocumentSet,
  options: DocumentSetOptions,
): Promise<RenderedDocument[]> {
  const stem = fileStem(model);
  if (set === 'AMENDMENT' && options.replan) {
    // A re-plan changes neither the composition nor the buyer's contract: no letter to the buyer.
    await options.onProgress?.(10, 'amendment');
    const number = options.replan.terms.amendmentNumber;
    return [
      {
        kind: 'AMENDMENT',
        subject: `avenant-${number}`,
        filename: `${stem}-avenant-${number}-replanification.pdf`,
        content: await renderReplanAmendmentPdf(model, options.replan),
      },
    ];
  }
  if (set === 'AMENDMENT') {
    if (!options.change) throw new Error('an amendment needs its change of membership');
    await options.onProgress?.(10, 'amendment');
    const number = options.change.amendmentNumber;
    return [
      {
        kind: 'AMENDMENT',
        subject: `avenant-${number}`,
        filename: `${stem}-avenant-${number}.pdf`,
        content: await renderAmendmentPdf(model, options.change),
      },
      {
        kind: 'BUYER_LETTER',
        subject: `avenant-${number}`,
        filename: `${stem}-avenant-${number}-lettre-acheteur.pdf`,
        content: await renderBuyerLetterPdf(model, options.change),
      },
    ];
  }
  if (set === 'CONVENTION') {
    await options.onProgress?.(10, 'convention');
    const content = await renderConventionPdf(model);
    return [{ kind: 'CONVENTION', subject: '', filename: `${stem}-convention.pdf`, content }];
  }
  const documents: RenderedDocument[] = [];
  await options.onProgress?.(10, 'dc1');
  documents.push({
    kind: 'DC1',
    subject: '',
    filename: `${stem}-dc1.pdf`,
    content: await renderDc1Pdf(model),
  });
  await options.onProgress?.(30, 'dc4');
  // A loan of workers (mise à disposition) is no subcontracting: annex B lists it, no DC4 declares it.
  for (const subcontract of model.subcontracts.filter((one) => needsDc4(one.kind))) {
    const subject = `lot-${subcontract.lot}/${subcontract.principal.key}/${subcontract.subcontractor.key}`;
    documents.push({
      kind: 'DC4',
      subject,
      filename: `${stem}-dc4-${subject.replace(/\//g, '-')}.pdf`,
      content: await renderDc4Pdf(model, subcontract),
    });
  }
  await options.onProgress?.(60, 'spreadsheets');
  documents.push(
    {
      kind: 'XLSX',
      subject: '',
      filename: `${stem}-repartition.xlsx`,
      content: await bidWorkbook(model),
    },
    {
      kind: 'CSV',
      subject: '',
      filename: `${stem}-repartition.csv`,
      content: Buffer.from(bidCsv(model), 'utf8'),
    },
    {
      kind: 'CSV',
      subject: 'iso',
      filename: `${stem}-repartition-iso.csv`,
      content: Buffer.from(bidIsoCsv(model), 'utf8'),
    },
  );
  await options.onProgress?.(80, 'ocds');
  const ocds = ocdsReleasePackage(model, {
    bidId: options.bidId,
    publishedDate: model.allocation.computedAt,
    uriBase: options.publicUrl,
  });
  documents.push({
    kind: 'OCDS',
    subject: '',
    filename: `${stem}-ocds.json`,
    content: Buffer.from(`${JSON.stringify(ocds, null, 2)}\n`, 'utf8'),
  });
  return documents;
}
