import { at, required } from '@cordage/domain';
import { SmtpSink, siretFor } from '@cordage/testing';
import { type SignedIn, openSession } from './support/actors';
import { moveBid } from './support/bid-state';
import { asBytes, pollJob } from './support/harness';
import { subcontractingExampleBid, systemForTests } from './support/system';
import { pdfText } from './support/pdf';

jest.setTimeout(240_000);

interface DocumentBody {
  kind: string;
  subject: string;
  allocationVersion: number;
  downloadUrl: string;
}

interface OwnView {
  status: string;
  principal: { legalName: string };
  lots: { number: number; cells: { territory: string; hours: number | null }[] }[];
}

const AI = {
  email: 'direction@ai-plaine.test',
  idScheme: 'SIRET',
  id: siretFor(41, 1),
  organisation: {
    legalName: 'Association intermédiaire Plaine Emploi',
    kind: 'AI',
    employees: 8,
    home: 'COM:93066',
    representative: { name: 'Inès Bouzid', title: 'Directrice' },
  },
};
const ETTI = {
  email: 'agence@etti-93.test',
  idScheme: 'SIRET',
  id: siretFor(41, 2),
  organisation: {
    legalName: 'ETTI Intérim Solidaire 93',
    kind: 'ETTI',
    employees: 15,
    home: 'COM:93048',
    representative: { name: 'Paul Nguyen', title: 'Gérant' },
  },
};

describe('The subcontracting tier: a member’s subcontractors invite, accept, declare, and annex B follows', () => {
  const smtp = new SmtpSink();
  const system = systemForTests({ smtp });
  let bidId: string;
  let coordinator: SignedIn;
  let principal: { id: string; organisationId: string };
  let principalEditor: SignedIn;
  let otherMember: { id: string };
  let otherEditor: SignedIn;
  let stranger: SignedIn;
  const subcontractors: { memberId: string; person: SignedIn }[] = [];

  beforeAll(async () => {
    ({ bidId, coordinator, principal, principalEditor, otherMember, otherEditor, stranger } =
      await subcontractingExampleBid(system));
  });

  const base = () => `/api/bids/${bidId}/members/${principal.id}`;
  const own = (memberId: string) => `/api/bids/${bidId}/subcontractors/${memberId}`;

  it('invites two subcontractors by identifier and e-mail; each follows the mailed link to its own page', async () => {
    for (const invitation of [AI, ETTI]) {
      const invited = await principalEditor
        .post(`${base()}/subcontractors`)
        .send(invitation)
        .expect(201);
      expect(invited.body.representation).toBe('GRANTED');
      const mail = await smtp.waitForMail(invitation.email);
      expect(mail.text).toContain('sous-traitance');
      expect(mail.text).toContain(invitation.organisation.legalName);
      expect(decodeURIComponent(mail.text)).toContain(
        `next=/sous-traitance/${bidId}/${invited.body.memberId}`,
      );
      const person = await openSession(
        system.api,
        await smtp.lastToken(invitation.email),
        invitation.email,
      );
      subcontractors.push({ memberId: invited.body.memberId, person });
    }
    const overview = (await principalEditor.get(`${base()}/subcontracting`).expect(200)).body;
    expect(
      overview.subcontractors.map((s: { legalName: string; status: string }) => [
        s.legalName,
        s.status,
      ]),
    ).toEqual([
      [AI.organisation.legalName, 'INVITED'],
      [ETTI.organisation.legalName, 'INVITED'],
    ]);
    // The coordinator reads the same.
    await coordinator.get(`${base()}/subcontracting`).expect(200);
    // An invited subcontractor is not a co-contractor: its bid list stays empty.
    const { person } = at(subcontractors, 0);
    expect((await person.get('/api/bids').expect(200)).body).toEqual([]);
  });

  it('lets each subcontractor accept and declare on its principal’s lots only', async () => {
    for (const [index, { memberId, person }] of subcontractors.entries()) {
      const before = (await person.get(own(memberId)).expect(200)).body as OwnView;
      expect(before.status).toBe('INVITED');
      expect(before.principal.legalName).toBeTruthy();
      expect(before.lots.length).toBeGreaterThan(0);
      // Declaring before accepting is refused, by its field.
      const early = await person
        .put(`${own(memberId)}/capacities`)
        .send({ capacities: [] })
        .expect(422);
      expect(early.body.problems[0]).toMatchObject({ path: 'status' });
      await person.post(`${own(memberId)}/accept`).expect(204);

      const lot = at(before.lots, 0);
      const cells = lot.cells.slice(0, 2);
      const saved = await person
        .put(`${own(memberId)}/capacities`)
        .send({
          capacities: cells.map((cell, n) => ({
            lot: lot.number,
            territory: cell.territory,
            hours: 100 * (index + 1) + n + 0.5,
          })),
        })
        .expect(200);
      expect(saved.body).toMatchObject({ capacities: cells.length, status: 'DATA_COMPLETE' });
      const after = (await person.get(own(memberId)).expect(200)).body as OwnView;
      expect(at(at(after.lots, 0).cells, 0).hours).toBe(100 * (index + 1) + 0.5);
    }
    const overview = (await principalEditor.get(`${base()}/subcontracting`).expect(200)).body;
    expect(overview.subcontractors.map((s: { status: string }) => s.status)).toEqual([
      'DATA_COMPLETE',
      'DATA_COMPLETE',
    ]);
    expect(overview.subcontractors[0].declaredHours).toBe(100.5 + 101.5);
  });

  it('shows a subcontractor nothing else of the bid, and lets it act for its own organisation only', async () => {
    const [first, second] = [at(subcontractors, 0), at(subcontractors, 1)];
    const { person } = first;
    await person.get(`/api/bids/${bidId}`).expect(404);
    await person.get(`/api/bids/${bidId}/offers`).expect(404);
    await person.get(`/api/bids/${bidId}/members/${otherMember.id}/particulars`).expect(404);
    await person.get(`/api/bids/${bidId}/members/${otherMember.id}/offers`).expect(404);
    await person.get(`/api/bids/${bidId}/members/${first.memberId}/offers`).expect(404);
    await person.get(`${base()}/subcontracting`).expect(404);
    await person.get(`/api/bids/${bidId}/allocations`).expect(404);
    // The other subcontractor's page: forbidden, not hidden (it knows the bid).
    await person.get(own(second.memberId)).expect(403);
    await person
      .put(`${own(second.memberId)}/capacities`)
      .send({ capacities: [] })
      .expect(403);
    // Another member of the bid may not manage the principal's subcontractors.
    await otherEditor.get(`${base()}/subcontracting`).expect(403);
    await otherEditor.post(`${base()}/subcontractors`).send(AI).expect(403);
    await otherEditor.get(own(first.memberId)).expect(403);
    // Another network: as if nothing were there.
    await stranger.get(`${base()}/subcontracting`).expect(404);
    await stranger.get(own(first.memberId)).expect(404);
    await stranger.post(`${own(first.memberId)}/accept`).expect(404);
  });

  it('refuses hostile input with a 4xx naming the field, and writes nothing', async () => {
    const { memberId, person } = at(subcontractors, 0);
    const view = (await person.get(own(memberId)).expect(200)).body as OwnView;
    const lot = at(view.lots, 0);
    const cases: [object, string][] = [
      [
        { capacities: [{ lot: lot.number, territory: 'COM:93066', hours: -3 }] },
        'capacities[0].hours',
      ],
      [{ capacities: [{ lot: 2 ** 40, territory: 'COM:93066', hours: 3 }] }, 'capacities[0].lot'],
      [
        { capacities: [{ lot: lot.number, territory: 'x'.repeat(500), hours: 3 }] },
        'capacities[0].territory',
      ],
      [{ capacities: 'beaucoup' }, 'capacities'],
    ];
    for (const [body, path] of cases) {
      const refused = await person.put(`${own(memberId)}/capacities`).send(body);
      expect(refused.status).toBe(400);
      expect(refused.body.problems.map((p: { path: string }) => p.path)).toContain(path);
    }
    const outside = await person
      .put(`${own(memberId)}/capacities`)
      .send({ capacities: [{ lot: 999, territory: 'COM:93066', hours: 3 }] })
      .expect(422);
    expect(outside.body.problems[0]).toMatchObject({
      path: 'capacities[0].territory',
      code: 'NOT_A_PRINCIPAL_CELL',
    });
    // Nothing half-written: the declaration is the one saved before.
    const still = (await person.get(own(memberId)).expect(200)).body as OwnView;
    expect(at(at(still.lots, 0).cells, 0).hours).toBe(100.5);

    const subcontract = {
      subcontractorId: memberId,
      lot: lot.number,
      kind: 'SOUS_TRAITANCE',
      nature: 'Nettoyage',
      durationMonths: 12,
      amountExclVatCents: 100_000,
      amountInclVatCents: 120_000,
      reverseCharge: false,
    };
    const hostile: [Record<string, unknown>, string][] = [
      [{ amountExclVatCents: '1000,50' }, 'amountExclVatCents'],
      [{ amountExclVatCents: 10.5 }, 'amountExclVatCents'],
      [{ amountInclVatCents: 2 ** 60 }, 'amountInclVatCents'],
      [{ durationMonths: 0 }, 'durationMonths'],
      [{ kind: 'PRET' }, 'kind'],
      [{ nature: '' }, 'nature'],
      [{ subcontractorId: 'rien' }, 'subcontractorId'],
      [{ extra: true }, ''],
    ];
    for (const [change, path] of hostile) {
      const refused = await principalEditor
        .post(`${base()}/subcontracts`)
        .send({ ...subcontract, ...change });
      expect(refused.status).toBe(400);
      if (path) expect(refused.body.problems.map((p: { path: string }) => p.path)).toContain(path);
    }
    const below = await principalEditor
      .post(`${base()}/subcontracts`)
      .send({ ...subcontract, amountInclVatCents: 90_000 })
      .expect(422);
    expect(below.body.problems[0]).toMatchObject({
      path: 'amountInclVatCents',
      code: 'BELOW_EXCL_VAT',
    });
    const unknownLot = await principalEditor
      .post(`${base()}/subcontracts`)
      .send({ ...subcontract, lot: 99 })
      .expect(422);
    expect(unknownLot.body.problems[0]).toMatchObject({ path: 'lot', code: 'UNKNOWN_LOT' });
    const [count] = await system.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM subcontracts WHERE principal_id = $1',
      [principal.id],
    );
    expect(count?.n).toBe(1); // org-001's one subcontract from the file, nothing more
  });

  let principalLot: { lot: number; amountCents: number };

  it('enters subcontracts within the principal’s share, computes direct payment, and records loans of workers as such', async () => {
    await moveBid(system.dataSource, bidId, 'ALLOCATING');
    const run = await coordinator.post(`/api/bids/${bidId}/allocations`).expect(202);
    expect((await pollJob(coordinator, run.body.jobId)).last.state).toBe('completed');
    const version = (await coordinator.get(`/api/bids/${bidId}/allocations/1`).expect(200)).body;
    const key = 'org-001';
    principalLot = required(
      (version.result.members as { org: string; lot: number; amountCents: number }[])
        .filter((share) => share.org === key && share.amountCents > 200_000)
        .sort((a, b) => b.amountCents - a.amountCents)[0],
      'a lot of org-001',
    );
    const [ai, etti] = [at(subcontractors, 0), at(subcontractors, 1)];
    const terms = {
      lot: principalLot.lot,
      kind: 'SOUS_TRAITANCE',
      nature: 'Entretien des espaces verts',
      durationMonths: 24,
      amountExclVatCents: 150_000,
      amountInclVatCents: 180_000,
      reverseCharge: false,
    };
    // Never above what the principal holds on the lot (annex B's rule).
    const above = await principalEditor
      .post(`${base()}/subcontracts`)
      .send({
        ...terms,
        subcontractorId: ai.memberId,
        amountExclVatCents: principalLot.amountCents + 1,
        amountInclVatCents: principalLot.amountCents + 1,
      })
      .expect(422);
    expect(above.body.problems[0]).toMatchObject({
      path: 'amountExclVatCents',
      code: 'SUBCONTRACT_EXCEEDS_PRINCIPAL',
    });

    const created = await principalEditor
      .post(`${base()}/subcontracts`)
      .send({
        ...terms,
        subcontractorId: ai.memberId,
        amountInclVatCents: 59_999,
        amountExclVatCents: 50_000,
      })
      .expect(201);
    expect(created.body).toMatchObject({ directPayment: false, kind: 'SOUS_TRAITANCE' });
    // Edited: 1,800 EUR incl. VAT, paid directly by the buyer.
    const edited = await principalEditor
      .put(`${base()}/subcontracts/${created.body.id}`)
      .send(terms)
      .expect(200);
    expect(edited.body).toMatchObject({
      amountExclVatCents: 150_000,
      amountInclVatCents: 180_000,
      directPayment: true,
      durationMonths: 24,
    });
    // The coordinator enters the ETTI's loan of workers: a mise à disposition, no direct payment.
    const loan = await coordinator
      .post(`${base()}/subcontracts`)
      .send({
        ...terms,
        subcontractorId: etti.memberId,
        kind: 'MISE_A_DISPOSITION',
        nature: 'Mise à disposition d’agents d’entretien',
        amountExclVatCents: 80_000,
        amountInclVatCents: 96_000,
      })
      .expect(201);
    expect(loan.body).toMatchObject({ kind: 'MISE_A_DISPOSITION', directPayment: false });
    const duplicate = await coordinator
      .post(`${base()}/subcontracts`)
      .send({ ...terms, subcontractorId: etti.memberId, kind: 'MISE_A_DISPOSITION' })
      .expect(422);
    expect(duplicate.body.problems[0]).toMatchObject({
      path: 'lot',
      code: 'DUPLICATE_SUBCONTRACT',
    });

    const overview = (await principalEditor.get(`${base()}/subcontracting`).expect(200)).body;
    expect(
      overview.subcontracts
        .filter((s: { subcontractorId: string }) =>
          [ai.memberId, etti.memberId].includes(s.subcontractorId),
        )
        .map((s: { subcontractorName: string; kind: string }) => [s.subcontractorName, s.kind]),
    ).toEqual([
      [AI.organisation.legalName, 'SOUS_TRAITANCE'],
      [ETTI.organisation.legalName, 'MISE_A_DISPOSITION'],
    ]);
    const history = await system.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE bid_id = $1 AND action LIKE 'sub%' ORDER BY seq`,
      [bidId],
    );
    expect(history.map((event) => event.action)).toEqual([
      'subcontractor.capacities_declared',
      'subcontractor.capacities_declared',
      'subcontract.created',
      'subcontract.updated',
      'subcontract.created',
    ]);
  });

  it('lists both in annex B of the convention, and the subcontract (not the loan) on a DC4 sheet', async () => {
    // The subcontracts are part of what the split is computed on: a new run takes them in.
    const run = await coordinator.post(`/api/bids/${bidId}/allocations`).expect(202);
    expect((await pollJob(coordinator, run.body.jobId)).last.state).toBe('completed');
    const generate = async (set: 'CONVENTION' | 'EXPORTS') => {
      const accepted = await coordinator
        .post(`/api/bids/${bidId}/documents`)
        .send({ allocationVersion: 2, set })
        .expect(202);
      const job = (await pollJob(coordinator, accepted.body.jobId)).last;
      expect(job.failedReason).toBeNull();
    };
    await generate('CONVENTION');
    await generate('EXPORTS');
    const documents = (await coordinator.get(`/api/bids/${bidId}/documents`).expect(200))
      .body as DocumentBody[];
    const download = async (document: DocumentBody) =>
      pdfText((await asBytes(coordinator.get(document.downloadUrl)).expect(200)).body as Buffer);

    const convention = await download(
      required(
        documents.find((d) => d.kind === 'CONVENTION' && d.allocationVersion === 2),
        'the convention of version 2',
      ),
    );
    expect(convention).toContain(AI.organisation.legalName);
    expect(convention).toContain(ETTI.organisation.legalName);

    const dc4s = documents.filter((d) => d.kind === 'DC4' && d.allocationVersion === 2);
    // The 5 subcontracts of the file, and the AI's; the ETTI's loan has none.
    expect(dc4s).toHaveLength(6);
    const aiSheet = required(
      dc4s.find((d) => d.subject.startsWith(`lot-${principalLot.lot}/org-001/association`)),
      'the AI’s DC4',
    );
    const text = await download(aiSheet);
    expect(text).toContain(AI.organisation.legalName);
    expect(text).toContain('Entretien des espaces verts');
    expect(text).toContain('24 mois');
    expect(text).toMatch(/1 500,00 €/);
    expect(text).toMatch(/1 800,00 €/);
    expect(text).toMatch(/Paiement direct\s+oui/i);
    for (const sheet of dc4s) expect(sheet.subject).not.toMatch(/etti-interim/);
  });
});
