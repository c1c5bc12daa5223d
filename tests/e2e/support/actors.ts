import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { DataSource } from 'typeorm';
import { type Role, required } from '@cordage/domain';
import { AccessService } from '@cordage/application';
import type { RoleScope } from '@cordage/persistence';
import { issueLoginToken } from '@cordage/testing';

/** A signed-in user: a cookie jar and the session's CSRF token, sent on every change. */
export interface SignedIn {
  userId: string;
  email: string;
  csrf: string;
  get(url: string): request.Test;
  post(url: string): request.Test;
  put(url: string): request.Test;
  patch(url: string): request.Test;
  delete(url: string): request.Test;
  agent: TestAgent;
}

export interface Grant extends RoleScope {
  role: Role;
}

/**
 * Creates (or finds) the user, grants the roles, and signs in through the real flow: a login
 * token issued as the mailed link would carry, exchanged at POST /api/auth/session.
 */
export async function signIn(
  app: INestApplication,
  dataSource: DataSource,
  email: string,
  grants: Grant[] = [],
  options: { platformAdmin?: boolean } = {},
): Promise<SignedIn> {
  const user = await app.get(AccessService).ensureUser(email, email, grants, options);
  const token = await issueLoginToken(app, { email: user.email, userId: user.id });
  // A known user always gets a token (null is for unknown addresses).
  return openSession(app, required(token, 'the login token'), user.email, user.id);
}

/**
 * Exchanges a login token (the mailed link's) at POST /api/auth/session: the agent keeps the
 * cookie, and every change it sends carries the session's CSRF token, as the web app does. The
 * user's id, when the caller does not know it, is the one /api/auth/me gives. `app` is the api in
 * this process, or the base URL of an api process.
 */
export async function openSession(
  app: INestApplication | string,
  token: string,
  email: string,
  knownUserId?: string,
): Promise<SignedIn> {
  const agent = request.agent(typeof app === 'string' ? app : app.getHttpServer());
  const opened = await agent.post('/api/auth/session').send({ token }).expect(201);
  const csrf = (opened.body as { csrfToken: string }).csrfToken;
  const withCsrf = (test: request.Test) => test.set('X-CSRF-Token', csrf);
  const userId =
    knownUserId ?? ((await agent.get('/api/auth/me').expect(200)).body as { id: string }).id;
  return {
    userId,
    email,
    csrf,
    agent,
    get: (url) => agent.get(url),
    post: (url) => withCsrf(agent.post(url)),
    put: (url) => withCsrf(agent.put(url)),
    patch: (url) => withCsrf(agent.patch(url)),
    delete: (url) => withCsrf(agent.delete(url)),
  };
}

/** A network with a coordinator signed in: what most tests start from. */
export async function coordinatorOfNewNetwork(
  app: INestApplication,
  dataSource: DataSource,
  name = 'Réseau de test',
  email = 'coordination@reseau.test',
): Promise<{ networkId: string; coordinator: SignedIn }> {
  const networkId = await app.get(AccessService).ensureNetwork(name);
  const coordinator = await signIn(app, dataSource, email, [{ role: 'COORDINATOR', networkId }]);
  return { networkId, coordinator };
}

/** Networks A and B, each with its own coordinator signed in: where cross-network tests start. */
export async function coordinatorsOfNetworksAAndB(
  app: INestApplication,
  dataSource: DataSource,
): Promise<{
  networkA: string;
  coordinatorA: SignedIn;
  networkB: string;
  coordinatorB: SignedIn;
}> {
  const a = await coordinatorOfNewNetwork(app, dataSource, 'Réseau A', 'coord@reseau-a.test');
  const b = await coordinatorOfNewNetwork(app, dataSource, 'Réseau B', 'coord@reseau-b.test');
  return {
    networkA: a.networkId,
    coordinatorA: a.coordinator,
    networkB: b.networkId,
    coordinatorB: b.coordinator,
  };
}
