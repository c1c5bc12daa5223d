import { Injectable } from '@nestjs/common';
import { ScenarioImportsService } from '@cordage/application';
import { type Actor, ScenarioImport, isDomainError } from '@cordage/domain';
import { locateProblems, readScenarioWorkbook } from '@cordage/documents';

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
  ) {}

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
      await this.scenarioImport.check(workbook.input, networkId);
    } catch (error) {
      throw isDomainError(error) ? locateProblems(error, workbook) : error;
    }
    return this.imports.request(workbook.input, networkId, actor);
  }
}
