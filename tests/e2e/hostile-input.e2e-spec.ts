import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { DOCUMENT_MEDIA_TYPES, Permission, at, required, validateScenario } from '@cordage/domain';
import { scenarioWorkbook } from '@cordage/documents';
import { PATH_PARAMETERS } from '@cordage/api/common/param.pipe';
import { exampleScenario } from '@cordage/testing';
import { type Grant, type SignedIn, signIn } from './support/actors';
import { storeTestDocument } from './support/stored-document';
import { type DocumentedResponses, undocumentedProblem } from './support/openapi-contract';
import {
  type System,
  exampleBidWithCoordinator,
  memberByKey,
  pendingRepresentationRequest,
  startSystem,
} from './support/system';

/** What a careless client or an attacker puts where an id or a number goes. */
const HOSTILE_VALUES = [
  'not-a-uuid',
  '-1',
  '0',
  '2147483648',
  '99999999999999999999',
  '1e99',
  '%00',
  `${'9'.repeat(2_000)}`,
  'x'.repeat(3_000),
];

const NUL_TEXT = 'Texte\u0000piégé';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  format?: string;
  enum?: unknown[];
  minimum?: number;
  minLength?: number;
  const?: unknown;
}

interface Operation {
  'x-access'?: Permission;
  responses: DocumentedResponses;
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}

interface OpenApi {
  paths: Record<string, Partial<Record<Method, Operation>>>;
  components: { schemas: Record<string, Schema> };
}

interface Problem {
  path: string;
  code: string;
  message: string;
}

/**
 * A value of `schema` whose every string holds a NUL character; `paths` collects where they are
 * (in the api's notation, `lots[0].name`).
 */
function withNulStrings(
  openapi: OpenApi,
  schema: Schema | undefined,
  path: string,
  paths: string[],
  depth = 0,
): unknown {
  if (!schema || depth > 8) return undefined;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return withNulStrings(openapi, openapi.components.schemas[name], path, paths, depth + 1);
  }
  const variants = schema.allOf ?? schema.oneOf ?? schema.anyOf;
  if (variants) {
    const chosen = variants.find((variant) => !isNullType(variant)) ?? variants[0];
    return withNulStrings(openapi, chosen, path, paths, depth + 1);
  }
  const type = Array.isArray(schema.type)
    ? schema.type.find((t) => t !== 'null')
    : (schema.type ?? (schema.properties ? 'object' : undefined));
  switch (type) {
    case 'string':
      paths.push(path);
      return NUL_TEXT;
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [withNulStrings(openapi, schema.items, `${path}[0]`, paths, depth + 1)];
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, child]) => [
          key,
          withNulStrings(openapi, child, path ? `${path}.${key}` : key, paths, depth + 1),
        ]),
      );
    default:
      return undefined;
  }
}

const isNullType = (schema: Schema) => schema.type === 'null';

/** The values no field of their type may accept: the answer is a 4xx that names the field. */
const MUST_REFUSE = new Set([
  'a string',
  'NaN as a string',
  'beyond bigint',
  '1e308',
  'an object',
  'a number',
  'a 100 kB string',
  'a malformed uuid',
  'February 30th',
  'an array',
  'an unknown field',
  '100,000 items',
]);

const parentOf = (path: string) => path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');

/**
 * A problem at `problem` names the field at `field`: the field itself, one of its ancestors or
 * children, or (when the plausible body was already refused in the same object, as a union
 * does) a sibling.
 */
function names(problem: string, field: string, refusedInBaseline: string[]): boolean {
  const item = field.replace(/\[0\]$/, '');
  if (
    problem.startsWith(item) ||
    field.startsWith(`${problem}.`) ||
    field.startsWith(`${problem}[`)
  )
    return true;
  const parent = parentOf(field);
  return refusedInBaseline.some(
    (refused) => parentOf(refused) === parent && parentOf(problem) === parent,
  );
}

/** A plausible value of `schema`: the baseline into which one hostile value is put at a time. */
function plausible(openapi: OpenApi, schema: Schema | undefined, depth = 0, key = ''): unknown {
  if (!schema || depth > 8) return undefined;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return plausible(openapi, openapi.components.schemas[name], depth + 1, key);
  }
  const variants = schema.allOf ?? schema.oneOf ?? schema.anyOf;
  if (variants) {
    const chosen = variants.find((variant) => !isNullType(variant)) ?? variants[0];
    return plausible(openapi, chosen, depth + 1, key);
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  switch (typeOf(schema)) {
    case 'string':
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (schema.format === 'date') return '2026-03-02';
      if (schema.format === 'date-time') return '2026-03-02T10:00:00Z';
      if (schema.format === 'email' || /email/i.test(key)) return 'personne@exemple.test';
      if (/(On|Date)$/.test(key)) return '2026-03-02';
      if (/(Deadline|At)$/.test(key)) return '2026-03-02T10:00:00Z';
      if (/^(territory|home|territories)$/.test(key)) return 'COM:93066';
      if (key === 'id') return '73282932000074';
      return 'Texte ordinaire'.padEnd(Math.max(schema.minLength ?? 0, 15), 'x');
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'array':
      return [plausible(openapi, schema.items, depth + 1, key)];
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, child]) => [
          name,
          plausible(openapi, child, depth + 1, name),
        ]),
      );
    default:
      return undefined;
  }
}

const typeOf = (schema: Schema) =>
  Array.isArray(schema.type)
    ? schema.type.find((t) => t !== 'null')
    : (schema.type ?? (schema.properties ? 'object' : undefined));

/** Every field of `value` with the schema that describes it, in the api's notation. */
function fieldsOf(
  openapi: OpenApi,
  schema: Schema | undefined,
  path: string,
  found: { path: string; schema: Schema }[],
  depth = 0,
): void {
  if (!schema || depth > 8) return;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return fieldsOf(openapi, openapi.components.schemas[name], path, found, depth + 1);
  }
  const variants = schema.allOf ?? schema.oneOf ?? schema.anyOf;
  if (variants) {
    const chosen = variants.find((variant) => !isNullType(variant)) ?? variants[0];
    return fieldsOf(openapi, chosen, path, found, depth + 1);
  }
  if (path) found.push({ path, schema });
  const type = typeOf(schema);
  if (type === 'array') fieldsOf(openapi, schema.items, `${path}[0]`, found, depth + 1);
  if (type === 'object')
    for (const [key, child] of Object.entries(schema.properties ?? {}))
      fieldsOf(openapi, child, path ? `${path}.${key}` : key, found, depth + 1);
}

/** `body` with the value at `path` (`lots[0].name`) replaced. */
function replaced(body: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split(/\.|\[(\d+)\]/).filter((key) => key !== undefined && key !== '');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[at(keys, keys.length - 1)] = value;
  return copy;
}

/** The hostile values of a field of this schema: each must be refused, never a 5xx. */
function hostileValuesOf(schema: Schema, current: unknown): { label: string; value: unknown }[] {
  const type = typeOf(schema);
  const resolvedRef = schema.$ref !== undefined;
  if (resolvedRef) return [];
  switch (type) {
    case 'integer':
    case 'number':
      return [
        { label: 'a string', value: '12' },
        { label: 'NaN as a string', value: 'NaN' },
        { label: 'a negative number', value: -1 },
        { label: 'beyond int32', value: 2_147_483_648 },
        { label: 'beyond bigint', value: 1e20 },
        { label: '1e308', value: 1e308 },
        { label: 'a decimal', value: 12.345 },
        { label: 'an object', value: { n: 1 } },
      ];
    case 'string':
      return [
        { label: 'a number', value: 12 },
        { label: 'an empty string', value: '' },
        { label: 'a 100 kB string', value: 'x'.repeat(100_001) },
        { label: 'control characters', value: 'Texte\u202e\u0007\u001b[31m' },
        ...(schema.format === 'uuid' ? [{ label: 'a malformed uuid', value: 'not-a-uuid' }] : []),
        ...(schema.format === 'date' || schema.format === 'date-time'
          ? [{ label: 'February 30th', value: '2026-02-30' }]
          : []),
      ];
    case 'boolean':
      return [{ label: 'a string', value: 'true' }];
    case 'array':
      return [
        { label: 'a string', value: 'x' },
        {
          label: '100,000 items',
          value: Array.from({ length: 100_000 }, () => at(current as unknown[], 0)),
        },
        {
          label: 'the same item twice',
          value: [...(current as unknown[]), ...(current as unknown[])],
        },
      ];
    case 'object':
      return [
        { label: 'an array', value: [] },
        { label: 'an unknown field', value: { ...(current as object), intrus: 1 } },
      ];
    default:
      return [];
  }
}

const valueAt = (body: unknown, path: string): unknown =>
  path
    .split(/\.|\[(\d+)\]/)
    .filter((key) => key !== undefined && key !== '')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], body);

describe('No 500 from any input: every route of the OpenAPI document, hostile values', () => {
  let system: System;
  let api: INestApplication;
  let dataSource: DataSource;
  let openapi: OpenApi;
  const ids: Record<string, string> = {};
  const actors: Partial<Record<Permission, { email: string; grants: Grant[]; admin?: boolean }>> =
    {};
  let coordinatorGrant: { email: string; grants: Grant[]; admin?: boolean };
  let sent = 0;

  /** Who can pass the access rule of a route, so that the request reaches its validation. */
  async function actorFor(permission: Permission | undefined): Promise<SignedIn> {
    const who = (permission && actors[permission]) ?? coordinatorGrant;
    // A fresh session each time: a hostile value sent to a logout route must not spoil the next.
    return signIn(api, dataSource, who.email, who.grants, { platformAdmin: who.admin });
  }

  beforeAll(async () => {
    // No worker: the import sent below only has to be accepted.
    system = await startSystem({ worker: false });
    ({ api, dataSource } = system);
    ({ networkId: ids.networkId, bidId: ids.bidId } = await exampleBidWithCoordinator(system, {
      network: 'Réseau hostile',
      coordinatorEmail: 'coord@hostile.test',
    }));
    const member = await memberByKey(dataSource, ids.bidId, 'org-001');
    ids.memberId = member.id;
    // A bid's members are in its network's directory.
    ids.organisationId = member.organisationId;
    ids.documentId = await storeTestDocument(dataSource, ids.bidId);
    ids.number = '1000'; // the version storeTestDocument made
    ids.changeRequestId = '00000000-0000-4000-8000-000000000000';
    coordinatorGrant = {
      email: 'coord@hostile.test',
      grants: [{ role: 'COORDINATOR', networkId: ids.networkId }],
    };
    actors[Permission.MEMBER_EDIT] = {
      email: 'editeur@hostile.test',
      grants: [{ role: 'EDITOR', organisationId: member.organisationId }],
    };
    actors[Permission.MEMBER_SIGN] = {
      email: 'signataire@hostile.test',
      grants: [{ role: 'SIGNATORY', organisationId: member.organisationId }],
    };
    actors[Permission.PLATFORM_ADMIN] = { email: 'admin@hostile.test', grants: [], admin: true };
    // org-015 is only a subcontractor (of org-001): its own editor passes its routes' rule.
    const subcontractor = await memberByKey(dataSource, ids.bidId, 'org-015');
    ids.subcontractorId = subcontractor.id;
    actors[Permission.SUBCONTRACTOR_EDIT] = {
      email: 'sous-traitant@hostile.test',
      grants: [{ role: 'EDITOR', organisationId: subcontractor.organisationId }],
    };
    const [subcontract] = await dataSource.query<{ id: string }[]>(
      'SELECT id FROM subcontracts WHERE principal_id = $1',
      [member.id],
    );
    ids.subcontractId = required(subcontract, 'org-001’s subcontract').id;
    // A pending request to represent org-001, which its editor decides.
    actors[Permission.REPRESENTATION_DECIDE] = actors[Permission.MEMBER_EDIT];
    ids.requestId = await pendingRepresentationRequest(dataSource, {
      organisationId: member.organisationId,
      bidId: ids.bidId,
      asker: 'demandeur@hostile.test',
    });
    const coordinator = await actorFor(undefined);
    const accepted = await coordinator
      .post('/api/scenarios')
      .send(exampleScenario({ reference: 'HOSTILE-JOB' }))
      .expect(202);
    ids.jobId = (accepted.body as { jobId: string }).jobId;
    openapi = (await request(api.getHttpServer()).get('/api/docs-json').expect(200))
      .body as OpenApi;
  }, 60_000);
  afterAll(async () => {
    console.log(`hostile-input: ${sent} requests sent`);
    await system?.stop();
  });

  const operations = () =>
    Object.entries(openapi.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, operation]) => ({
        method: method as Method,
        path,
        operation: operation,
      })),
    );

  const urlOf = (path: string, replaced?: { name: string; value: string }) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) =>
      replaced?.name === name ? replaced.value : (ids[name] ?? `missing-${name}`),
    );

  async function send(
    actor: SignedIn,
    method: Method,
    url: string,
    body?: unknown,
  ): Promise<request.Response> {
    sent++;
    const test = actor[method](url);
    return method === 'get' || method === 'delete' ? test : test.send(body ?? {});
  }

  it('declares every {parameter} of every path as a parameter of each of its operations', () => {
    const undeclared: string[] = [];
    for (const { method, path, operation } of operations()) {
      const declared = new Set(
        (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      );
      for (const match of path.matchAll(/\{(\w+)\}/g)) {
        const name = at(match, 1);
        if (!declared.has(name)) undeclared.push(`${method.toUpperCase()} ${path}: ${name}`);
        // The guard checks a parameter only if its kind is known.
        if (!(name in PATH_PARAMETERS)) undeclared.push(`${path}: ${name} has no kind`);
      }
    }
    expect(operations().length).toBeGreaterThan(40);
    expect(undeclared).toEqual([]);
  });

  it('answers every hostile path parameter with a 4xx that names it, never a 5xx', async () => {
    const failures: string[] = [];
    for (const { method, path, operation } of operations()) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => at(match, 1));
      if (names.length === 0) continue;
      const actor = await actorFor(operation['x-access']);
      for (const name of names) {
        for (const value of HOSTILE_VALUES) {
          const response = await send(actor, method, urlOf(path, { name, value }));
          const problems = (response.body as { problems?: Problem[] }).problems ?? [];
          const where = `${method.toUpperCase()} ${path} with ${name}=${value.slice(0, 24)}`;
          const undocumented = undocumentedProblem(where, operation.responses, response);
          if (undocumented) failures.push(undocumented);
          if (response.status >= 500 || response.status < 400) {
            failures.push(`${where}: ${response.status} ${JSON.stringify(response.body)}`);
          } else if (response.status === 400 && !problems.some((p) => p.path === name)) {
            failures.push(`${where}: 400 without naming ${name}: ${JSON.stringify(problems)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('answers every hostile query parameter with no 5xx, naming it when refused', async () => {
    const failures: string[] = [];
    for (const { method, path, operation } of operations()) {
      const names = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      if (names.length === 0) continue;
      const actor = await actorFor(operation['x-access']);
      for (const name of names) {
        for (const value of HOSTILE_VALUES) {
          const response = await send(actor, method, `${urlOf(path)}?${name}=${value}`);
          const problems = (response.body as { problems?: Problem[] }).problems ?? [];
          const where = `${method.toUpperCase()} ${path}?${name}=${value.slice(0, 24)}`;
          const undocumented = undocumentedProblem(where, operation.responses, response);
          if (undocumented) failures.push(undocumented);
          if (response.status >= 500) {
            failures.push(`${where}: ${response.status} ${JSON.stringify(response.body)}`);
          } else if (response.status === 400 && !problems.some((p) => p.path === name)) {
            failures.push(`${where}: 400 without naming ${name}: ${JSON.stringify(problems)}`);
          } else if (value === '%00' && response.status !== 400 && response.status !== 404) {
            failures.push(`${where}: a NUL character accepted (${response.status})`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('refuses a NUL character in every string field of every JSON body with a 400 naming it', async () => {
    const failures: string[] = [];
    let bodies = 0;
    for (const { method, path, operation } of operations()) {
      const schema = operation.requestBody?.content['application/json']?.schema;
      const paths: string[] = [];
      const body = withNulStrings(openapi, schema, '', paths);
      if (paths.length === 0) continue;
      bodies++;
      const actor = await actorFor(operation['x-access']);
      const response = await send(actor, method, urlOf(path), body);
      const problems = (response.body as { problems?: Problem[] }).problems ?? [];
      const where = `${method.toUpperCase()} ${path}`;
      const named = new Set(problems.map((problem) => problem.path));
      const undocumented = undocumentedProblem(where, operation.responses, response);
      if (undocumented) failures.push(undocumented);
      if (response.status !== 400) {
        failures.push(`${where}: ${response.status} ${JSON.stringify(response.body)}`);
      } else if (!paths.every((field) => named.has(field) || problems.length >= 20)) {
        failures.push(`${where}: 400 naming ${[...named].join(', ')}, not ${paths.join(', ')}`);
      } else if (!problems.every((problem) => problem.code === 'NUL_CHARACTER')) {
        failures.push(`${where}: ${JSON.stringify(problems)}`);
      }
    }
    expect(bodies).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  }, 300_000);

  it('answers hostile values in every field of every JSON body with a 4xx, never a 5xx, writing nothing', async () => {
    const failures: string[] = [];
    let tried = 0;
    const audit = async () =>
      (await dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM audit_events'))[0]
        ?.n;
    for (const { method, path, operation } of operations()) {
      const schema = operation.requestBody?.content['application/json']?.schema;
      if (!schema || path.includes('logout')) continue;
      const baseline = plausible(openapi, schema);
      const fields: { path: string; schema: Schema }[] = [];
      fieldsOf(openapi, schema, '', fields);
      const actor = await actorFor(operation['x-access']);
      // What the plausible body itself is refused for (a union's other variant, a format the
      // document does not name): a field of an object already refused there may be named by it.
      const refusedInBaseline = (
        ((await send(actor, method, urlOf(path), baseline)).body as { problems?: Problem[] })
          .problems ?? []
      ).map((problem) => problem.path);
      for (const field of [{ path: '', schema }, ...fields]) {
        const current = field.path ? valueAt(baseline, field.path) : baseline;
        const values = field.path
          ? hostileValuesOf(field.schema, current)
          : [
              { label: 'an unknown field', value: { ...(baseline as object), intrus: 1 } },
              { label: 'an array', value: [baseline] },
            ];
        for (const { label, value } of values) {
          const body = field.path ? replaced(baseline, field.path, value) : value;
          const before = await audit();
          tried++;
          const response = await send(actor, method, urlOf(path), body);
          const where = `${method.toUpperCase()} ${path} with ${field.path || 'the body'} = ${label}`;
          if (response.status >= 500 || (response.status < 400 && MUST_REFUSE.has(label))) {
            failures.push(
              `${where}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`,
            );
          }
          if (response.status < 400 || response.status >= 500) continue;
          const undocumented = undocumentedProblem(where, operation.responses, response);
          if (undocumented) failures.push(undocumented);
          const problems = (response.body as { problems?: Problem[] }).problems ?? [];
          if (
            response.status === 400 &&
            field.path &&
            MUST_REFUSE.has(label) &&
            !problems.some((problem) => names(problem.path, field.path, refusedInBaseline))
          ) {
            failures.push(
              `${where}: 400 without naming it: ${JSON.stringify(problems).slice(0, 300)}`,
            );
          }
          if ((await audit()) !== before)
            failures.push(`${where}: ${response.status}, yet audited`);
        }
      }
    }
    console.log(`hostile bodies: ${tried} requests`);
    expect(failures).toEqual([]);
  }, 600_000);

  it('refuses a scenario whose JSON or workbook has a NUL inside a name, writing nothing', async () => {
    const coordinator = await actorFor(undefined);
    const before = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM job_requests WHERE kind = 'SCENARIO_IMPORT'`,
    );
    const scenario = exampleScenario({ reference: 'NUL-JSON' }) as {
      organizations: { legalName: string }[];
    };
    at(scenario.organizations, 0).legalName = NUL_TEXT;
    sent++;
    const json = await coordinator.post('/api/scenarios').send(scenario).expect(400);
    expect(json.body).toMatchObject({
      code: 'INVALID_REQUEST',
      problems: [{ path: 'organizations[0].legalName', code: 'NUL_CHARACTER' }],
    });
    expect(at((json.body as { problems: Problem[] }).problems, 0).message).toMatch(/caractère nul/);

    // In a workbook, `_x0000_` is how OOXML writes a NUL: the reader gives it back as one.
    const validation = validateScenario(exampleScenario({ reference: 'NUL-XLSX' }));
    if (!validation.ok) throw new Error('the example does not validate');
    const workbookScenario = structuredClone(validation.scenario);
    at(workbookScenario.organizations, 0).legalName = 'Atelier_x0000_piégé';
    sent++;
    const workbook = await coordinator
      .post('/api/scenarios/xlsx')
      .set('Content-Type', DOCUMENT_MEDIA_TYPES.XLSX)
      .send(await scenarioWorkbook(workbookScenario))
      .expect(422);
    const problems = (workbook.body as { problems: Problem[] }).problems;
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'NUL_CHARACTER', path: expect.stringMatching(/^feuille/) }),
    );
    expect(
      await dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM job_requests WHERE kind = 'SCENARIO_IMPORT'`,
      ),
    ).toEqual(before);
  }, 60_000);
});
