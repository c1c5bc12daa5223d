import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import type { DataSource } from 'typeorm';
import { required } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import { type SignedIn, signIn } from './support/actors';
import { moveBid } from './support/bid-state';
import { importExampleBid } from './support/example-bid';
import { storeTestDocument } from './support/stored-document';
import { exampleScenario, siretFor } from '@cordage/testing';
import { memberByKey, pendingRepresentationRequest, systemForTests } from './support/system';

jest.setTimeout(240_000);

/**
 * Object-level access inside a route: the guard decides on the bid of the path (and on the
 * member, for a member's own rules), but every other id, in the path or in the body, must be
 * one of that bid's. Here each id comes from another network's bid (and from another bid of the
 * same network): the answer is 404 (or the 400 that names the field, for a body), and nothing is
 * written.
 */

interface Ids {
  bidId: string;
  networkId: string;
  members: Record<string, { id: string; organisationId: string }>;
  documentId: string;
  changeRequestId: string;
  reportId: string;
  subcontractId: string;
  orderId: string;
}

async function one<T>(dataSource: DataSource, sql: string, parameters: unknown[]): Promise<T> {
  const [row] = await dataSource.query<T[]>(sql, parameters);
  return required(row, sql);
}

/** A bid with one of every object a route may name: its ids, written straight to the database. */
async function bidWithObjects(
  system: ReturnType<typeof systemForTests>,
  networkId: string,
  reference: string,
): Promise<Ids> {
  const { dataSource } = system;
  const bidId = await importExampleBid(
    system.persistence,
    networkId,
    exampleScenario({ reference }),
  );
  const members: Ids['members'] = {};
  for (const key of ['org-001', 'org-002', 'org-003'])
    members[key] = await memberByKey(dataSource, bidId, key);
  const m1 = required(members['org-001'], 'org-001');
  const m2 = required(members['org-002'], 'org-002');
  const documentId = await storeTestDocument(dataSource, bidId);
  const { id: changeRequestId } = await one<{ id: string }>(
    dataSource,
    `INSERT INTO change_requests (bid_id, member_id, previous_member_status, reason, justification,
       amendment_number)
     VALUES ($1, $2, 'ACCEPTED', 'RESTRUCTURING', 'Une fusion annoncée', 1) RETURNING id`,
    [bidId, m2.id],
  );
  const reportId = randomUUID();
  await dataSource.query(
    `INSERT INTO job_requests (id, kind, status, network_id, bid_id, parameters)
     VALUES ($1, 'CONTRACT_REPORT', 'DONE', $2, $3,
       jsonb_build_object('report', 'EVALUATION', 'year', 1, 'format', 'PDF'))`,
    [reportId, networkId, bidId],
  );
  const { id: lotId } = await one<{ id: string }>(
    dataSource,
    `SELECT lots.id FROM lots JOIN bids ON bids.tender_id = lots.tender_id
     WHERE bids.id = $1 ORDER BY lots.number LIMIT 1`,
    [bidId],
  );
  const { id: subcontractId } = await one<{ id: string }>(
    dataSource,
    `INSERT INTO subcontracts (bid_id, lot_id, principal_id, subcontractor_id, kind, nature,
       max_amount_cents, duration_months, amount_incl_vat_cents, reverse_charge)
     VALUES ($1, $2, $3, $4, 'SOUS_TRAITANCE', 'Entretien', 100000, 12, 120000, false)
     RETURNING id`,
    [bidId, lotId, m1.id, m2.id],
  );
  const { id: cellId } = await one<{ id: string }>(
    dataSource,
    'SELECT id FROM lot_cells WHERE lot_id = $1 LIMIT 1',
    [lotId],
  );
  const { id: orderId } = await one<{ id: string }>(
    dataSource,
    `INSERT INTO orders (bid_id, lot_id, number, ordered_on, period_number, lot_cell_ids,
       amount_cents)
     VALUES ($1, $2, 'BC-1', '2026-01-15', 1, ARRAY[$3::uuid], 5000) RETURNING id`,
    [bidId, lotId, cellId],
  );
  return {
    bidId,
    networkId,
    members,
    documentId,
    changeRequestId,
    reportId,
    subcontractId,
    orderId,
  };
}

/** Sends the requests one after the other; each must answer `status` (the list names the odd one). */
async function expectAll(requests: request.Test[], status: number): Promise<void> {
  const answers: string[] = [];
  for (const sent of requests) {
    const response = await sent;
    answers.push(`${sent.method} ${sent.url} ${response.status}`);
  }
  expect(answers).toEqual(requests.map((sent) => `${sent.method} ${sent.url} ${status}`));
}

const member = (ids: Ids, key: string) => required(ids.members[key], key);

describe('Object-level access: ids of another bid, another network, another member', () => {
  const system = systemForTests({ worker: false });
  let dataSource: DataSource;
  /** Network A's bid, the one every request names in its path. */
  let own: Ids;
  /** Another bid of network A. */
  let sibling: Ids;
  /** A bid of network B. */
  let foreign: Ids;
  let coordinator: SignedIn;
  /** Editor and signatory of own's org-001: passes the member rules of org-001. */
  let editor: SignedIn;
  let signatory: SignedIn;

  /** Everything a refused request could have written: counted before and after. */
  async function footprint(): Promise<string> {
    const counts = await dataSource.query<Record<string, string>[]>(
      `SELECT
         (SELECT count(*) FROM audit_events) AS audit,
         (SELECT count(*) FROM invitation_links) AS links,
         (SELECT count(*) FROM outbox_messages) AS outbox,
         (SELECT count(*) FROM report_approvals) AS approvals,
         (SELECT count(*) FROM change_requests) AS requests,
         (SELECT count(*) FROM change_request_votes) AS votes,
         (SELECT count(*) FROM signature_codes) AS codes,
         (SELECT count(*) FROM orders) AS orders,
         (SELECT count(*) FROM realised_entries) AS realised,
         (SELECT string_agg(id || status, ',' ORDER BY id) FROM members) AS members,
         (SELECT string_agg(id || status, ',' ORDER BY id) FROM change_requests) AS statuses,
         (SELECT string_agg(id || coalesce(frozen_at::text, '-'), ',' ORDER BY id)
            FROM documents) AS frozen,
         (SELECT string_agg(id || nature || max_amount_cents, ',' ORDER BY id)
            FROM subcontracts) AS subcontracts`,
    );
    return JSON.stringify(counts);
  }

  beforeAll(async () => {
    ({ dataSource } = system);
    const access = system.persistence.get(AccessRepository);
    const networkA = await access.ensureNetwork('Réseau A');
    own = await bidWithObjects(system, networkA, 'A-2026-001');
    sibling = await bidWithObjects(system, networkA, 'A-2026-002');
    foreign = await bidWithObjects(system, await access.ensureNetwork('Réseau B'), 'B-2026-001');
    // Every member reads every figure: the approval of a report reaches its own checks.
    await dataSource.query(`UPDATE bids SET transparency = 'OPEN' WHERE id = $1`, [own.bidId]);
    coordinator = await signIn(system.api, dataSource, 'coord@a.test', [
      { role: 'COORDINATOR', networkId: networkA },
    ]);
    const org1 = member(own, 'org-001').organisationId;
    editor = await signIn(system.api, dataSource, 'ed@a-org1.test', [
      { role: 'EDITOR', organisationId: org1 },
    ]);
    signatory = await signIn(system.api, dataSource, 'sig@a-org1.test', [
      { role: 'SIGNATORY', organisationId: org1 },
    ]);
  });

  const others = () =>
    [
      ['another network', foreign],
      ['another bid of the same network', sibling],
    ] as const;

  describe.each(['another network', 'another bid of the same network'])('ids from %s', (label) => {
    let other: Ids;
    beforeAll(() => {
      other = required(
        others().find(([name]) => name === label),
        label,
      )[1];
    });

    it('answers 404 to a coordinator naming its member in a route under the bid', async () => {
      const before = await footprint();
      const foreignMember = member(other, 'org-003').id;
      const base = `/api/bids/${own.bidId}/members/${foreignMember}`;
      const requests = [
        coordinator.post(`${base}/invitation-link`),
        coordinator.delete(`${base}/invitation-link`),
        coordinator.post(`${base}/reminders`).send({ clickId: randomUUID() }),
        coordinator.post(`${base}/withdraw`).send({ reason: 'Parti' }),
        coordinator.get(`${base}/particulars`),
        coordinator.put(`${base}/signatory`).send({
          name: 'Intrus',
          capacity: 'Président',
          email: 'intrus@ailleurs.test',
        }),
        coordinator.get(`${base}/offers`),
        coordinator.get(`${base}/subcontracting`),
        coordinator.post(`${base}/realised`).send({
          entries: [
            {
              lot: 1,
              territory: 'COM:93066',
              period: 1,
              hours: 1,
              revenueCents: 100,
              insertionHours: 0,
              insertionPeople: 0,
            },
          ],
        }),
        coordinator.get(`/api/bids/${own.bidId}/subcontractors/${foreignMember}`),
        coordinator.post(`/api/bids/${own.bidId}/subcontractors/${foreignMember}/accept`),
      ];
      await expectAll(requests, 404);
      expect(await footprint()).toBe(before);
    });

    it('answers 404 to a member’s editor and signatory naming its member', async () => {
      const before = await footprint();
      const foreignMember = member(other, 'org-001').id;
      const base = `/api/bids/${own.bidId}/members/${foreignMember}`;
      const requests = [
        editor.post(`${base}/accept`),
        editor.patch(base).send({ insertionHoursMax: 10 }),
        editor.post(`${base}/votes`).send({ choice: 'APPROVE' }),
        editor.post(`${base}/charter-acceptance`).send({ version: 1 }),
        editor.post(`${base}/evaluations/${own.reportId}/approval`),
        editor.post(`${base}/change-requests/${own.changeRequestId}/votes`).send({
          choice: 'APPROVE',
        }),
        signatory.post(`${base}/signature-code`).send({ documentId: own.documentId }),
        signatory.get(`${base}/certificate`),
      ];
      await expectAll(requests, 404);
      expect(await footprint()).toBe(before);
    });

    it('answers 404 to its document, report, change request and subcontract', async () => {
      const before = await footprint();
      const bid = `/api/bids/${own.bidId}`;
      const m1 = member(own, 'org-001').id;
      const requests = [
        coordinator.get(`${bid}/documents/${other.documentId}`),
        coordinator.post(`${bid}/documents/${other.documentId}/freeze`),
        coordinator.get(`${bid}/documents/${other.documentId}/signatures`),
        coordinator.get(`${bid}/documents/${other.documentId}/signed`),
        coordinator.get(`${bid}/documents/${other.documentId}/proof`),
        coordinator.get(`${bid}/reports/${other.reportId}`),
        coordinator.get(`${bid}/reports/${other.reportId}/approvals`),
        editor.post(`${bid}/members/${m1}/evaluations/${other.reportId}/approval`),
        coordinator
          .post(`${bid}/change-requests/${other.changeRequestId}/transitions`)
          .send({ event: 'REJECT' }),
        coordinator.get(`${bid}/change-requests/${other.changeRequestId}/replan-vote`),
        editor
          .post(`${bid}/members/${m1}/change-requests/${other.changeRequestId}/votes`)
          .send({ choice: 'APPROVE' }),
        coordinator.put(`${bid}/members/${m1}/subcontracts/${other.subcontractId}`).send({
          lot: 1,
          kind: 'SOUS_TRAITANCE',
          nature: 'Réécrit par un intrus',
          durationMonths: 12,
          amountExclVatCents: 100,
          amountInclVatCents: 120,
          reverseCharge: false,
        }),
      ];
      await expectAll(requests, 404);
      expect(await footprint()).toBe(before);
    });

    it('refuses its ids in a body, writing nothing', async () => {
      const before = await footprint();
      const bid = `/api/bids/${own.bidId}`;
      const foreignMember = member(other, 'org-002').id;
      const signCode = await signatory
        .post(`${bid}/members/${member(own, 'org-001').id}/signature-code`)
        .send({ documentId: other.documentId });
      expect(signCode.status).toBe(404);
      const leaving = await coordinator.post(`${bid}/change-requests`).send({
        memberId: foreignMember,
        reason: 'RESTRUCTURING',
        justification: 'Une fusion annoncée hier',
      });
      expect([400, 404, 409, 422]).toContain(leaving.status);
      const invitation = await coordinator.post(`${bid}/invitations`).send({
        email: 'sous-traitant@ailleurs.test',
        idScheme: 'SIRET',
        id: '73282932000074',
        role: 'SOUS_TRAITANT',
        subcontract: { principalMemberId: foreignMember, lot: 1 },
      });
      expect([400, 404, 409, 422]).toContain(invitation.status);
      // A filter on a member of another bid shows none of its lines.
      const realised = await coordinator.get(`${bid}/realised?member=${foreignMember}`);
      expect(realised.status).toBe(200);
      expect(realised.body).toEqual({ lines: [] });
      expect(await footprint()).toBe(before);
    });
  });

  it('does not hand a member of another network’s bid to whom a coordinator invites with it', async () => {
    // An organisation of network A's bid that nobody acts for yet (its people not invited yet).
    const siret = siretFor(77, 1);
    const { id: target } = await one<{ id: string }>(
      dataSource,
      `INSERT INTO organisations (legal_name, kind, id_scheme, id_value)
       VALUES ('Atelier visé', 'ACI', 'SIRET', $1) RETURNING id`,
      [siret],
    );
    // What network A knows of it is A's own (issue 17).
    await dataSource.query(
      `INSERT INTO network_organisations (network_id, organisation_id, staff, representatives)
       VALUES ($1, $2, 12, $3)`,
      [
        own.networkId,
        target,
        JSON.stringify([{ name: 'Rose A', title: 'Présidente', email: 'rose@a.test' }]),
      ],
    );
    const { id: targetMember } = await one<{ id: string }>(
      dataSource,
      `INSERT INTO members (bid_id, organisation_id, key, status) VALUES ($1, $2, 'org-vise',
         'ACCEPTED') RETURNING id`,
      [own.bidId, target],
    );
    // Network C's coordinator invites it, by its public SIRET, to a bid of C, with its own address.
    const access = system.persistence.get(AccessRepository);
    const networkC = await access.ensureNetwork('Réseau C');
    const bidC = await importExampleBid(
      system.persistence,
      networkC,
      exampleScenario({ reference: 'C-2026-001' }),
    );
    const coordinatorC = await signIn(system.api, dataSource, 'coord@c.test', [
      { role: 'COORDINATOR', networkId: networkC },
    ]);
    const invited = await coordinatorC.post(`/api/bids/${bidC}/invitations`).send({
      email: 'coord@c.test',
      idScheme: 'SIRET',
      id: siret,
      signatory: true,
    });
    expect(invited.status).toBe(201);
    // Nor by naming oneself its signatory, now that it is a member of C's bid too.
    const { id: inC } = await one<{ id: string }>(
      dataSource,
      'SELECT id FROM members WHERE bid_id = $1 AND organisation_id = $2',
      [bidC, target],
    );
    const designated = await coordinatorC
      .put(`/api/bids/${bidC}/members/${inC}/signatory`)
      .send({ name: 'Coordinateur C', capacity: 'Président', email: 'coord@c.test' });
    expect(designated.status).toBe(200);
    // No one of network A confirmed it: the bid of A, its member, stay out of reach.
    const intruder = await signIn(system.api, dataSource, 'coord@c.test');
    const bidA = `/api/bids/${own.bidId}`;
    await expectAll(
      [
        intruder.get(bidA),
        intruder.get(`${bidA}/members/${targetMember}/particulars`),
        intruder.patch(`${bidA}/members/${targetMember}`).send({ insertionHoursMax: 1 }),
        intruder.get(`${bidA}/members/${targetMember}/certificate`),
      ],
      404,
    );
    const roles = await dataSource.query<{ role: string }[]>(
      `SELECT r.role FROM role_assignments r JOIN users u ON u.id = r.user_id
       WHERE u.email = 'coord@c.test' AND r.organisation_id = $1`,
      [target],
    );
    expect(roles).toEqual([]);
  });

  it('does not show or change another network’s organisation through its own network', async () => {
    const before = await footprint();
    // The example bid's organisations are in both networks' directories (both imported it): one
    // only in network B's is made here.
    const { id: onlyInB } = await one<{ id: string }>(
      dataSource,
      `INSERT INTO organisations (legal_name, kind, id_scheme, id_value)
       VALUES ('Seulement dans B', 'AI', 'SIRET', '73282932000074') RETURNING id`,
      [],
    );
    await dataSource.query(
      `INSERT INTO network_organisations (network_id, organisation_id, staff, representatives)
       VALUES ($1, $2, 5, $3)`,
      [
        foreign.networkId,
        onlyInB,
        JSON.stringify([{ name: 'Anne B', title: 'Directrice', email: 'anne@b.test' }]),
      ],
    );
    const url = `/api/networks/${own.networkId}/organisations/${onlyInB}`;
    expect((await coordinator.get(url)).status).toBe(404);
    expect(
      (await coordinator.patch(url).send({ contactName: 'Intrus', contactEmail: 'intrus@a.test' }))
        .status,
    ).toBe(404);
    const other = `/api/networks/${foreign.networkId}/organisations/${onlyInB}`;
    expect((await coordinator.get(other)).status).toBe(404);
    expect(await footprint()).toBe(before);
  });

  it('does not let a coordinator decide a representation request of another network', async () => {
    const requestId = await pendingRepresentationRequest(dataSource, {
      organisationId: member(foreign, 'org-001').organisationId,
      bidId: foreign.bidId,
      asker: 'demandeur@b.test',
    });
    const before = await footprint();
    for (const decision of ['confirm', 'refuse']) {
      const response = await coordinator.post(
        `/api/representation-requests/${requestId}/${decision}`,
      );
      expect(response.status).toBe(404);
    }
    const { status } = await one<{ status: string }>(
      dataSource,
      'SELECT status FROM representation_requests WHERE id = $1',
      [requestId],
    );
    expect(status).toBe('PENDING');
    expect(await footprint()).toBe(before);
  });

  it('answers 403 to an editor naming another member of the same bid, writing nothing', async () => {
    await moveBid(dataSource, own.bidId, 'COLLECTING');
    const before = await footprint();
    const neighbour = member(own, 'org-002').id;
    const base = `/api/bids/${own.bidId}/members/${neighbour}`;
    await expectAll(
      [
        editor.post(`${base}/accept`),
        editor.patch(base).send({ insertionHoursMax: 10 }),
        editor.put(`${base}/offers`).send({ offers: [] }),
        editor.post(`${base}/votes`).send({ choice: 'APPROVE' }),
        editor.post(`${base}/decline`).send({ reason: 'Pas nous' }),
      ],
      403,
    );
    expect(await footprint()).toBe(before);
  });
});
