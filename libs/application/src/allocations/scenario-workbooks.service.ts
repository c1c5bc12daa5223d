import { Injectable } from '@nestjs/common';
import type { Scenario } from '@cordage/domain';
import {
  type WorkbookScenario,
  readScenarioWorkbook,
  resolveWorkbookTerritories,
  scenarioTemplateWorkbook,
  scenarioWorkbook,
} from '@cordage/documents';
import { BidScenarioRepository, TerritoryRepository } from '@cordage/persistence';

/** Every official territory code a scenario names: its cells, their parents, the members' seats. */
function territoryCodes(scenario: Scenario): string[] {
  const codes = new Set<string>();
  for (const lot of scenario.tender.lots) {
    for (const cell of lot.cells) {
      codes.add(cell.territory);
      if (cell.parent !== undefined) codes.add(cell.parent);
    }
  }
  for (const organisation of scenario.organizations) codes.add(organisation.home);
  return [...codes];
}

/**
 * The scenario workbook a coordinator downloads: the template to fill in for a new bid, or a bid
 * as it stands, to edit and import again (amounts in euros, territories named).
 */
@Injectable()
export class ScenarioWorkbooksService {
  constructor(
    private readonly scenarios: BidScenarioRepository,
    private readonly territories: TerritoryRepository,
  ) {}

  /**
   * A workbook to import, read as a scenario: territories written by name (« Montreuil (93) »)
   * made into their official codes; an unknown or unsettled name is refused, its cell named.
   */
  async read(bytes: Buffer): Promise<WorkbookScenario> {
    const workbook = await readScenarioWorkbook(bytes);
    await resolveWorkbookTerritories(workbook, this.territories);
    return workbook;
  }

  template(now = new Date()): Promise<Buffer> {
    return scenarioTemplateWorkbook(now);
  }

  /** The bid's workbook, as the import reads it; null for a bid that is not there. */
  async bidWorkbook(bidId: string): Promise<Buffer | null> {
    const scenario = await this.scenarios.exportScenario(bidId);
    if (!scenario) return null;
    const names = await this.territories.namesOf(territoryCodes(scenario));
    return scenarioWorkbook(scenario, names);
  }
}
