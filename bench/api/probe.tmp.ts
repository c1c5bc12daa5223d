import { AccessService, ScenarioImporter } from '@cordage/application';
import { AuthRepository } from '@cordage/persistence';
import { createMigratedDatabase, exampleScenario, openTestPersistence } from '@cordage/testing';
async function main() {
  process.env.DATABASE_URL = await createMigratedDatabase('cordage_probe_api');
  const { context, dataSource } = await openTestPersistence();
  const access = context.get(AccessService);
  const networkId = await access.ensureNetwork('R');
  const { bidId } = await context.get(ScenarioImporter).import(exampleScenario(), { networkId, actor: { userId: null, label: 'b', requestId: null } });
  const user = await access.ensureUser('c@x.test', 'c', [{ role: 'COORDINATOR', networkId }]);
  const tokens = [];
  for (let i = 0; i < 5; i++) tokens.push(await context.get(AuthRepository).issueLoginToken({ email: user.email, userId: user.id, ip: null }));
  console.log(JSON.stringify({ bidId, tokens, url: process.env.DATABASE_URL }));
  await dataSource.destroy(); await context.close();
}
void main();
