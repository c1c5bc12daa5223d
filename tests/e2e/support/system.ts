import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { required } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import { type SmtpSink, clearData, openTestPersistence } from '@cordage/testing';
import { type SignedIn, signIn } from './actors';
import { moveBid } from './bid-state';
import { importExampleBid } from './example-bid';
import { startApi, startWorkerInProcess } from './harness';

/** What most e2e files start before their tests: the api, a worker and the emptied database. */
export interface System {
  api: INestApplication;
  /** The worker run in this process (outbox relay included), unless the file asked for none. */
  worker: INestApplicationContext | undefined;
  persistence: INestApplicationContext;
  dataSource: DataSource;
  /** Closes what was started, in reverse order, and restores the environment it changed. */
  stop(): Promise<void>;
}

export interface SystemOptions {
  /** Mail leaves through this sink (MAIL_MODE=smtp) instead of the test default. */
  smtp?: SmtpSink;
  /** false when the file runs without a worker or spawns its own processes. */
  worker?: boolean;
  /** Variables the api and the worker read at start-up (undefined unsets one). */
  env?: Record<string, string | undefined>;
}

function setEnv(values: Record<string, string | undefined>): Record<string, string | undefined> {
  const previous: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(values)) {
    previous[name] = process.env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return previous;
}

export async function startSystem(options: SystemOptions = {}): Promise<System> {
  const env = { ...options.env };
  if (options.smtp)
    Object.assign(env, { MAIL_MODE: 'smtp', MAIL_SMTP_URL: await options.smtp.start() });
  const previousEnv = setEnv(env);
  const { context: persistence, dataSource } = await openTestPersistence();
  await clearData(dataSource);
  const api = await startApi();
  const worker = options.worker === false ? undefined : await startWorkerInProcess();
  return {
    api,
    worker,
    persistence,
    dataSource,
    async stop() {
      await worker?.close();
      await api.close();
      await persistence.close();
      await options.smtp?.stop();
      setEnv(previousEnv);
    },
  };
}

/**
 * The system of one describe block: started before its tests (beforeAll, before the block's own
 * beforeAll hooks) and stopped after them. Its parts are read through the returned object once
 * the tests run; reading one before beforeAll has started the system throws.
 */
export function systemForTests(options: SystemOptions = {}): System {
  let started: System | undefined;
  beforeAll(async () => {
    started = await startSystem(options);
  });
  afterAll(() => started?.stop());
  const current = () => required(started, 'the system, started by beforeAll');
  return {
    get api() {
      return current().api;
    },
    get worker() {
      return current().worker;
    },
    get persistence() {
      return current().persistence;
    },
    get dataSource() {
      return current().dataSource;
    },
    stop: () => current().stop(),
  };
}

/** The example bid imported in a new network, and that network's coordinator signed in. */
export async function exampleBidWithCoordinator(
  system: System,
  {
    network = 'Réseau',
    coordinatorEmail = 'coord@reseau.test',
    scenario,
  }: { network?: string; coordinatorEmail?: string; scenario?: Record<string, unknown> } = {},
): Promise<{ networkId: string; bidId: string; coordinator: SignedIn }> {
  const networkId = await system.persistence.get(AccessRepository).ensureNetwork(network);
  const bidId = await importExampleBid(system.persistence, networkId, scenario);
  const coordinator = await signIn(system.api, system.dataSource, coordinatorEmail, [
    { role: 'COORDINATOR', networkId },
  ]);
  return { networkId, bidId, coordinator };
}

/** The member of `bidId` under `key` (org-001...) in the scenario: its id and organisation. */
export async function memberByKey(
  dataSource: DataSource,
  bidId: string,
  key: string,
): Promise<{ id: string; organisationId: string }> {
  const [found] = await dataSource.query<{ id: string; organisation_id: string }[]>(
    'SELECT id, organisation_id FROM members WHERE bid_id = $1 AND key = $2',
    [bidId, key],
  );
  const member = required(found, `the member ${key}`);
  return { id: member.id, organisationId: member.organisation_id };
}

/** A request, still pending, from a new user `asker` to represent the organisation: its id. */
export async function pendingRepresentationRequest(
  dataSource: DataSource,
  { organisationId, bidId, asker }: { organisationId: string; bidId: string; asker: string },
): Promise<string> {
  const [user] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO users (email, display_name) VALUES ($1, $1) RETURNING id`,
    [asker],
  );
  const [pending] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO representation_requests (organisation_id, user_id, roles, bid_id)
     VALUES ($1, $2, ARRAY['EDITOR']::varchar[], $3) RETURNING id`,
    [organisationId, required(user, 'the inserted user').id, bidId],
  );
  return required(pending, 'the inserted request').id;
}

/** The member of `bidId` under `key` and its editor, ed@<key>.test, signed in. */
export async function memberWithEditor(
  system: System,
  bidId: string,
  key: string,
): Promise<{ member: { id: string; organisationId: string }; editor: SignedIn }> {
  const member = await memberByKey(system.dataSource, bidId, key);
  const editor = await signIn(system.api, system.dataSource, `ed@${key}.test`, [
    { role: 'EDITOR', organisationId: member.organisationId },
  ]);
  return { member, editor };
}

/** The example bid put to allocation (ALLOCATING): its coordinator, org-003's member and editor. */
export async function allocatingExampleBid(
  system: System,
): Promise<{ bidId: string; coordinator: SignedIn; memberId: string; editor: SignedIn }> {
  const { bidId, coordinator } = await exampleBidWithCoordinator(system);
  await moveBid(system.dataSource, bidId, 'ALLOCATING');
  const { member, editor } = await memberWithEditor(system, bidId, 'org-003');
  return { bidId, coordinator, memberId: member.id, editor };
}

/** The coordinator of another network ('Autre réseau'): sees and changes nothing of the bid. */
export async function otherNetworkCoordinator(system: System): Promise<SignedIn> {
  const access = system.persistence.get(AccessRepository);
  const networkId = await access.ensureNetwork('Autre réseau');
  return signIn(system.api, system.dataSource, 'coord@autre.test', [
    { role: 'COORDINATOR', networkId },
  ]);
}

/**
 * The example bid collecting capacities, as the subcontracting tests start: org-001's member (the
 * principal, who brings subcontractors) and org-002's, each with its editor signed in, and the
 * coordinator of another network.
 */
export async function subcontractingExampleBid(system: System): Promise<{
  bidId: string;
  coordinator: SignedIn;
  principal: { id: string; organisationId: string };
  principalEditor: SignedIn;
  otherMember: { id: string; organisationId: string };
  otherEditor: SignedIn;
  stranger: SignedIn;
}> {
  const { bidId, coordinator } = await exampleBidWithCoordinator(system);
  await moveBid(system.dataSource, bidId, 'COLLECTING');
  const principal = await memberWithEditor(system, bidId, 'org-001');
  const other = await memberWithEditor(system, bidId, 'org-002');
  return {
    bidId,
    coordinator,
    principal: principal.member,
    principalEditor: principal.editor,
    otherMember: other.member,
    otherEditor: other.editor,
    stranger: await otherNetworkCoordinator(system),
  };
}

/**
 * A fresh start (all data cleared) on the example bid collecting capacities in 'Réseau A': its
 * coordinator coord@a.test, the coordinator of 'Réseau B' coord@b.test (an outsider to the bid),
 * and org-001's member with its editor ed@org-001.test.
 */
export async function collectingBidFromScratch(
  system: System,
  scenario?: Record<string, unknown>,
): Promise<{
  networkId: string;
  bidId: string;
  coordinator: SignedIn;
  outsider: SignedIn;
  member: { id: string; organisationId: string };
  editor: SignedIn;
}> {
  const { api, dataSource, persistence } = system;
  await clearData(dataSource);
  const access = persistence.get(AccessRepository);
  const networkId = await access.ensureNetwork('Réseau A');
  const otherNetwork = await access.ensureNetwork('Réseau B');
  const bidId = await importExampleBid(persistence, networkId, scenario);
  await moveBid(dataSource, bidId, 'COLLECTING');
  const coordinator = await signIn(api, dataSource, 'coord@a.test', [
    { role: 'COORDINATOR', networkId },
  ]);
  const outsider = await signIn(api, dataSource, 'coord@b.test', [
    { role: 'COORDINATOR', networkId: otherNetwork },
  ]);
  const { member, editor } = await memberWithEditor(system, bidId, 'org-001');
  return { networkId, bidId, coordinator, outsider, member, editor };
}
