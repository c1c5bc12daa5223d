import type { INestApplicationContext } from '@nestjs/common';
import path from 'node:path';
import { AccessService } from '@cordage/application';
import { INSTALL_ROOT } from '@cordage/config';
import {
  DomainErrorCode,
  type WithTenderDeadline,
  isDomainError,
  withDeadlineAhead,
} from '@cordage/domain';
import { type Db, TransactionHost } from '@cordage/persistence';
import { importScenarioFile } from './import.command';
import { loginLink } from './login-link.command';
import { migrate, seedTerritories } from './migrate.command';

const EXAMPLE = path.join(INSTALL_ROOT, 'examples', 'colleges-93.json');

export const DEMO_NETWORK = 'Réseau démo Seine-Saint-Denis';
export const DEMO_COORDINATOR = 'coordination@demo.cordage.fr';
export const DEMO_ADMIN = 'admin@demo.cordage.fr';

export interface DemoReport {
  bidId: string;
  created: boolean;
  coordinatorLink: string;
  adminLink: string;
}

/**
 * The demo network, idempotently: the geography, the example bid in a network with a coordinator
 * and a platform admin, and each member's representative as its editor and signatory.
 */
export async function prepareDemo(app: INestApplicationContext): Promise<DemoReport> {
  await migrate(app);
  await seedTerritories(app);
  let bidId: string;
  let created = true;
  try {
    // The example's deadline is a fixed day: the demo moves it a year on once it comes near.
    const adjust = (scenario: unknown) =>
      withDeadlineAhead(scenario as WithTenderDeadline, new Date());
    bidId = (await importScenarioFile(app, EXAMPLE, { network: DEMO_NETWORK, adjust })).bidId;
  } catch (error) {
    if (!isDomainError(error) || error.code !== DomainErrorCode.DUPLICATE_TENDER) throw error;
    bidId = String(error.details.bidId);
    created = false;
  }
  const access = app.get(AccessService);
  const networkId = await access.ensureNetwork(DEMO_NETWORK);
  const db = app.get<Db>(TransactionHost);
  await db.withTransaction(async () => {
    await access.ensureUser(DEMO_COORDINATOR, 'Coordination du réseau', [
      { role: 'COORDINATOR', networkId },
    ]);
    await access.ensureUser(DEMO_ADMIN, 'Administration de la plateforme', [], {
      platformAdmin: true,
    });
    const representatives = await db.tx.query<
      { organisation_id: string; email: string; name: string }[]
    >(
      // The representatives the demo network's own entry names (the scenario file's).
      `SELECT m.organisation_id, lower(own.representatives->0->>'email') AS email,
              own.representatives->0->>'name' AS name
       FROM members m JOIN bids b ON b.id = m.bid_id
       JOIN network_organisations own
         ON own.network_id = b.network_id AND own.organisation_id = m.organisation_id
       WHERE m.bid_id = $1 AND m.role = 'COTRAITANT'
         AND jsonb_array_length(own.representatives) > 0`,
      [bidId],
    );
    for (const representative of representatives) {
      await access.ensureUser(representative.email, representative.name, [
        { role: 'EDITOR', organisationId: representative.organisation_id },
        { role: 'SIGNATORY', organisationId: representative.organisation_id },
      ]);
    }
  });
  return {
    bidId,
    created,
    coordinatorLink: await loginLink(app, DEMO_COORDINATOR),
    adminLink: await loginLink(app, DEMO_ADMIN),
  };
}
