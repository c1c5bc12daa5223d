import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { WorkerHost } from '@nestjs/bullmq';
import { AllocationsProcessor } from './allocations/allocations.processor';
import { DocumentsProcessor } from './documents/documents.processor';
import { ScenariosProcessor } from './scenarios/scenarios.processor';
import { SignaturesProcessor } from './signing/signatures.processor';
import { WorkflowProcessor } from './workflow/workflow.processor';

/**
 * On SIGTERM the workers stop taking jobs and finish those under way (worker.close()) before
 * anything they use (the database, the CPU threads, Redis) closes: Nest closes those in its
 * shutdown hooks, which come after this one. A job killed anyway (SIGKILL) is taken over once
 * its lock expires.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger(GracefulShutdown.name);
  private readonly hosts: WorkerHost[];

  constructor(
    scenarios: ScenariosProcessor,
    allocations: AllocationsProcessor,
    documents: DocumentsProcessor,
    signatures: SignaturesProcessor,
    workflow: WorkflowProcessor,
  ) {
    this.hosts = [scenarios, allocations, documents, signatures, workflow];
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log({ signal }, 'finishing the jobs under way');
    await Promise.all(this.hosts.map((host) => host.worker.close()));
  }
}
