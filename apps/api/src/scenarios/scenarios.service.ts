import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type Actor, ScenarioImport, isDomainError } from '@cordage/domain';
import { locateProblems, readScenarioWorkbook } from '@cordage/documents';
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
      await this.outbox.addWith(manager, {
        id,
        queueName: QUEUE_OF_JOB[JobName.SCENARIOS_IMPORT],
        jobName: JobName.SCENARIOS_IMPORT,
        payload: { importId: id },
      });
    });
    return { jobId: id, statusUrl: `/api/jobs/${id}` };
  }

  /**
   * A workbook with the same columns as the JSON format: read, checked the same way, problems
   * named by sheet, row and column; then imported like a JSON file.
   */
  async requestWorkbookImport(
    bytes: Buffer,
    networkId: string,
    actor: Actor,
  ): Promise<ImportAccepted> {
    const workbook = await readScenarioWorkbook(bytes);
    try {
      await this.scenarioImport.check(workbook.input);
    } catch (error) {
      throw isDomainError(error) ? locateProblems(error, workbook) : error;
    }
    return this.requestImport(workbook.input, networkId, actor);
  }
}
