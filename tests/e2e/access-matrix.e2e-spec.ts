import request from 'supertest';
import { Permission, required } from '@cordage/domain';
import {
  AccessRepository,
  BidScenarioRepository,
  BidWorkflowRepository,
  OTHER_SIGNATORY_CAPACITY,
  SigningRepository,
} from '@cordage/persistence';
import { SmtpSink, exampleScenario, siretFor } from '@cordage/testing';
import { memberByKey, pendingRepresentationRequest, systemForTests } from './support/system';
import {
  type Grant,
  type SignedIn,
  coordinatorsOfNetworksAAndB,
  openSession,
  signIn,
} from './support/actors';
import { moveBid } from './support/bid-state';
import { importExampleBid } from './support/example-bid';
import { storeTestDocument } from './support/stored-document';
import { type DocumentedResponses, undocumentedProblem } from './support/openapi-contract';

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
  [Permission.NETWORK_DIRECTORY_READ]: {
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
  [Permission.MEMBER_PARTICULARS_EDIT]: {
    anonymous: 401, otherCoordinator: 404, coordinator: 'allow', otherEditor: 403,
    editor: 'allow', signatory: 403, viewer: 403, admin: 'allow',
  },
  [Permission.MEMBER_REPORT]: {
    anonymous: 401, otherCoordinator: 404, coordinator: 'allow', otherEditor: 403,
    editor: 'allow', signatory: 403, viewer: 403, admin: 'allow',
  },
  [Permission.MEMBER_READ]: {
    anonymous: 401, otherCoordinator: 404, coordinator: 'allow', otherEditor: 'allow',
    editor: 'allow', signatory: 'allow', viewer: 'allow', admin: 'allow',
  },
  [Permission.MEMBER_SIGN]: {
    anonymous: 401, otherCoordinator: 404, coordinator: 403, otherEditor: 403,
    editor: 403, signatory: 'allow', viewer: 403, admin: 403,
  },
  // A member's approval of a report: its signatory or an editor, never a coordinator for it.
  [Permission.MEMBER_APPROVE]: {
    anonymous: 401, otherCoordinator: 404, coordinator: 403, otherEditor: 403,
    editor: 'allow', signatory: 'allow', viewer: 403, admin: 403,
  },
  [Permission.MEMBER_OFFERS_READ]: {
    anonymous: 401, otherCoordinator: 404, coordinator: 'allow', otherEditor: 403,
    editor: 'allow', signatory: 'allow', viewer: 403, admin: 'allow',
  },
  // org-001's subcontractors and subcontracts: its editors and the coordinators.
  [Permission.MEMBER_SUBCONTRACTS_MANAGE]: {
    anonymous: 401, otherCoordinator: 404, coordinator: 'allow', otherEditor: 403,
    editor: 'allow', signatory: 403, viewer: 403, admin: 'allow',
  },
  // A subcontractor's own page (org-015, only a subcontractor): its editors alone, whom no role
  // here holds; the subcontractors.e2e-spec lets one in.
  [Permission.SUBCONTRACTOR_EDIT]: {
    anonymous: 401, otherCoordinator: 404, coordinator: 403, otherEditor: 403,
    editor: 403, signatory: 403, viewer: 403, admin: 403,
  },
  // A request to represent org-001: its people decide, or an admin; the others may not know of it.
  [Permission.REPRESENTATION_DECIDE]: {
    anonymous: 401, otherCoordinator: 404, coordinator: 404, otherEditor: 404,
    editor: 'allow', signatory: 'allow', viewer: 404, admin: 'allow',
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
  'GET /api/scenarios/template': Permission.NETWORK_CREATE_BID,
  'GET /api/jobs/{jobId}': Permission.JOB_READ,
  'GET /api/bids': Permission.SIGNED_IN,
  'GET /api/territories': Permission.SIGNED_IN,
  'GET /api/bids/{bidId}': Permission.BID_READ,
  'PATCH /api/bids/{bidId}': Permission.BID_MANAGE,
  'GET /api/bids/{bidId}/offers': Permission.BID_READ,
  'GET /api/bids/{bidId}/history': Permission.BID_READ,
  'GET /api/bids/{bidId}/workbook': Permission.BID_MANAGE,
  'GET /api/bids/{bidId}/events': Permission.BID_READ,
  'POST /api/bids/{bidId}/invitations': Permission.BID_MANAGE,
  'POST /api/bids/{bidId}/members/{memberId}/invitation-link': Permission.BID_MANAGE,
  'DELETE /api/bids/{bidId}/members/{memberId}/invitation-link': Permission.BID_MANAGE,
  'POST /api/bids/{bidId}/members/{memberId}/reminders': Permission.BID_MANAGE,
  'POST /api/bids/{bidId}/reminders': Permission.BID_MANAGE,
  'POST /api/bids/{bidId}/corrigenda': Permission.BID_MANAGE,
  'POST /api/bids/{bidId}/corrigenda/preview': Permission.BID_MANAGE,
  'GET /api/bids/{bidId}/corrigenda': Permission.BID_READ,
  'GET /api/bids/{bidId}/corrigenda/{number}': Permission.BID_READ,
  'GET /api/representation-requests': Permission.SIGNED_IN,
  'POST /api/representation-requests/{requestId}/confirm': Permission.REPRESENTATION_DECIDE,
  'POST /api/representation-requests/{requestId}/refuse': Permission.REPRESENTATION_DECIDE,
  'POST /api/bids/{bidId}/members/{memberId}/accept': Permission.MEMBER_EDIT,
  'POST /api/bids/{bidId}/members/{memberId}/decline': Permission.MEMBER_EDIT,
  'POST /api/bids/{bidId}/members/{memberId}/withdraw': Permission.BID_MANAGE,
  'PATCH /api/bids/{bidId}/members/{memberId}': Permission.MEMBER_EDIT,
  'GET /api/bids/{bidId}/members/{memberId}/offers': Permission.MEMBER_OFFERS_READ,
  'PUT /api/bids/{bidId}/members/{memberId}/offers': Permission.MEMBER_REPORT,
  'PUT /api/bids/{bidId}/members/{memberId}/signatory': Permission.MEMBER_PARTICULARS_EDIT,
  'GET /api/bids/{bidId}/members/{memberId}/particulars': Permission.MEMBER_READ,
  'PUT /api/bids/{bidId}/members/{memberId}/particulars': Permission.MEMBER_PARTICULARS_EDIT,
  'POST /api/bids/{bidId}/allocations': Permission.BID_MANAGE,
  'GET /api/bids/{bidId}/allocations': Permission.BID_READ,
  'GET /api/bids/{bidId}/allocations/compare': Permission.BID_READ,
  'GET /api/bids/{bidId}/allocations/{number}': Permission.BID_READ,
  'POST /api/bids/{bidId}/allocations/{number}/overrides': Permission.BID_MANAGE,
  'POST /api/bids/{bidId}/allocations/{number}/moves': Permission.BID_MANAGE,
  'GET /api/bids/{bidId}/allocations/{number}/ocds': Permission.BID_READ,
  'GET /api/bids/{bidId}/allocations/{number}/summary': Permission.BID_READ,
  'POST /api/bids/{bidId}/convention/preview': Permission.BID_MANAGE,
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
  'GET /api/signing/revocations.pem': Permission.PUBLIC,
  'GET /api/bids/{bidId}/workflow': Permission.BID_READ,
  'GET /api/next-steps': Permission.SIGNED_IN,
  'POST /api/bids/{bidId}/workflow/transitions': Permission.BID_MANAGE,
  'POST /api/bids/{bidId}/members/{memberId}/votes': Permission.MEMBER_EDIT,
  'PUT /api/networks/{networkId}/charter': Permission.NETWORK_MANAGE,
  'GET /api/networks/{networkId}/charter/versions': Permission.NETWORK_MANAGE,
  'GET /api/bids/{bidId}/charter': Permission.BID_READ,
  'POST /api/bids/{bidId}/members/{memberId}/charter-acceptance': Permission.MEMBER_EDIT,
  'POST /api/bids/{bidId}/change-requests': Permission.BID_MANAGE,
  'GET /api/bids/{bidId}/change-requests': Permission.BID_READ,
  'POST /api/bids/{bidId}/change-requests/{changeRequestId}/transitions': Permission.BID_MANAGE,
  'POST /api/bids/{bidId}/change-requests/replans': Permission.BID_MANAGE,
  'GET /api/bids/{bidId}/change-requests/{changeRequestId}/replan-vote': Permission.BID_READ,
  'POST /api/bids/{bidId}/members/{memberId}/change-requests/{changeRequestId}/votes':
    Permission.MEMBER_EDIT,
  'GET /api/admin/mails': Permission.PLATFORM_ADMIN,
  'POST /api/bids/{bidId}/award': Permission.BID_MANAGE,
  'GET /api/bids/{bidId}/award': Permission.BID_READ,
  'POST /api/bids/{bidId}/award/contracts': Permission.BID_MANAGE,
  'POST /api/bids/{bidId}/members/{memberId}/realised': Permission.MEMBER_REPORT,
  'POST /api/bids/{bidId}/realised/import': Permission.BID_MANAGE,
  'GET /api/bids/{bidId}/realised': Permission.BID_READ,
  'GET /api/bids/{bidId}/realised/totals': Permission.BID_READ,
  'GET /api/bids/{bidId}/realised/drifts': Permission.BID_READ,
  // Recording is refused by the use case to all but the coordinators and the mandataire's editors.
  'POST /api/bids/{bidId}/orders': Permission.BID_READ,
  'POST /api/bids/{bidId}/orders/proposal': Permission.BID_READ,
  'GET /api/bids/{bidId}/orders': Permission.BID_READ,
  'POST /api/bids/{bidId}/award/replans': Permission.BID_MANAGE,
  'GET /api/bids/{bidId}/award/replans': Permission.BID_READ,
  'GET /api/bids/{bidId}/award/replans/{number}': Permission.BID_READ,
  'GET /api/bids/{bidId}/realised/missing': Permission.BID_MANAGE,
  'POST /api/bids/{bidId}/realised/reminders': Permission.BID_MANAGE,
  'POST /api/bids/{bidId}/reports': Permission.BID_MANAGE,
  'GET /api/bids/{bidId}/reports': Permission.BID_READ,
  'GET /api/bids/{bidId}/reports/{reportId}': Permission.BID_READ,
  'POST /api/bids/{bidId}/members/{memberId}/evaluations/{reportId}/approval':
    Permission.MEMBER_APPROVE,
  'GET /api/bids/{bidId}/reports/{reportId}/approvals': Permission.BID_READ,
  'POST /api/bids/{bidId}/renewals': Permission.BID_MANAGE,
  'GET /api/bids/{bidId}/renewal': Permission.BID_MANAGE,
  'GET /api/bids/{bidId}/members/{memberId}/carried-offers': Permission.MEMBER_REPORT,
  'GET /api/networks/{networkId}/organisations': Permission.NETWORK_DIRECTORY_READ,
  'POST /api/networks/{networkId}/organisations': Permission.NETWORK_MANAGE,
  'GET /api/networks/{networkId}/organisations/template': Permission.NETWORK_DIRECTORY_READ,
  'POST /api/networks/{networkId}/organisations/import': Permission.NETWORK_MANAGE,
  'GET /api/networks/{networkId}/organisations/{organisationId}': Permission.NETWORK_DIRECTORY_READ,
  'PATCH /api/networks/{networkId}/organisations/{organisationId}': Permission.NETWORK_MANAGE,
  'GET /api/networks/{networkId}/registry': Permission.NETWORK_DIRECTORY_READ,
  'GET /api/networks/{networkId}/commitments': Permission.NETWORK_DIRECTORY_READ,
  'GET /api/bids/{bidId}/members/{memberId}/subcontracting': Permission.MEMBER_SUBCONTRACTS_MANAGE,
  'GET /api/bids/{bidId}/members/{memberId}/subcontractor-directory':
    Permission.MEMBER_SUBCONTRACTS_MANAGE,
  'POST /api/bids/{bidId}/members/{memberId}/subcontractors/{subcontractorId}/withdraw':
    Permission.MEMBER_SUBCONTRACTS_MANAGE,
  'GET /api/bids/{bidId}/subcontracting': Permission.BID_MANAGE,
  'GET /api/subcontracting/engagements': Permission.SIGNED_IN,
  'POST /api/bids/{bidId}/members/{memberId}/subcontractors': Permission.MEMBER_SUBCONTRACTS_MANAGE,
  'POST /api/bids/{bidId}/members/{memberId}/subcontracts': Permission.MEMBER_SUBCONTRACTS_MANAGE,
  'PUT /api/bids/{bidId}/members/{memberId}/subcontracts/{subcontractId}':
    Permission.MEMBER_SUBCONTRACTS_MANAGE,
  'GET /api/bids/{bidId}/subcontractors/{subcontractorId}': Permission.SUBCONTRACTOR_EDIT,
  'POST /api/bids/{bidId}/subcontractors/{subcontractorId}/accept': Permission.SUBCONTRACTOR_EDIT,
  'POST /api/bids/{bidId}/subcontractors/{subcontractorId}/decline': Permission.SUBCONTRACTOR_EDIT,
  'PUT /api/bids/{bidId}/subcontractors/{subcontractorId}/capacities':
    Permission.SUBCONTRACTOR_EDIT,
};

const routeName = (route: { method: string; path: string }) =>
  `${route.method.toUpperCase()} ${route.path}`;

interface DocumentedOperation {
  'x-access'?: Permission;
  responses: DocumentedResponses;
}

interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  permission: Permission | undefined;
  responses: DocumentedResponses;
}

describe('Who may see and change what: every route of the api, every role', () => {
  const system = systemForTests({ worker: false });
  let routes: Route[];
  const ids: Record<string, string> = {};
  const grants: Record<
    Exclude<RoleName, 'anonymous'>,
    { email: string; grants: Grant[]; admin?: boolean }
  > = {} as never;

  async function actAs(role: RoleName): Promise<SignedIn | null> {
    if (role === 'anonymous') return null;
    const who = grants[role];
    return signIn(system.api, system.dataSource, who.email, who.grants, {
      platformAdmin: who.admin,
    });
  }

  /** One request as `role`, each with a fresh session (a logout must not spoil the next). */
  async function call(route: Route, role: RoleName): Promise<request.Response> {
    const url =
      route.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? `unknown-${name}`) +
      (route.permission === Permission.NETWORK_CREATE_BID ? `?networkId=${ids.networkId}` : '');
    const actor = await actAs(role);
    // Empty bodies: a permitted request stops at validation and changes nothing.
    const test = actor
      ? actor[route.method](url)
      : request(system.api.getHttpServer())[route.method](url);
    // An event stream stays open: its answer is judged on its status, then the stream is left.
    if (route.path.endsWith('/events'))
      return test.buffer(true).parse((response, done) => {
        if (String(response.headers['content-type']).startsWith('text/event-stream')) {
          done(null, {});
          (response as unknown as { destroy(): void }).destroy();
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, JSON.parse(Buffer.concat(chunks).toString() || '{}')));
      });
    return route.method === 'get' ? test : test.send({});
  }

  beforeAll(async () => {
    const access = system.persistence.get(AccessRepository);
    ids.networkId = await access.ensureNetwork('Réseau A');
    const otherNetwork = await access.ensureNetwork('Réseau B');
    ids.bidId = await importExampleBid(system.persistence, ids.networkId);
    const member = await memberByKey(system.dataSource, ids.bidId, 'org-001');
    const other = await memberByKey(system.dataSource, ids.bidId, 'org-002');
    ids.memberId = member.id;
    ids.subcontractorId = (await memberByKey(system.dataSource, ids.bidId, 'org-015')).id;
    const [subcontract] = await system.dataSource.query<{ id: string }[]>(
      'SELECT id FROM subcontracts WHERE bid_id = $1 AND principal_id = $2',
      [ids.bidId, member.id],
    );
    ids.subcontractId = required(subcontract, 'org-001’s subcontract').id;
    // A bid's members are in its network's directory.
    ids.organisationId = member.organisationId;
    ids.documentId = await storeTestDocument(system.dataSource, ids.bidId);
    ids.requestId = await pendingRepresentationRequest(system.dataSource, {
      organisationId: member.organisationId,
      bidId: ids.bidId,
      asker: 'demandeur@ailleurs.test',
    });
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
        grants: [{ role: 'EDITOR', organisationId: other.organisationId }],
      },
      editor: {
        email: 'editeur@org-001.test',
        grants: [{ role: 'EDITOR', organisationId: member.organisationId }],
      },
      signatory: {
        email: 'signataire@org-001.test',
        grants: [{ role: 'SIGNATORY', organisationId: member.organisationId }],
      },
      viewer: { email: 'financeur@fondation.test', grants: [{ role: 'VIEWER', bidId: ids.bidId }] },
      admin: { email: 'admin@cordage.test', grants: [], admin: true },
    });
    const coordinator = required(await actAs('coordinator'), 'a signed-in coordinator');
    const accepted = await coordinator
      .post(`/api/scenarios?networkId=${ids.networkId}`)
      .send(exampleScenario({ reference: 'AUTRE-CONSULTATION' }))
      .expect(202);
    ids.jobId = accepted.body.jobId;

    const openapi = (await request(system.api.getHttpServer()).get('/api/docs-json').expect(200))
      .body as {
      paths: Record<string, Record<string, DocumentedOperation>>;
    };
    routes = Object.entries(openapi.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        method: method as Route['method'],
        path,
        permission: operation['x-access'],
        responses: operation.responses,
      })),
    );
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
        const undocumented = undocumentedProblem(routeName(route), route.responses, response);
        if (undocumented) mismatches.push(undocumented);
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
    // Every route times every role: minutes on a machine shared with other test runs.
  }, 600_000);
});

/**
 * Issue 13: a SIRET is public, so knowing it proves nothing. A coordinator of network B invites
 * network A's member by its SIRET with an address of their choosing: that address must get
 * nothing of A's until A's member's people (or an admin) confirm it.
 */
describe('Nobody acts for an organisation they do not represent', () => {
  const smtp = new SmtpSink();
  // Mail leaves through the outbox: the system's worker sends it.
  const system = systemForTests({ smtp });
  let bidA: string;
  let memberA: string;
  let organisationA: string;
  const siretA = siretFor(13, 1);
  let representativeA: SignedIn;
  let coordinatorB: SignedIn;
  let networkB: string;
  let otherEditor: SignedIn;
  let admin: SignedIn;
  let bids = 0;

  /** A fresh bid of network B, open to new members. */
  async function bidOfB(): Promise<string> {
    const bidId = await importExampleBid(
      system.persistence,
      networkB,
      exampleScenario({ reference: `RESEAU-B-${++bids}` }),
    );
    await moveBid(system.dataSource, bidId, 'COLLECTING');
    return bidId;
  }

  /** B's coordinator invites A's member by its public SIRET, with an address B chose. */
  async function takeover(email: string) {
    const bidB = await bidOfB();
    const invited = await coordinatorB
      .post(`/api/bids/${bidB}/invitations`)
      .send({ email, idScheme: 'SIRET', id: siretA, signatory: true })
      .expect(201);
    expect(invited.body).toMatchObject({
      organisationId: organisationA,
      representation: 'PENDING',
    });
    return { bidB, requestId: invited.body.representationRequestId as string };
  }

  /** The person behind `email` signs in with the invitation link mailed to them. */
  async function followInvitation(email: string): Promise<SignedIn> {
    return openSession(system.api, await smtp.lastToken(email), email);
  }

  const grantsOf = (organisationId: string) =>
    system.dataSource.query<{ email: string; role: string }[]>(
      `SELECT u.email, a.role FROM role_assignments a JOIN users u ON u.id = a.user_id
       WHERE a.organisation_id = $1 ORDER BY u.email, a.role`,
      [organisationId],
    );
  /** Everything of A's that the attack must leave alone. */
  const sideA = async () => ({
    organisation: await system.dataSource.query(
      // The shared row and A's own entry of the organisation (B's bid may give B one of its own).
      `SELECT o.legal_name, o.kind, n.staff, n.home_territory_id, n.representatives,
              n.legal_form, n.address, n.approval_number
       FROM organisations o LEFT JOIN network_organisations n ON n.organisation_id = o.id
         AND n.network_id = (SELECT network_id FROM bids WHERE id = $2)
       WHERE o.id = $1`,
      [organisationA, bidA],
    ),
    grants: await grantsOf(organisationA),
    bid: await system.dataSource.query(
      `SELECT b.status, m.key, m.status AS member_status, m.invited_email,
              (SELECT count(*)::int FROM offers o WHERE o.member_id = m.id) AS offers
       FROM bids b JOIN members m ON m.bid_id = b.id WHERE b.id = $1 ORDER BY m.key`,
      [bidA],
    ),
    history: await system.dataSource.query(
      'SELECT count(*)::int AS n FROM audit_events WHERE bid_id = $1',
      [bidA],
    ),
  });
  const roles = async (who: SignedIn) =>
    (await who.get('/api/auth/me').expect(200)).body.roles as {
      editorOf: string[];
      signatoryOf: string[];
    };

  beforeAll(async () => {
    const access = system.persistence.get(AccessRepository);
    const networkA = await access.ensureNetwork('Réseau A');
    networkB = await access.ensureNetwork('Réseau B');
    bidA = await importExampleBid(
      system.persistence,
      networkA,
      exampleScenario({ reference: 'RESEAU-A' }),
    );
    await moveBid(system.dataSource, bidA, 'COLLECTING');
    const coordinatorA = await signIn(system.api, system.dataSource, 'coord@reseau-a.test', [
      { role: 'COORDINATOR', networkId: networkA },
    ]);
    coordinatorB = await signIn(system.api, system.dataSource, 'coord@reseau-b.test', [
      { role: 'COORDINATOR', networkId: networkB },
    ]);
    admin = await signIn(system.api, system.dataSource, 'admin@cordage.test', [], {
      platformAdmin: true,
    });
    // A's member, new to the platform: its first representative is granted at once, as always.
    const invited = await coordinatorA
      .post(`/api/bids/${bidA}/invitations`)
      .send({
        email: 'direction@atelier-nord.test',
        idScheme: 'SIRET',
        id: siretA,
        signatory: true,
        organisation: {
          legalName: 'Atelier du Nord',
          kind: 'ACI',
          employees: 25,
          home: 'COM:93048',
          representative: { name: 'Inès Morel', title: 'Directrice' },
        },
      })
      .expect(201);
    expect(invited.body.representation).toBe('GRANTED');
    memberA = invited.body.memberId;
    organisationA = invited.body.organisationId;
    representativeA = await followInvitation('direction@atelier-nord.test');
    expect(await roles(representativeA)).toEqual(
      expect.objectContaining({ editorOf: [organisationA], signatoryOf: [organisationA] }),
    );
    const org002 = await memberByKey(system.dataSource, bidA, 'org-002');
    otherEditor = await signIn(system.api, system.dataSource, 'editeur@org-002.test', [
      { role: 'EDITOR', organisationId: org002.organisationId },
    ]);
  }, 120_000);

  it('gives the address B chose nothing of A’s, and leaves no trace on A’s side', async () => {
    const before = await sideA();
    smtp.mails.length = 0;
    const { bidB, requestId } = await takeover('x@elsewhere.example');

    expect(await sideA()).toEqual(before);
    const granted = await system.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM role_assignments a JOIN users u ON u.id = a.user_id
       WHERE u.email = 'x@elsewhere.example'`,
    );
    expect(granted).toEqual([{ n: 0 }]);

    // The attacker follows the invitation link: signed in, and nothing to act on.
    const attacker = await followInvitation('x@elsewhere.example');
    expect(await roles(attacker)).toEqual(
      expect.objectContaining({ editorOf: [], signatoryOf: [] }),
    );
    await attacker.get(`/api/bids/${bidA}`).expect(404);
    await attacker.get(`/api/bids/${bidA}/offers`).expect(404);
    await attacker.get(`/api/bids/${bidA}/members/${memberA}/offers`).expect(404);
    await attacker.patch(`/api/bids/${bidA}/members/${memberA}`).send({}).expect(404);
    await attacker
      .put(`/api/bids/${bidA}/members/${memberA}/offers`)
      .send({ offers: [] })
      .expect(404);
    await attacker.post(`/api/bids/${bidA}/members/${memberA}/signature-code`).send({}).expect(404);
    await attacker.get(`/api/bids/${bidA}/members/${memberA}/certificate`).expect(404);
    const visible = (await attacker.get('/api/bids').expect(200)).body as unknown;
    expect(JSON.stringify(visible)).not.toContain(bidA);
    // Its own invitation shows as waiting for A's people.
    const listed = (await attacker.get('/api/representation-requests').expect(200)).body;
    expect(listed.toDecide).toEqual([]);
    expect(listed.mine).toEqual([
      expect.objectContaining({ id: requestId, status: 'PENDING', roles: ['EDITOR', 'SIGNATORY'] }),
    ]);

    // A's representative is told who asks, for what, from where, and where to answer.
    const mail = await smtp.waitForMail('direction@atelier-nord.test');
    expect(mail.subject).toContain('x@elsewhere.example');
    expect(mail.text).toContain('coord@reseau-b.test');
    expect(mail.text).toContain('Atelier du Nord');
    expect(mail.text).toContain('RESEAU-B-');
    expect(mail.text).toContain('Réseau B');
    expect(mail.text).toMatch(/\/representations\b/);

    // No one but A's people decides: not the asker, not B's coordinator, not another member.
    const own = await attacker.post(`/api/representation-requests/${requestId}/confirm`).send();
    expect(own.status).toBe(403);
    for (const who of [coordinatorB, otherEditor]) {
      await who.post(`/api/representation-requests/${requestId}/confirm`).send().expect(404);
      await who.post(`/api/representation-requests/${requestId}/refuse`).send().expect(404);
      const seen = (await who.get('/api/representation-requests').expect(200)).body;
      expect(seen.toDecide).toEqual([]);
    }
    const malformed = await representativeA
      .post('/api/representation-requests/pas-un-uuid/confirm')
      .send()
      .expect(400);
    expect(malformed.body.problems[0]).toMatchObject({ path: 'requestId' });
    expect(await sideA()).toEqual(before);

    // A's representative sees the request and confirms it: only now the roles exist.
    const pending = (await representativeA.get('/api/representation-requests').expect(200)).body;
    expect(pending.toDecide).toEqual([
      expect.objectContaining({
        id: requestId,
        organisation: { id: organisationA, legalName: 'Atelier du Nord' },
        requester: expect.objectContaining({ email: 'x@elsewhere.example' }),
        requestedBy: 'coord@reseau-b.test',
        bid: expect.objectContaining({ id: bidB, network: 'Réseau B' }),
      }),
    ]);
    const confirmed = await representativeA
      .post(`/api/representation-requests/${requestId}/confirm`)
      .send()
      .expect(200);
    expect(confirmed.body).toMatchObject({ status: 'CONFIRMED', decidedAs: 'REPRESENTATIVE' });
    const decision = await smtp.waitForMail('x@elsewhere.example', (mail) =>
      mail.subject.startsWith('Confirmé'),
    );
    expect(decision.subject).toBe('Confirmé : vous représentez Atelier du Nord');
    expect(await roles(attacker)).toEqual(
      expect.objectContaining({ editorOf: [organisationA], signatoryOf: [organisationA] }),
    );
    await attacker.get(`/api/bids/${bidA}`).expect(200);
    // Decided once.
    const twice = await representativeA
      .post(`/api/representation-requests/${requestId}/refuse`)
      .send()
      .expect(409);
    expect(twice.body.problems[0]).toMatchObject({ path: 'requestId' });
    const [audit] = await system.dataSource.query<
      { actor: string; after: { decidedAs: string } }[]
    >(
      `SELECT actor, after FROM audit_events WHERE action = 'representation.confirmed'
       AND entity_id = $1`,
      [requestId],
    );
    expect(audit).toMatchObject({
      actor: 'direction@atelier-nord.test',
      after: { decidedAs: 'REPRESENTATIVE' },
    });
  }, 60_000);

  it('grants nothing when A’s representative refuses, for good', async () => {
    const before = await sideA();
    const { requestId } = await takeover('y@elsewhere.example');
    const refused = await representativeA
      .post(`/api/representation-requests/${requestId}/refuse`)
      .send()
      .expect(200);
    expect(refused.body).toMatchObject({ status: 'REFUSED', decidedAs: 'REPRESENTATIVE' });
    const decision = await smtp.waitForMail('y@elsewhere.example', (mail) =>
      mail.subject.startsWith('Refusé'),
    );
    expect(decision.subject).toBe('Refusé : demande pour représenter Atelier du Nord');
    expect(await sideA()).toEqual(before);
    await representativeA
      .post(`/api/representation-requests/${requestId}/confirm`)
      .send()
      .expect(409);
    await admin.post(`/api/representation-requests/${requestId}/confirm`).send().expect(409);
    expect(await sideA()).toEqual(before);
    const audit = await system.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'representation.refused'
       AND entity_id = $1`,
      [requestId],
    );
    expect(audit).toEqual([{ n: 1 }]);
  }, 60_000);

  it('asks nothing when B invites A’s member with the address of its own representative', async () => {
    const bidB = await bidOfB();
    const before = await grantsOf(organisationA);
    const invited = await coordinatorB
      .post(`/api/bids/${bidB}/invitations`)
      .send({
        email: 'direction@atelier-nord.test',
        idScheme: 'SIRET',
        id: siretA,
        signatory: true,
      })
      .expect(201);
    expect(invited.body).toMatchObject({
      representation: 'GRANTED',
      representationRequestId: null,
    });
    expect(await grantsOf(organisationA)).toEqual(before);
    await representativeA.get(`/api/bids/${bidB}`).expect(200);
  }, 60_000);

  it('still grants at once for a known organisation that nobody represents any more', async () => {
    const invited = await coordinatorB
      .post(`/api/bids/${await bidOfB()}/invitations`)
      .send({
        email: 'ancien@atelier-sud.test',
        idScheme: 'SIRET',
        id: siretFor(13, 2),
        organisation: {
          legalName: 'Atelier du Sud',
          kind: 'EI',
          employees: 40,
          home: 'COM:93048',
          representative: { name: 'Paul Roux', title: 'Gérant' },
        },
      })
      .expect(201);
    const organisationId = invited.body.organisationId as string;
    await system.dataSource.query('DELETE FROM role_assignments WHERE organisation_id = $1', [
      organisationId,
    ]);
    const again = await coordinatorB
      .post(`/api/bids/${await bidOfB()}/invitations`)
      .send({ email: 'nouvelle@atelier-sud.test', idScheme: 'SIRET', id: siretFor(13, 2) })
      .expect(201);
    expect(again.body).toMatchObject({ representation: 'GRANTED', representationRequestId: null });
    expect(await grantsOf(organisationId)).toEqual([
      { email: 'nouvelle@atelier-sud.test', role: 'EDITOR' },
    ]);
  }, 60_000);

  it('lets a platform administrator confirm, recorded in the audit log as such', async () => {
    const { requestId } = await takeover('z@elsewhere.example');
    const pending = (await admin.get('/api/representation-requests').expect(200)).body;
    expect(pending.toDecide.map((r: { id: string }) => r.id)).toContain(requestId);
    const confirmed = await admin
      .post(`/api/representation-requests/${requestId}/confirm`)
      .send()
      .expect(200);
    expect(confirmed.body).toMatchObject({ status: 'CONFIRMED', decidedAs: 'PLATFORM_ADMIN' });
    expect(await grantsOf(organisationA)).toEqual(
      expect.arrayContaining([
        { email: 'z@elsewhere.example', role: 'EDITOR' },
        { email: 'z@elsewhere.example', role: 'SIGNATORY' },
      ]),
    );
    const [audit] = await system.dataSource.query<
      { actor: string; actor_user_id: string; after: Record<string, unknown> }[]
    >(
      `SELECT actor, actor_user_id, after FROM audit_events
       WHERE action = 'representation.confirmed' AND entity_id = $1`,
      [requestId],
    );
    expect(audit).toMatchObject({
      actor: 'admin@cordage.test',
      actor_user_id: admin.userId,
      after: {
        decidedAs: 'PLATFORM_ADMIN',
        organisationId: organisationA,
        roles: ['EDITOR', 'SIGNATORY'],
      },
    });
  }, 60_000);
});

/**
 * Issue 17: an organisation in two networks' directories. What network B sees of it is what the
 * organisation shares (its identifier, legal name and kind), never what network A entered, A's
 * bids or A's figures; and no filter or search of B's answers on A's data.
 */
describe('Two networks sharing an organisation: the directory and the commitments leak nothing', () => {
  const system = systemForTests({ worker: false });
  const siret = siretFor(17, 1);
  let networkA: string;
  let networkB: string;
  let coordinatorA: SignedIn;
  let coordinatorB: SignedIn;
  let organisationId: string;
  let bidA: string;
  let bidB: string;
  let memberB: string;

  /** What A entered of the organisation, and A's bid: none of it may reach B. */
  const SECRETS_OF_A = [
    'SECRET-A',
    '12 quai des Secrets',
    'secret@atelier-partage.test',
    'ESAT-SECRET-17',
    'Directrice de A',
    '+33 1 00 00 00 17',
  ];

  const declare = (editor: SignedIn, bidId: string, memberId: string, hours: number) =>
    editor
      .put(`/api/bids/${bidId}/members/${memberId}/offers`)
      .send({ offers: [{ lot: 1, territory: 'COM:93066', hours, preference: 'PRIMARY' }] })
      .expect(200);

  /** The organisation invited into `bidId` and accepting, as its editor: its member id. */
  async function joins(coordinator: SignedIn, bidId: string, editor: SignedIn): Promise<string> {
    await moveBid(system.dataSource, bidId, 'COLLECTING');
    const invited = await coordinator
      .post(`/api/bids/${bidId}/invitations`)
      .send({ email: 'direction@atelier-partage.test', idScheme: 'SIRET', id: siret })
      .expect(201);
    expect(invited.body.organisationId).toBe(organisationId);
    const memberId = invited.body.memberId as string;
    await editor.post(`/api/bids/${bidId}/members/${memberId}/accept`).expect(204);
    return memberId;
  }

  beforeAll(async () => {
    ({ networkA, coordinatorA, networkB, coordinatorB } = await coordinatorsOfNetworksAAndB(
      system.api,
      system.dataSource,
    ));
    const added = await coordinatorA
      .post(`/api/networks/${networkA}/organisations`)
      .send({
        idScheme: 'SIRET',
        id: siret,
        legalName: 'Atelier partagé',
        kind: 'ESAT',
        legalForm: 'ASSOCIATION_LOI_1901',
        address: '12 quai des Secrets, 94000 Créteil',
        staff: 120,
        approvalNumber: 'ESAT-SECRET-17',
        approvalDate: '2021-03-01',
        territories: ['DEP:94'],
        contactName: 'Contact de A',
        contactEmail: 'secret@atelier-partage.test',
        contactPhone: '+33 1 00 00 00 17',
        representatives: [
          { name: 'Directrice de A', title: 'directrice', email: 'direction@atelier-partage.test' },
        ],
        limits: { maxHours: 500, maxRevenueCents: null, maxInsertionHours: null },
      })
      .expect(201);
    organisationId = added.body.organisationId;
    const editor = await signIn(system.api, system.dataSource, 'direction@atelier-partage.test', [
      { role: 'EDITOR', organisationId },
    ]);
    // In A: one bid, 600 hours declared for a limit of 500.
    bidA = await importExampleBid(
      system.persistence,
      networkA,
      exampleScenario({ reference: 'SECRET-A-1' }),
    );
    await declare(editor, bidA, await joins(coordinatorA, bidA, editor), 600);
    // In B: one bid, 150 hours declared.
    bidB = await importExampleBid(
      system.persistence,
      networkB,
      exampleScenario({ reference: 'RESEAU-B-1' }),
    );
    memberB = await joins(coordinatorB, bidB, editor);
    await declare(editor, bidB, memberB, 150);
  }, 120_000);

  it('shows B the organisation’s identifier, legal name and kind only, and B’s own entry', async () => {
    const base = `/api/networks/${networkB}/organisations`;
    // Listed in B by B's own bid, bare: nothing of A's.
    const bare = (await coordinatorB.get(`${base}/${organisationId}`).expect(200)).body;
    expect(bare.organisation).toMatchObject({
      organisationId,
      legalName: 'Atelier partagé',
      kind: 'ESAT',
      address: null,
      staff: null,
      approvalNumber: null,
      contactEmail: null,
      territories: [],
      representatives: [],
      limits: { maxHours: null, maxRevenueCents: null, maxInsertionHours: null },
    });
    // B's own bid, before B entered anything: the member's identity, nothing of what A entered.
    const memberInB = async () =>
      (
        (await coordinatorB.get(`/api/bids/${bidB}`).expect(200)).body as {
          members: { organisation: { id: string } }[];
        }
      ).members.find((m) => m.organisation.id === organisationId);
    expect(await memberInB()).toMatchObject({
      offeredHours: 150,
      organisation: {
        legalName: 'Atelier partagé',
        employees: null,
        home: '',
        representative: { name: '', title: '', email: '' },
      },
    });
    // B enters what it knows, with its own limit.
    const entered = await coordinatorB
      .post(base)
      .send({
        idScheme: 'SIRET',
        id: siret,
        legalName: 'Nom que B croyait',
        kind: 'EA',
        territories: ['COM:93066'],
        representatives: [{ name: 'Gérant vu par B', title: 'gérant', email: 'b@b.test' }],
        limits: { maxHours: 100, maxRevenueCents: null, maxInsertionHours: null },
      })
      .expect(201);
    expect(entered.body).toMatchObject({ legalName: 'Atelier partagé', kind: 'ESAT', staff: null });

    const page = (await coordinatorB.get(`${base}/${organisationId}`).expect(200)).body;
    expect(page.bids.map((bid: { bidId: string }) => bid.bidId)).toEqual([bidB]);
    expect(page.commitments.bids.map((bid: { bidId: string }) => bid.bidId)).toEqual([bidB]);
    expect(page.commitments.totals.DECLARED.HOURS).toBe(150);

    // Neither a filter nor a search of B's directory answers on what A entered (B's own file
    // gave the staff of the other members of B's bid: they may answer, the shared one must not).
    const find = async (query: string) =>
      (await coordinatorB.get(`${base}?${query}`).expect(200)).body as {
        total: number;
        items: { organisationId: string }[];
      };
    for (const query of [
      'territory=DEP:94',
      'search=ESAT-SECRET-17',
      'search=secret@atelier-partage.test',
      'search=quai des Secrets',
    ]) {
      expect([query, (await find(query)).total]).toEqual([query, 0]);
    }
    const medium = await find('size=MEDIUM&limit=500');
    expect(medium.total).toBe(medium.items.length);
    expect(medium.items.map((item) => item.organisationId)).not.toContain(organisationId);
    expect((await find('territory=COM:93066')).total).toBe(1);

    // B's over-commitments: its own bid against its own limit, never A's 600 hours.
    const over = (await coordinatorB.get(`/api/networks/${networkB}/commitments`).expect(200)).body;
    expect(over.items).toEqual([
      expect.objectContaining({
        organisationId,
        limits: expect.objectContaining({ maxHours: 100 }),
        assessment: expect.objectContaining({
          totals: expect.objectContaining({ DECLARED: expect.objectContaining({ HOURS: 150 }) }),
          overages: [
            expect.objectContaining({
              total: 150,
              bids: [expect.objectContaining({ bidId: bidB, figure: 150 })],
            }),
          ],
        }),
      }),
    ]);

    const seen = JSON.stringify([
      bare,
      entered.body,
      page,
      over,
      (await coordinatorB.get(`${base}?limit=500`).expect(200)).body,
    ]);
    // Then B's own bid shows what B entered, and still nothing that A's directory entered (staff,
    // territory, representative, approval, address, contact), on any bid route that shows it.
    expect(await memberInB()).toMatchObject({
      offeredHours: 150,
      organisation: {
        employees: null,
        home: 'COM:93066',
        representative: { name: 'Gérant vu par B', title: 'gérant', email: 'b@b.test' },
      },
    });
    const bidOfB = (await coordinatorB.get(`/api/bids/${bidB}`).expect(200)).body;
    const bidRoutes = JSON.stringify([
      bidOfB,
      (await coordinatorB.get(`/api/bids/${bidB}/members/${memberB}/particulars`).expect(200)).body,
      (await coordinatorB.get(`/api/bids/${bidB}/members/${memberB}/offers`).expect(200)).body,
      (await coordinatorB.get(`/api/bids/${bidB}/workflow`).expect(200)).body,
    ]);
    for (const secret of [...SECRETS_OF_A, 'Contact de A', 'DEP:94', bidA, ':120,', ':120}']) {
      expect([secret, bidRoutes.includes(secret)]).toEqual([secret, false]);
    }
    for (const secret of [...SECRETS_OF_A, bidA, ':600,', ':600}']) {
      expect(seen).not.toContain(secret);
    }
  });

  it('shows A its own entry, bids and figures, untouched by B’s', async () => {
    const page = (
      await coordinatorA
        .get(`/api/networks/${networkA}/organisations/${organisationId}`)
        .expect(200)
    ).body;
    expect(page.organisation).toMatchObject({
      staff: 120,
      territories: ['DEP:94'],
      limits: expect.objectContaining({ maxHours: 500 }),
    });
    expect(page.bids.map((bid: { bidId: string }) => bid.bidId)).toEqual([bidA]);
    expect(page.commitments.totals.DECLARED.HOURS).toBe(600);
    // A's bid shows the member as A's directory entered it: from A's own entry.
    const bidOfA = (await coordinatorA.get(`/api/bids/${bidA}`).expect(200)).body as {
      members: { organisation: { id: string } }[];
    };
    expect(bidOfA.members.find((m) => m.organisation.id === organisationId)).toMatchObject({
      organisation: {
        employees: 120,
        home: 'DEP:94',
        representative: {
          name: 'Directrice de A',
          title: 'directrice',
          email: 'direction@atelier-partage.test',
        },
      },
    });
    const seen = JSON.stringify([
      page,
      bidOfA,
      (await coordinatorA.get(`/api/networks/${networkA}/commitments`).expect(200)).body,
    ]);
    for (const secret of ['RESEAU-B', 'Gérant vu par B', 'b@b.test', bidB]) {
      expect(seen).not.toContain(secret);
    }
  });

  it('answers B 404 on every directory route of A, and on A’s bid and its workflow', async () => {
    const a = `/api/networks/${networkA}`;
    for (const path of [
      `${a}/organisations`,
      `${a}/organisations/template`,
      `${a}/organisations/${organisationId}`,
      `${a}/registry?idScheme=SIRET&id=${siret}`,
      `${a}/commitments`,
      `/api/bids/${bidA}`,
      `/api/bids/${bidA}/workflow`,
    ]) {
      expect([path, (await coordinatorB.get(path)).status]).toEqual([path, 404]);
    }
    await coordinatorB.post(`${a}/organisations`).send({}).expect(404);
    await coordinatorB
      .post(`${a}/organisations/import`)
      .set('Content-Type', 'text/csv')
      .send('x')
      .expect(404);
    await coordinatorB.patch(`${a}/organisations/${organisationId}`).send({ staff: 1 }).expect(404);
    // A's entry is unchanged.
    const [row] = await system.dataSource.query<{ staff: number }[]>(
      'SELECT staff FROM network_organisations WHERE network_id = $1 AND organisation_id = $2',
      [networkA, organisationId],
    );
    expect(row?.staff).toBe(120);
  });
});

/**
 * Issue 17: what a network enters of an organisation through its bids (a scenario file, an
 * invitation with its details, the particulars, the signatory) is that network's own entry. A
 * second network bringing the same organisation (by its SIRET) into its own bid sees none of it:
 * not in its bid, its members, its documents' data, its signing party or its mail recipients;
 * and what the second network enters in turn never reaches the first.
 */
describe('Two networks sharing an organisation through their bids: each sees its own details only', () => {
  const system = systemForTests({ worker: false });
  const siret = siretFor(17, 2);
  /** Marks of what A entered: none may reach B. */
  const ENTERED_BY_A = [
    'Représentante vue par A',
    'direction@vue-par-a.test',
    '1 rue du Réseau A',
    'AGR-RESEAU-A',
    'DDETS vue par A',
    'Présidente vue par A',
    'Directeur vu par A',
    'rep1@vue-par-a.test',
  ];
  /** Marks of what B entered: none may reach A. */
  const ENTERED_BY_B = [
    'Gérante vue par B',
    'gerante@vue-par-b.test',
    '9 avenue du Réseau B',
    'AGR-RESEAU-B',
    'Cogérante vue par B',
    'Directrice vue par B',
    'rep1@vue-par-b.test',
  ];
  let networkA: string;
  let networkB: string;
  let coordinatorA: SignedIn;
  let coordinatorB: SignedIn;
  let bidA: string;
  let bidB: string;
  let organisationId: string;
  let memberA: string;
  let memberB: string;

  /** The example scenario under `reference`, its org-001 described as `network` knows it. */
  function scenarioOf(reference: string, network: 'A' | 'B'): Record<string, unknown> {
    const scenario = exampleScenario({ reference });
    const organisations = scenario.organizations as Record<string, unknown>[];
    const first = required(organisations[0], 'org-001 of the example');
    if (network === 'A') {
      first.employees = 11;
      first.representative = {
        name: 'Directeur vu par A',
        title: 'directeur',
        email: 'rep1@vue-par-a.test',
      };
    } else {
      first.employees = 222;
      first.representative = {
        name: 'Directrice vue par B',
        title: 'directrice',
        email: 'rep1@vue-par-b.test',
      };
    }
    return scenario;
  }

  /** Everything a bid's network reads of its members, as the api and the documents read it. */
  async function seenIn(coordinator: SignedIn, bidId: string, memberId: string) {
    const bid = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body as {
      members: { id: string; key: string; organisation: Record<string, unknown> }[];
    };
    const particulars = (
      await coordinator.get(`/api/bids/${bidId}/members/${memberId}/particulars`).expect(200)
    ).body as Record<string, unknown>;
    const scenario = await system.persistence.get(BidScenarioRepository).exportScenario(bidId);
    const recipients = await system.persistence
      .get(BidWorkflowRepository)
      .recipients(bidId, null, 'SIGNATORY');
    const invitee = await system.dataSource.query<{ id: string }[]>(
      'SELECT id FROM users WHERE email = $1',
      ['direction@vue-par-a.test'],
    );
    const party = await system.persistence
      .get(SigningRepository)
      .party(memberId, required(invitee[0], 'the person A invited').id);
    return {
      member: required(
        bid.members.find((member) => member.id === memberId),
        'the member in the bid',
      ).organisation,
      memberKey: bid.members.find((member) => member.id === memberId)?.key,
      org001: required(
        bid.members.find((member) => member.key === 'org-001'),
        'org-001 in the bid',
      ).organisation,
      particulars,
      documents: required(scenario, 'the bid’s scenario').organizations,
      recipients,
      party,
      // The party is the person A invited: their name and address are theirs wherever they sign.
      text: JSON.stringify([
        bid,
        particulars,
        scenario,
        recipients,
        { ...party, userEmail: null, userName: null },
      ]),
    };
  }

  beforeAll(async () => {
    ({ networkA, coordinatorA, networkB, coordinatorB } = await coordinatorsOfNetworksAAndB(
      system.api,
      system.dataSource,
    ));
    // A imports its file, invites a new organisation with its details, enters its particulars.
    bidA = await importExampleBid(system.persistence, networkA, scenarioOf('DETAILS-A', 'A'));
    await moveBid(system.dataSource, bidA, 'COLLECTING');
    const invited = await coordinatorA
      .post(`/api/bids/${bidA}/invitations`)
      .send({
        email: 'direction@vue-par-a.test',
        idScheme: 'SIRET',
        id: siret,
        organisation: {
          legalName: 'Atelier des deux réseaux',
          kind: 'ACI',
          employees: 77,
          home: 'COM:93066',
          representative: { name: 'Représentante vue par A', title: 'présidente' },
        },
      })
      .expect(201);
    organisationId = invited.body.organisationId;
    memberA = invited.body.memberId;
    await coordinatorA
      .put(`/api/bids/${bidA}/members/${memberA}/particulars`)
      .send({
        legalForm: 'ASSOCIATION_LOI_1901',
        registeredAddress: '1 rue du Réseau A, 93200 Saint-Denis',
        approvalNumber: 'AGR-RESEAU-A',
        approvalAuthority: 'DDETS vue par A',
        representativeCapacity: 'Présidente vue par A',
      })
      .expect(200);
    // B imports the same file (its own figures for org-001), then invites the organisation by
    // its SIRET only: Cordage knows it, B has entered nothing of it yet.
    bidB = await importExampleBid(system.persistence, networkB, scenarioOf('DETAILS-B', 'B'));
    await moveBid(system.dataSource, bidB, 'COLLECTING');
    const joined = await coordinatorB
      .post(`/api/bids/${bidB}/invitations`)
      .send({ email: 'contact@vue-par-b.test', idScheme: 'SIRET', id: siret })
      .expect(201);
    expect(joined.body.organisationId).toBe(organisationId);
    memberB = joined.body.memberId;
  }, 120_000);

  it('shows A what A entered, in every read of its bid', async () => {
    const seen = await seenIn(coordinatorA, bidA, memberA);
    expect(seen.member).toMatchObject({
      legalName: 'Atelier des deux réseaux',
      employees: 77,
      home: 'COM:93066',
      representative: {
        name: 'Représentante vue par A',
        title: 'présidente',
        email: 'direction@vue-par-a.test',
      },
    });
    expect(seen.org001).toMatchObject({
      employees: 11,
      representative: { name: 'Directeur vu par A', email: 'rep1@vue-par-a.test' },
    });
    expect(seen.particulars).toMatchObject({
      legalForm: 'ASSOCIATION_LOI_1901',
      approvalNumber: 'AGR-RESEAU-A',
      representativeCapacity: 'Présidente vue par A',
    });
    expect(seen.party).toMatchObject({
      capacity: 'Présidente vue par A',
      location: expect.stringMatching(/\S/) as unknown,
    });
    expect(seen.recipients).toContainEqual(
      expect.objectContaining({ email: 'rep1@vue-par-a.test', organisation: "Rénov'Plaine" }),
    );
  });

  it('shows B none of what A entered: its bid, members, particulars, documents, signing, mail', async () => {
    const seen = await seenIn(coordinatorB, bidB, memberB);
    expect(seen.member).toMatchObject({
      legalName: 'Atelier des deux réseaux',
      kind: 'ACI',
      // Nobody in B entered its staff: unknown, never a 0 that would make it a small member.
      employees: null,
      home: '',
      representative: { name: '', title: '', email: '' },
    });
    expect(seen.documents.find((o) => o.key === seen.memberKey)?.employees).toBeNull();
    expect(seen.org001).toMatchObject({
      employees: 222,
      representative: { name: 'Directrice vue par B', email: 'rep1@vue-par-b.test' },
    });
    expect(seen.particulars).toMatchObject({
      legalForm: null,
      registeredAddress: null,
      approvalNumber: null,
      approvalAuthority: null,
      representativeCapacity: null,
    });
    // The person A invited signs in B's bid as any signatory, not in A's representative's capacity.
    expect(seen.party).toMatchObject({ capacity: OTHER_SIGNATORY_CAPACITY, location: '' });
    expect(seen.recipients.map((recipient) => recipient.email)).not.toContain(
      'direction@vue-par-a.test',
    );
    expect(ENTERED_BY_A.filter((mark) => seen.text.includes(mark))).toEqual([]);
    // B's own directory entry of it: nothing of A's either.
    const entry = (
      await coordinatorB
        .get(`/api/networks/${networkB}/organisations/${organisationId}`)
        .expect(200)
    ).body;
    expect(ENTERED_BY_A.filter((mark) => JSON.stringify(entry).includes(mark))).toEqual([]);
  });

  it('keeps what B enters in B, A still seeing only its own', async () => {
    const before = await seenIn(coordinatorA, bidA, memberA);
    await coordinatorB
      .put(`/api/bids/${bidB}/members/${memberB}/particulars`)
      .send({
        legalForm: 'SARL',
        registeredAddress: '9 avenue du Réseau B, 93100 Montreuil',
        approvalNumber: 'AGR-RESEAU-B',
        approvalAuthority: null,
        representativeCapacity: 'Cogérante vue par B',
      })
      .expect(200);
    await coordinatorB
      .put(`/api/bids/${bidB}/members/${memberB}/signatory`)
      .send({ name: 'Gérante vue par B', capacity: 'gérante', email: 'gerante@vue-par-b.test' })
      .expect(200);
    const inB = await seenIn(coordinatorB, bidB, memberB);
    expect(inB.member).toMatchObject({
      representative: { name: 'Gérante vue par B', email: 'gerante@vue-par-b.test' },
    });
    expect(inB.particulars).toMatchObject({
      approvalNumber: 'AGR-RESEAU-B',
      representativeCapacity: 'Cogérante vue par B',
    });
    expect(ENTERED_BY_A.filter((mark) => inB.text.includes(mark))).toEqual([]);

    const after = await seenIn(coordinatorA, bidA, memberA);
    expect(after.text).toBe(before.text);
    expect(ENTERED_BY_B.filter((mark) => after.text.includes(mark))).toEqual([]);
    // The row both networks share holds the identifier, legal name and kind only.
    const [shared] = await system.dataSource.query<Record<string, unknown>[]>(
      'SELECT * FROM organisations WHERE id = $1',
      [organisationId],
    );
    expect(Object.keys(required(shared, 'the shared row')).sort()).toEqual([
      'created_at',
      'id',
      'id_scheme',
      'id_value',
      'kind',
      'legal_name',
      'updated_at',
    ]);
  });
});
