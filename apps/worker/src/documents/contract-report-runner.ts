import { Inject, Injectable, Logger } from '@nestjs/common';
import { ContractReportsService, RequestedWorkService } from '@cordage/application';
import { type ConfigOf, InjectConfig, publicUrlConfig } from '@cordage/config';
import {
  type DocumentStorage,
  DOCUMENT_MEDIA_TYPES,
  type ProgressReporter,
  isDomainError,
} from '@cordage/domain';
import { DOCUMENT_STORAGE } from '@cordage/persistence';
import { CpuPool } from '../cpu/cpu-pool';
import { DocumentsRefused, type DocumentsOutcome } from './documents-runner';

/**
 * Produces a contract report: its figures read once, its files rendered in a worker thread (this
 * event loop keeps renewing the job's lock), stored under their SHA-256 and recorded as documents
 * of the report's request.
 */
@Injectable()
export class ContractReportRunner {
  private readonly logger = new Logger(ContractReportRunner.name);

  constructor(
    private readonly requestedWork: RequestedWorkService,
    private readonly reports: ContractReportsService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly cpu: CpuPool,
    @InjectConfig(publicUrlConfig) private readonly config: ConfigOf<typeof publicUrlConfig>,
  ) {}

  async run(requestId: string, onProgress: ProgressReporter): Promise<DocumentsOutcome> {
    const request = await this.requestedWork.start(requestId, 'CONTRACT_REPORT');
    if (!request?.bidId) throw new DocumentsRefused(`report ${requestId} does not exist`);
    if (request.status === 'FAILED') {
      throw new DocumentsRefused(request.failure?.message ?? 'report failed');
    }
    const actor = { userId: request.requestedBy, label: 'worker', requestId: request.requestId };
    // A retried job whose files were stored: the work is done, report it again.
    if (request.status === 'DONE')
      return { documentIds: await this.reports.record(requestId, [], actor) };
    try {
      await onProgress(5, 'reading');
      const model = await this.reports.model(request, this.config.PUBLIC_URL);
      await onProgress(30, 'rendering');
      const rendered = await this.cpu.run('report', { model });
      await onProgress(80, 'storing');
      const stored = [];
      for (const document of rendered) {
        // Bytes come back from the thread as a Uint8Array: the same memory, seen as a Buffer.
        const content = Buffer.from(
          document.content.buffer,
          document.content.byteOffset,
          document.content.byteLength,
        );
        const { key, sha256 } = await this.storage.put(content);
        stored.push({
          kind: document.kind,
          subject: document.subject,
          filename: document.filename,
          mediaType: DOCUMENT_MEDIA_TYPES[document.kind],
          sizeBytes: content.length,
          sha256,
          storageKey: key,
        });
      }
      const documentIds = await this.reports.record(requestId, stored, actor);
      await onProgress(100, 'done');
      this.logger.log(
        { requestId, bidId: request.bidId, report: request.parameters.report },
        'contract report produced',
      );
      return { documentIds };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await this.requestedWork.markFailed(
        requestId,
        { code: error.code, message: error.message, problems: [...error.problems] },
        actor,
      );
      throw new DocumentsRefused(error.message);
    }
  }
}
