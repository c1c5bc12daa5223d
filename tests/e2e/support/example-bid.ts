import type { INestApplicationContext } from '@nestjs/common';
import { ScenarioImporter } from '@cordage/application';
import { exampleScenario } from '@cordage/testing';

/** A bid imported straight through the use case (no api, no worker), in `networkId`: its id. */
export async function importExampleBid(
  persistence: INestApplicationContext,
  networkId: string,
  scenario: Record<string, unknown> = exampleScenario(),
): Promise<string> {
  const { bidId } = await persistence.get(ScenarioImporter).import(scenario, {
    networkId,
    actor: { userId: null, label: 'test', requestId: null },
  });
  return bidId;
}
