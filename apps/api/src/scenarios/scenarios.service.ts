import { Injectable } from '@nestjs/common';
import { ScenarioImportsService, ScenarioWorkbooksService } from '@cordage/application';
import { type Actor, ScenarioImport, isDomainError } from '@cordage/domain';
import { locateProblems } from '@cordage/documents';

export interface ImportAccepted {
  jobId: string;
  statusUrl: string;
}

/** Scenario workbooks, read into the JSON format's shape before the import use case. */
@Injectable()
export class ScenariosService {
  constructor(
    private readonly scenarioImport: ScenarioImport,
    private readonly imports: ScenarioImportsService,
    private readonly workbooks: ScenarioWorkbooksService,
  ) {}

  /**
   * A workbook with the same columns as the JSON format: read, its territories' names made
   * codes, checked the same way, problems named by sheet, row and column; then imported like a
   * JSON file.
   */
  async requestWorkbookImport(
    bytes: Buffer,
    networkId: string,
    actor: Actor,
  ): Promise<ImportAccepted> {
    const workbook = await this.workbooks.read(bytes);
    try {
      await this.scenarioImport.check(workbook.input, networkId);
    } catch (error) {
      throw isDomainError(error) ? locateProblems(error, workbook) : error;
    }
    return this.imports.request(workbook.input, networkId, actor);
  }
}
