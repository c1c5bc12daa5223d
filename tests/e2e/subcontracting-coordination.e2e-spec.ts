import { at } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import { SmtpSink, siretFor } from '@cordage/testing';
import { type SignedIn, openSession, signIn } from './support/actors';
import { subcontractingExampleBid, systemForTests } from './support/system';

jest.setTimeout(240_000);

interface Candidate {
  organisationId: string;
  idScheme: string;
  idValue: string;
  identifier: string;
  legalName: string;
  kind: string;
  territories: { code: string; name: string }[];
  contactEmail: string | null;
}

interface OnBehalf {
  by: string;
  action: string;
  summary: string;
}

const PICKED = {
  idScheme: 'SIRET',
  id: siretFor(52, 1),
  legalName: 'Association intermédiaire Trait d’Union',
  kind: 'AI',
  territories: ['COM:93066'],
  contactEmail: 'contact@trait-union.test',
  representatives: [
    { name: 'Nadia Benali', title: 'Présidente', email: 'presidence@trait-union.test' },
  ],
};

describe('The coordinator runs a member’s subcontracting; a member picks its subcontractors from the directory; a subcontractor finds its way back', () => {
  const smtp = new SmtpSink();
  const system = systemForTests({ smtp });
  let bidId: string;
  let coordinator: SignedIn;
  let principal: { id: string; organisationId: string };
  let principalEditor: SignedIn;
  let otherMember: { id: string };
  let otherEditor: SignedIn;
  let stranger: SignedIn;
  let strangerNetworkId: string;
  /** The editor of an organisation known only to the other network. */
  let strangerEditor: SignedIn;
  let subcontractor: { memberId: string; person: SignedIn };

  beforeAll(async () => {
    ({ bidId, coordinator, principal, principalEditor, otherMember, otherEditor, stranger } =
      await subcontractingExampleBid(system));
    strangerNetworkId = await system.persistence
      .get(AccessRepository)
      .ensureNetwork('Autre réseau');
  });

  const base = () => `/api/bids/${bidId}/members/${principal.id}`;
  const directory = (query = '') => `${base()}/subcontractor-directory${query}`;
  const onBehalfOf = async (): Promise<OnBehalf[]> =>
    (
      (await principalEditor.get(`${base()}/subcontracting`).expect(200)).body as {
        onBehalf: OnBehalf[];
      }
    ).onBehalf;

  it('lets a member’s editor pick from its network’s directory: identifier, name, kind and territories only', async () => {
    const networkId = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body.networkId;
    await coordinator.post(`/api/networks/${networkId}/organisations`).send(PICKED).expect(201);
    // Another network lists its own organisation: never seen from this bid.
    const elsewhereOrganisation = await stranger
      .post(`/api/networks/${strangerNetworkId}/organisations`)
      .send({ ...PICKED, id: siretFor(52, 2), legalName: 'Association de l’autre réseau' })
      .expect(201);
    strangerEditor = await signIn(system.api, system.dataSource, 'ed@autre-reseau.test', [
      { role: 'EDITOR', organisationId: elsewhereOrganisation.body.organisationId },
    ]);

    // The editor cannot read the directory itself, but may pick from it for its member.
    await principalEditor.get(`/api/networks/${networkId}/organisations`).expect(404);
    const found = (await principalEditor.get(directory('?search=Trait')).expect(200)).body;
    expect(found.total).toBe(1);
    const candidate = at(found.organisations as Candidate[], 0);
    expect(Object.keys(candidate).sort()).toEqual(
      [
        'contactEmail',
        'identifier',
        'idScheme',
        'idValue',
        'kind',
        'legalName',
        'organisationId',
        'territories',
      ].sort(),
    );
    expect(candidate).toMatchObject({
      legalName: PICKED.legalName,
      kind: 'AI',
      idValue: PICKED.id,
      contactEmail: null,
      territories: [{ code: 'COM:93066', name: expect.stringContaining('Saint-Denis') }],
    });
    // The coordinator, who reads the directory, also gets the contact to prefill the invitation.
    const asCoordinator = (await coordinator.get(directory('?search=Trait')).expect(200)).body;
    expect(at(asCoordinator.organisations as Candidate[], 0).contactEmail).toBe(
      PICKED.contactEmail,
    );
    // By identifier, and filtered by kind.
    const bySiret = (await principalEditor.get(directory(`?search=${PICKED.id.slice(0, 9)}`))).body;
    expect(bySiret.organisations.map((o: Candidate) => o.legalName)).toEqual([PICKED.legalName]);
    expect((await principalEditor.get(directory('?search=Trait&kind=ESAT'))).body.total).toBe(0);
    // Nothing of the other network, whatever is searched.
    const elsewhere = (await principalEditor.get(directory('?search=autre%20r%C3%A9seau'))).body;
    expect(elsewhere).toEqual({ total: 0, organisations: [] });
    // Its own organisation is not offered as its own subcontractor.
    const all = (await principalEditor.get(directory()).expect(200)).body.organisations;
    expect(all.map((o: Candidate) => o.organisationId)).not.toContain(principal.organisationId);
  });

  it('refuses the directory pick to another member, another network and hostile input', async () => {
    await otherEditor.get(directory()).expect(403);
    await stranger.get(directory()).expect(404);
    await strangerEditor.get(directory()).expect(404);
    await strangerEditor.get(`/api/bids/${bidId}/subcontracting`).expect(404);
    expect((await strangerEditor.get('/api/subcontracting/engagements')).body).toEqual([]);
    for (const [query, path] of [
      ['?kind=XYZ', 'kind'],
      [`?search=${'x'.repeat(300)}`, 'search'],
      ['?limit=5000', ''],
    ] as const) {
      const refused = await principalEditor.get(directory(query));
      expect(refused.status).toBe(400);
      if (path) expect(refused.body.problems.map((p: { path: string }) => p.path)).toContain(path);
    }
    // LIKE's wildcards are read as letters, never as "anything".
    for (const search of ['%', '_', '\\', "'; DROP TABLE organisations; --"]) {
      const answer = await principalEditor
        .get(directory(`?search=${encodeURIComponent(search)}`))
        .expect(200);
      expect(answer.body.total).toBe(0);
    }
  });

  it('lets the coordinator invite on the member’s behalf, recorded as such and shown to the member', async () => {
    const invited = await coordinator
      .post(`${base()}/subcontractors`)
      .send({ email: 'direction@trait-union.test', idScheme: 'SIRET', id: PICKED.id })
      .expect(201);
    const person = await openSession(
      system.api,
      await smtp.lastToken('direction@trait-union.test'),
      'direction@trait-union.test',
    );
    subcontractor = { memberId: invited.body.memberId, person };
    const shown = await onBehalfOf();
    expect(shown).toHaveLength(1);
    expect(at(shown, 0)).toMatchObject({
      action: 'member.invited',
      summary: `Invitation de ${PICKED.legalName} comme sous-traitant`,
    });
    const [audit] = await system.dataSource.query<{ after: Record<string, unknown> }[]>(
      `SELECT after FROM audit_events WHERE action = 'member.invited' AND entity_id = $1`,
      [invited.body.memberId],
    );
    expect(audit?.after).toMatchObject({ subcontractorOf: principal.id, onBehalf: true });
    // The member's own editor acting for it is not « on its behalf ».
    await principalEditor
      .post(`${base()}/subcontractors`)
      .send({
        email: 'agence@etti-coord.test',
        idScheme: 'SIRET',
        id: siretFor(52, 3),
        organisation: {
          legalName: 'ETTI Coordination',
          kind: 'ETTI',
          employees: 12,
          home: 'COM:93048',
          representative: { name: 'Léa Martin', title: 'Gérante' },
        },
      })
      .expect(201);
    expect(await onBehalfOf()).toHaveLength(1);
  });

  it('gives a subcontractor who lost the mail its engagements on its home page, and nobody else’s', async () => {
    const { person, memberId } = subcontractor;
    const engagements = (await person.get('/api/subcontracting/engagements').expect(200)).body;
    expect(engagements).toHaveLength(1);
    const engagement = at(engagements as Record<string, unknown>[], 0);
    expect(engagement).toMatchObject({
      bidId,
      memberId,
      legalName: PICKED.legalName,
      status: 'INVITED',
      principal: { legalName: expect.any(String) },
      tender: { reference: expect.any(String), title: expect.any(String) },
    });
    expect((engagement.lots as unknown[]).length).toBeGreaterThan(0);
    // A fresh sign-in by login link finds it the same way (the session is the person's, not the mail's).
    await person.post('/api/auth/logout').expect(204);
    await person.get('/api/subcontracting/engagements').expect(401);
    const again = await signIn(system.api, system.dataSource, 'direction@trait-union.test');
    expect((await again.get('/api/subcontracting/engagements').expect(200)).body).toHaveLength(1);
    subcontractor = { memberId, person: again };
    // A co-contractor, another network, a stranger: none.
    expect((await principalEditor.get('/api/subcontracting/engagements')).body).toEqual([]);
    expect((await stranger.get('/api/subcontracting/engagements')).body).toEqual([]);
    expect((await coordinator.get('/api/subcontracting/engagements')).body).toEqual([]);
    // Still nothing else of the bid.
    await again.get(`/api/bids/${bidId}`).expect(404);
    await again.get(`/api/bids/${bidId}/subcontracting`).expect(404);
    // A subcontractor does not pick subcontractors, nor reads the directory through this door.
    await again.get(directory()).expect(404);
    await again.get(`/api/bids/${bidId}/members/${memberId}/subcontractor-directory`).expect(404);
  });

  it('lets the coordinator record a subcontract for the member and see the whole tier with totals per lot', async () => {
    const { person, memberId } = subcontractor;
    await person.post(`/api/bids/${bidId}/subcontractors/${memberId}/accept`).expect(204);
    const lots = (await principalEditor.get(`${base()}/subcontracting`).expect(200)).body.lots;
    const lot = at(lots as { number: number }[], 0).number;
    const created = await coordinator
      .post(`${base()}/subcontracts`)
      .send({
        subcontractorId: memberId,
        lot,
        kind: 'SOUS_TRAITANCE',
        nature: 'Entretien des espaces verts',
        durationMonths: 12,
        amountExclVatCents: 100_001,
        amountInclVatCents: 120_001,
        reverseCharge: false,
      })
      .expect(201);
    expect(created.body.directPayment).toBe(true);
    expect(at(await onBehalfOf(), 0)).toMatchObject({
      action: 'subcontract.created',
      summary: `Sous-traitance du lot ${lot} confiée à ${PICKED.legalName}`,
    });

    const tier = (await coordinator.get(`/api/bids/${bidId}/subcontracting`).expect(200)).body;
    const mine = tier.members.find((m: { memberId: string }) => m.memberId === principal.id);
    expect(
      mine.subcontractors.map((s: { legalName: string; status: string }) => [
        s.legalName,
        s.status,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [PICKED.legalName, 'ACCEPTED'],
        ['ETTI Coordination', 'INVITED'],
      ]),
    );
    // Per lot, the sums of every member's subcontracts, to the cent.
    const rows = await system.dataSource.query<{ lot: number; excl: string; n: number }[]>(
      `SELECT l.number AS lot, sum(s.max_amount_cents) AS excl, count(*)::int AS n
         FROM subcontracts s JOIN lots l ON l.id = s.lot_id WHERE s.bid_id = $1 GROUP BY l.number`,
      [bidId],
    );
    for (const row of rows) {
      const shown = tier.lots.find((l: { number: number }) => l.number === row.lot);
      expect(shown).toMatchObject({ subcontracts: row.n, amountExclVatCents: Number(row.excl) });
    }
    expect(tier.totals.amountExclVatCents).toBe(
      rows.reduce((sum, row) => sum + Number(row.excl), 0),
    );
    expect(
      tier.lots.find((l: { number: number }) => l.number === lot).directPaymentInclVatCents,
    ).toBeGreaterThanOrEqual(120_001);
    // Coordinators only; another network as if nothing were there.
    await principalEditor.get(`/api/bids/${bidId}/subcontracting`).expect(403);
    await otherEditor.get(`/api/bids/${bidId}/subcontracting`).expect(403);
    await stranger.get(`/api/bids/${bidId}/subcontracting`).expect(404);
  });

  it('withdraws a subcontractor with its subcontracts, for the member, refusing others and hostile input', async () => {
    const { memberId, person } = subcontractor;
    const withdraw = (who: SignedIn, path = base(), body: object = { reason: 'Agrément échu' }) =>
      who.post(`${path}/subcontractors/${memberId}/withdraw`).send(body);
    await withdraw(otherEditor).expect(403);
    await withdraw(stranger).expect(404);
    await withdraw(person).expect(404);
    // Through another member's route: not its subcontractor.
    const otherBase = `/api/bids/${bidId}/members/${otherMember.id}`;
    await withdraw(otherEditor, otherBase).expect(404);
    expect((await withdraw(principalEditor, base(), { reason: '' })).status).toBe(400);
    expect((await withdraw(principalEditor, base(), {})).body.problems[0].path).toBe('reason');
    expect(
      (await principalEditor.post(`${base()}/subcontractors/rien/withdraw`).send({ reason: 'x' }))
        .status,
    ).toBe(400);
    const [before] = await system.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM subcontracts WHERE subcontractor_id = $1',
      [memberId],
    );
    expect(before?.n).toBe(1);

    const done = await withdraw(coordinator).expect(201);
    expect(done.body).toEqual({ removedSubcontracts: 1 });
    const [after] = await system.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM subcontracts WHERE subcontractor_id = $1',
      [memberId],
    );
    expect(after?.n).toBe(0);
    expect(at(await onBehalfOf(), 0)).toMatchObject({
      action: 'member.withdrawn',
      summary: `Retrait du sous-traitant ${PICKED.legalName}`,
    });
    const [audit] = await system.dataSource.query<{ after: Record<string, unknown> }[]>(
      `SELECT after FROM audit_events WHERE action = 'member.withdrawn' AND entity_id = $1`,
      [memberId],
    );
    expect(audit?.after).toMatchObject({
      principalId: principal.id,
      onBehalf: true,
      reason: 'Agrément échu',
      removedSubcontracts: [expect.objectContaining({ amountExclVatCents: 100_001 })],
    });
    // Its page says so; withdrawing twice is refused with a reason, nothing changes.
    const engagements = (await person.get('/api/subcontracting/engagements').expect(200)).body;
    expect(at(engagements as { status: string }[], 0).status).toBe('WITHDRAWN');
    expect((await withdraw(coordinator)).status).toBe(422);
  });
});
