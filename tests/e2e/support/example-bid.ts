import type { DataSource } from 'typeorm';
import { ScenarioImport } from '@cordage/domain';
import {
  AuditLogRepository,
  TerritoryRepository,
  TypeOrmScenarioStore,
} from '@cordage/persistence';
import { exampleScenario } from '@cordage/testing';

/** A bid imported straight through the use case (no api, no worker), in `networkId`: its id. */
export async function importExampleBid(
  dataSource: DataSource,
  networkId: string,
  scenario: Record<string, unknown> = exampleScenario(),
): Promise<string> {
  const store = new TypeOrmScenarioStore(dataSource, new AuditLogRepository(dataSource));
  const { bidId } = await new ScenarioImport(new TerritoryRepository(dataSource), store).run(
    scenario,
    { networkId, actor: { userId: null, label: 'test', requestId: null } },
  );
  return bidId;
}
