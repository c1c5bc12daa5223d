import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, type JobOfQueue, QueueName } from '@cordage/queue';
import { failRefusalsForGood } from '../final-refusal';
import { parseJobPayload } from '../parse-job-payload';
import { workerOptions } from '../worker-options';
import { ContractReportRunner } from './contract-report-runner';
import { DocumentsRefused, type DocumentsOutcome, DocumentsRunner } from './documents-runner';

@Processor(QueueName.DOCUMENTS, workerOptions())
export class DocumentsProcessor extends WorkerHost {
  constructor(
    private readonly runner: DocumentsRunner,
    private readonly reports: ContractReportRunner,
  ) {
    super();
  }

  async process(job: Job): Promise<DocumentsOutcome> {
    const name = job.name as JobOfQueue<QueueName.DOCUMENTS>;
    switch (name) {
      case JobName.DOCUMENTS_RENDER_CONVENTION:
      case JobName.DOCUMENTS_EXPORT: {
        const { requestId } = parseJobPayload(name, job.data);
        return failRefusalsForGood(
          () =>
            this.runner.run(requestId, (percent, step) => job.updateProgress({ percent, step })),
          (error) => error instanceof DocumentsRefused,
        );
      }
      case JobName.CONTRACT_REPORT: {
        const { requestId } = parseJobPayload(name, job.data);
        return failRefusalsForGood(
          () =>
            this.reports.run(requestId, (percent, step) => job.updateProgress({ percent, step })),
          (error) => error instanceof DocumentsRefused,
        );
      }
    }
  }
}
