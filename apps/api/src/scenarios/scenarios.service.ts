import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type Actor, ScenarioImport } from '@cordage/domain';
import { OutboxRepository, ScenarioImportRepository } from '@cordage/persistence';
import { JobName, QUEUE_OF_JOB } from '@cordage/queue';

export interface ImportAccepted {
  jobId: string;
  statusUrl: string;
}

@Injectable()
export class ScenariosService {
  constructor(
    private readonly scenarioImport: ScenarioImport,
    private readonly imports: ScenarioImportRepository,
    private readonly outbox: OutboxRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Checks the file now (so that a bad file or a known tender is refused at once), then records
   * the request and its job in one transaction; the worker writes the bid.
   */
  async requestImport(file: unknown, networkId: string, actor: Actor): Promise<ImportAccepted> {
    await this.scenarioImport.check(file);
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await this.imports.create(manager, {
        id,
        source: JSON.stringify(file),
        networkId,
        requestedBy: actor.userId!,
        requestId: actor.requestId,
      });
      await this.outbox.add(manager, {
        id,
        queueName: QUEUE_OF_JOB[JobName.SCENARIOS_IMPORT],
        jobName: JobName.SCENARIOS_IMPORT,
        payload: { importId: id },
      });
    });
    return { jobId: id, statusUrl: `/api/jobs/${id}` };
  }
}
