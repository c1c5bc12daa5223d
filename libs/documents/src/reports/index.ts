import type { RenderedDocument } from '@cordage/domain';
import type { ContractReportModel } from './contract-report.model';
import { renderEvaluationPdf } from './evaluation-pdf.renderer';
import { insertionWorkbook, renderInsertionPdf } from './insertion-report.writer';
import { ocdsContractPackage } from './ocds-contract-package';

export * from './contract-report.model';
export * from './evaluation-pdf.renderer';
export * from './insertion-report.writer';
export * from './ocds-contract-package';
export * from './split-summary-pdf.renderer';

/** A file name a person recognises: the tender's reference and what the report is. */
function stem(model: ContractReportModel): string {
  return model.header.tender.reference.replace(/[^A-Za-z0-9_-]+/g, '-');
}

/** The files of one contract report. */
export async function renderContractReport(
  model: ContractReportModel,
): Promise<RenderedDocument[]> {
  const base = stem(model);
  switch (model.report) {
    case 'INSERTION': {
      const { insertion, header } = model;
      const name = `${base}-insertion-lot-${insertion.lot}-periode-${insertion.period.number}`;
      const subject = `lot-${insertion.lot}/periode-${insertion.period.number}`;
      return [
        {
          kind: 'INSERTION_XLSX',
          subject,
          filename: `${name}.xlsx`,
          content: await insertionWorkbook(insertion, header),
        },
        {
          kind: 'INSERTION_PDF',
          subject,
          filename: `${name}.pdf`,
          content: await renderInsertionPdf(insertion, header),
        },
      ];
    }
    case 'EVALUATION':
      return [
        {
          kind: 'EVALUATION',
          subject: String(model.evaluation.year),
          filename: `${base}-evaluation-${model.evaluation.year}.pdf`,
          content: await renderEvaluationPdf(model.evaluation, model.header),
        },
      ];
    case 'OCDS':
      return [
        {
          kind: 'OCDS_CONTRACT',
          subject: '',
          filename: `${base}-ocds-execution.json`,
          content: Buffer.from(
            `${JSON.stringify(ocdsContractPackage(model.header, model.ocds), null, 2)}\n`,
            'utf8',
          ),
        },
      ];
  }
}
