import { Module } from '@nestjs/common';
import { ApplicationModule, OutboxRelayModule } from '@cordage/application';
import { AppConfigModule, LoggingModule } from '@cordage/config';
import { DocumentStorageModule, PersistenceModule } from '@cordage/persistence';
import { QueueModule } from '@cordage/queue';
import { MailModule } from '@cordage/mail';
import { AllocationRunner } from './allocations/allocation-runner';
import { ReplanRunner } from './allocations/replan-runner';
import { AllocationsProcessor } from './allocations/allocations.processor';
import { CpuPool } from './cpu/cpu-pool';
import { ContractReportRunner } from './documents/contract-report-runner';
import { DocumentsRunner } from './documents/documents-runner';
import { DocumentsProcessor } from './documents/documents.processor';
import { GracefulShutdown } from './graceful-shutdown';
import { MailDelivery } from './mail/mail-delivery';
import { MailProcessor } from './mail/mail.processor';
import { ScenariosProcessor } from './scenarios/scenarios.processor';
import { SignaturesProcessor } from './signing/signatures.processor';
import { SigningRunner } from './signing/signing-runner';
import { DeadlinesRunner } from './workflow/deadlines-runner';
import { WorkflowProcessor } from './workflow/workflow.processor';
import { WORKER_CONFIG } from './worker-env';

/** BullMQ processors and the outbox relay; no HTTP server. */
@Module({
  imports: [
    AppConfigModule.forRoot(...WORKER_CONFIG),
    LoggingModule,
    PersistenceModule,
    ApplicationModule,
    DocumentStorageModule,
    MailModule,
    QueueModule,
    OutboxRelayModule,
  ],
  providers: [
    ScenariosProcessor,
    AllocationsProcessor,
    AllocationRunner,
    ReplanRunner,
    DocumentsProcessor,
    DocumentsRunner,
    ContractReportRunner,
    SignaturesProcessor,
    SigningRunner,
    WorkflowProcessor,
    DeadlinesRunner,
    MailProcessor,
    MailDelivery,
    CpuPool,
    GracefulShutdown,
  ],
})
export class WorkerModule {}
