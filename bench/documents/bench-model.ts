import {
  AllocationEngine,
  type BidDocumentModel,
  DEFAULT_CONVENTION_SETTINGS,
  buildBidDocumentModel,
} from '@cordage/domain';
import { officialTerritories } from '@cordage/persistence';
import { HighsLinearSolver } from '@cordage/solver';
import { generateScenario } from '../scenario-generator';

// 30 members over 20 lots of 5 communes: each member offers on about 8 lots.
const SIZE = { organisations: 30, lots: 20, cellsPerLot: 5, offers: 1_200 };

/** The bid of the documents and signing benches, allocated for real. */
export async function benchModel(): Promise<BidDocumentModel> {
  const scenario = generateScenario(SIZE, 1);
  const { result } = await new AllocationEngine(new HighsLinearSolver()).run(scenario);
  const names = new Map(officialTerritories().map((territory) => [territory.code, territory.name]));
  return buildBidDocumentModel({
    scenario,
    result,
    version: { number: 1, computedAt: '2026-11-20T09:30:00.000Z' },
    settings: DEFAULT_CONVENTION_SETTINGS,
    territoryName: (code) => names.get(code),
  });
}
