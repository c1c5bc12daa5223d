import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { Permission } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import { clearData, exampleScenario, openTestDataSource } from '@cordage/testing';
import { type Grant, type SignedIn, signIn } from './support/actors';
import { importExampleBid } from './support/example-bid';
import { startApi } from './support/harness';
import { storeTestDocument } from './support/stored-document';

const ROLES = [
  'anonymous',
  'otherCoordinator',
  'coordinator',
  'otherEditor',
  'editor',
  'signatory',
  'viewer',
  'admin',
] as const;
type RoleName = (typeof ROLES)[number];
type Expected = 'allow' | 401 | 403 | 404;

/** What each role gets for each permission: the specification this test holds the api to. */
// prettier-ignore
const EXPECTED: Record<Permission, Record<RoleName, Expected>> = {
  [Permission.PUBLIC]: {
    anonymous: 'allow', otherCoordinator: 'allow', coordinator: 'allow', otherEditor: 'allow',
    editor: 'allow', signatory: 'allow', viewer: 'allow', admin: 'allow',
  },
  [Permission.SIGNED_IN]: {
    anonymous: 401, otherCoordinator: 'allow', coordinator: 'allow', otherEditor: 'allow',
    editor: 'allow', signatory: 'allow', viewer: 'allow', admin: 'allow',
  },
  [Permission.PLATFORM_ADMIN]: {
    anonymous: 401, otherCoordinator: 403, coordinator: 403, otherEditor: 403,
    editor: 403, signatory: 403, viewer: 403, admin: 'allow',
  },
  [Permission.NETWORK_CREATE_BID]: {
    anonymous: 401, otherCoordinator: 404, coordinator: 'allow', otherEditor: 404,
    editor: 404, signatory: 404, viewer: 404, admin: 'allow',
  },
  [Permission.NETWORK_MANAGE]: {
    anonymous: 401, otherCoordinator: 404, coordinator: 'allow', otherEditor: 404,
    editor: 404, signatory: 404, viewer: 404, admin: 'allow',
  },
  [Permission.JOB_READ]: {
    anonymous: 401, otherCoordinator: 404, coordinator: 'allow', otherEditor: 404,
    editor: 404, signatory: 404, viewer: 404, admin: 'allow',
  },
  [Permission.BID_READ]: {
    anonymous: 401, otherCoordinator: 404, coordinator: 'allow', otherEditor: 'allow',
    editor: 'allow', signatory: 'allow', viewer: 'allow', admin: 'allow',
  },
  [Permission.BID_MANAGE]: {
    anonymous: 401, otherCoordinator: 404, coordinator: 'allow', otherEditor: 403,
    editor: 403, signatory: 403, viewer: 403, admin: 'allow',
  },
  [Permission.MEMBER_EDIT]: {
    anonymous: 401, otherCoordinator: 404, coordinator: 403, otherEditor: 403,
    editor: 'allow', signatory: 403, viewer: 403, admin: 403,
  },
  [Permission.MEMBER_SIGN]: {
    anonymous: 401, otherCoordinator: 404, coordinator: 403, otherEditor: 403,
    editor: 403, signatory: 'allow', viewer: 403, admin: 403,
  },
  [Permission.MEMBER_OFFERS_READ]: {
    anonymous: 401, otherCoordinator: 404, coordinator: 'allow', otherEditor: 403,
    editor: 'allow', signatory: 'allow', viewer: 403, admin: 'allow',
  },
};

/**
 * The rule each route must have. Routes are found in the OpenAPI document; one missing here (a
 * new route) or declaring another rule fails the test, so every rule is reviewed when it is added.
 */
const RULES: Record<string, Permission> = {
  'GET /api/health': Permission.PUBLIC,
  'POST /api/auth/login-link': Permission.PUBLIC,
  'GET /api/auth/callback': Permission.PUBLIC,
  'POST /api/auth/session': Permission.PUBLIC,
  'GET /api/auth/me': Permission.SIGNED_IN,
  'POST /api/auth/logout': Permission.SIGNED_IN,
  'POST /api/auth/logout-all': Permission.SIGNED_IN,
  'POST /api/scenarios': Permission.NETWORK_CREATE_BID,
  'POST /api/scenarios/xlsx': Permission.NETWORK_CREATE_BID,
  'GET /api/jobs/{jobId}': Permission.JOB_READ,
  'GET /api/bids': Permission.SIGNED_IN,
  'GET /api/territories': Permission.SIGNED_IN,
  'GET /api/bids/{bidId}': Permission.BID_READ,
  'PATCH /api/bids/{bidId}': Permission.BID_MANAGE,
  'GET /api/bids/{bidId}/offers': Permission.BID_READ,
  'GET /api/bids/{bidId}/history': Permission.BID_READ,
  'POST /api/bids/{bidId}/invitations': Permission.BID_MANAGE,
  'POST /api/bids/{bidId}/members/{memberId}/accept': Permission.MEMBER_EDIT,
  'POST /api/bids/{bidId}/members/{memberId}/decline': Permission.MEMBER_EDIT,
  'POST /api/bids/{bidId}/members/{memberId}/withdraw': Permission.BID_MANAGE,
  'PATCH /api/bids/{bidId}/members/{memberId}': Permission.MEMBER_EDIT,
  'GET /api/bids/{bidId}/members/{memberId}/offers': Permission.MEMBER_OFFERS_READ,
  'PUT /api/bids/{bidId}/members/{memberId}/offers': Permission.MEMBER_EDIT,
  'POST /api/bids/{bidId}/allocations': Permission.BID_MANAGE,
  'GET /api/bids/{bidId}/allocations': Permission.BID_READ,
  'GET /api/bids/{bidId}/allocations/compare': Permission.BID_READ,
  'GET /api/bids/{bidId}/allocations/{number}': Permission.BID_READ,
  'POST /api/bids/{bidId}/allocations/{number}/overrides': Permission.BID_MANAGE,
  'POST /api/bids/{bidId}/documents': Permission.BID_MANAGE,
  'GET /api/bids/{bidId}/documents': Permission.BID_READ,
  'GET /api/bids/{bidId}/documents/{documentId}': Permission.BID_READ,
  'POST /api/bids/{bidId}/documents/{documentId}/freeze': Permission.BID_MANAGE,
  'POST /api/bids/{bidId}/members/{memberId}/signature-code': Permission.MEMBER_SIGN,
  'POST /api/bids/{bidId}/members/{memberId}/signatures': Permission.MEMBER_SIGN,
  'GET /api/bids/{bidId}/members/{memberId}/certificate': Permission.MEMBER_SIGN,
  'PUT /api/bids/{bidId}/members/{memberId}/certificate': Permission.MEMBER_SIGN,
  'DELETE /api/bids/{bidId}/members/{memberId}/certificate': Permission.MEMBER_SIGN,
  'GET /api/bids/{bidId}/documents/{documentId}/signatures': Permission.BID_READ,
  'GET /api/bids/{bidId}/documents/{documentId}/signed': Permission.BID_READ,
  'GET /api/bids/{bidId}/documents/{documentId}/proof': Permission.BID_READ,
  'POST /api/bids/{bidId}/signatures/verify': Permission.BID_READ,
  'GET /api/signing/authority.pem': Permission.PUBLIC,
  'GET /api/bids/{bidId}/workflow': Permission.BID_READ,
  'GET /api/next-steps': Permission.SIGNED_IN,
  'POST /api/bids/{bidId}/workflow/transitions': Permission.BID_MANAGE,
  'POST /api/bids/{bidId}/members/{memberId}/votes': Permission.MEMBER_EDIT,
  'PUT /api/networks/{networkId}/charter': Permission.NETWORK_MANAGE,
  'GET /api/bids/{bidId}/charter': Permission.BID_READ,
  'POST /api/bids/{bidId}/members/{memberId}/charter-acceptance': Permission.MEMBER_EDIT,
  'POST /api/bids/{bidId}/change-requests': Permission.BID_MANAGE,
  'GET /api/bids/{bidId}/change-requests': Permission.BID_READ,
  'POST /api/bids/{bidId}/change-requests/{changeRequestId}/transitions': Permission.BID_MANAGE,
  'GET /api/admin/mails': Permission.PLATFORM_ADMIN,
};

const routeName = (route: { method: string; path: string }) =>
  `${route.method.toUpperCase()} ${route.path}`;

interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  permission: Permission | undefined;
}

describe('Who may see and change what: every route of the api, every role', () => {
  let api: INestApplication;
  let dataSource: DataSource;
  let routes: Route[];
  const ids: Record<string, string> = {};
  const grants: Record<
    Exclude<RoleName, 'anonymous'>,
    { email: string; grants: Grant[]; admin?: boolean }
  > = {} as never;

  async function actAs(role: RoleName): Promise<SignedIn | null> {
    if (role === 'anonymous') return null;
    const who = grants[role];
    return signIn(api, dataSource, who.email, who.grants, { platformAdmin: who.admin });
  }

  /** One request as `role`, each with a fresh session (a logout must not spoil the next). */
  async function call(route: Route, role: RoleName): Promise<request.Response> {
    const url =
      route.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? `unknown-${name}`) +
      (route.permission === Permission.NETWORK_CREATE_BID ? `?networkId=${ids.networkId}` : '');
    const actor = await actAs(role);
    // Empty bodies: a permitted request stops at validation and changes nothing.
    const test = actor ? actor[route.method](url) : request(api.getHttpServer())[route.method](url);
    return route.method === 'get' ? test : test.send({});
  }

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    await clearData(dataSource);
    api = await startApi();
    const access = new AccessRepository(dataSource);
    ids.networkId = await access.ensureNetwork('Réseau A');
    const otherNetwork = await access.ensureNetwork('Réseau B');
    ids.bidId = await importExampleBid(dataSource, ids.networkId);
    const members = await dataSource.query<{ id: string; key: string; organisation_id: string }[]>(
      `SELECT id, key, organisation_id FROM members WHERE bid_id = $1 AND key IN ('org-001', 'org-002')`,
      [ids.bidId],
    );
    const member = members.find((m) => m.key === 'org-001')!;
    const other = members.find((m) => m.key === 'org-002')!;
    ids.memberId = member.id;
    ids.documentId = await storeTestDocument(dataSource, ids.bidId);
    Object.assign(grants, {
      otherCoordinator: {
        email: 'coord@reseau-b.test',
        grants: [{ role: 'COORDINATOR', networkId: otherNetwork }],
      },
      coordinator: {
        email: 'coord@reseau-a.test',
        grants: [{ role: 'COORDINATOR', networkId: ids.networkId }],
      },
      otherEditor: {
        email: 'editeur@org-002.test',
        grants: [{ role: 'EDITOR', organisationId: other.organisation_id }],
      },
      editor: {
        email: 'editeur@org-001.test',
        grants: [{ role: 'EDITOR', organisationId: member.organisation_id }],
      },
      signatory: {
        email: 'signataire@org-001.test',
        grants: [{ role: 'SIGNATORY', organisationId: member.organisation_id }],
      },
      viewer: { email: 'financeur@fondation.test', grants: [{ role: 'VIEWER', bidId: ids.bidId }] },
      admin: { email: 'admin@cordage.test', grants: [], admin: true },
    });
    const coordinator = (await actAs('coordinator'))!;
    const accepted = await coordinator
      .post(`/api/scenarios?networkId=${ids.networkId}`)
      .send(exampleScenario({ reference: 'AUTRE-CONSULTATION' }))
      .expect(202);
    ids.jobId = accepted.body.jobId;

    const openapi = (await request(api.getHttpServer()).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { 'x-access'?: Permission }>>;
    };
    routes = Object.entries(openapi.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        method: method as Route['method'],
        path,
        permission: operation['x-access'],
      })),
    );
  });
  afterAll(async () => {
    await api?.close();
    await dataSource?.destroy();
  });

  it('finds every route of the api in the OpenAPI document, each declaring its expected rule', () => {
    expect(routes.length).toBe(Object.keys(RULES).length);
    const undeclared = routes.filter((route) => route.permission === undefined).map(routeName);
    expect(undeclared).toEqual([]);
    const unexpected = routes
      .filter((route) => RULES[routeName(route)] !== route.permission)
      .map(
        (route) =>
          `${routeName(route)}: declares ${route.permission}, expected ${RULES[routeName(route)]}`,
      );
    expect(unexpected).toEqual([]);
  });

  it('gives every role the expected answer on every route', async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      for (const role of ROLES) {
        const rule = RULES[routeName(route)];
        if (!rule) {
          mismatches.push(`${routeName(route)}: no expected rule in this test`);
          break;
        }
        const expected = EXPECTED[rule][role];
        const response = await call(route, role);
        const allowed = ![401, 403, 404].includes(response.status) && response.status < 500;
        const ok = expected === 'allow' ? allowed : response.status === expected;
        if (!ok) {
          mismatches.push(
            `${route.method.toUpperCase()} ${route.path} as ${role}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body).slice(0, 120)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
