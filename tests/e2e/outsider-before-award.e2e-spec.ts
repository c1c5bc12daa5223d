import { required } from '@cordage/domain';
import { SmtpSink, siretFor } from '@cordage/testing';
import { type SignedIn, openSession, signIn } from './support/actors';
import { moveBid, proposeFirstAllocation } from './support/bid-state';
import { pollJob } from './support/harness';
import { exampleBidWithCoordinator, memberByKey, systemForTests } from './support/system';

jest.setTimeout(60_000);

/**
 * An outside tester's probes of the workflow before the award: invitation links once their member
 * is withdrawn or revoked, the vote once a member left, the convention frozen twice, what a member
 * reads of the others in a split under ALLOCATION_ONLY, a subcontractor whose principal left. Each
 * probe asserts the safe behaviour: a failing probe is a flaw.
 */
describe('Outsider probes before the award', () => {
  const smtp = new SmtpSink();
  const system = systemForTests({ smtp });

  const count = async (sql: string, parameters: unknown[] = []) =>
    Number(required((await system.dataSource.query<{ n: string }[]>(sql, parameters))[0], sql).n);
  const statusOf = async (memberId: string) =>
    required(
      (
        await system.dataSource.query<{ status: string }[]>(
          'SELECT status FROM members WHERE id = $1',
          [memberId],
        )
      )[0],
      'the member',
    ).status;
  const anonymousSession = async (token: string) => {
    const { default: request } = await import('supertest');
    return request(system.api.getHttpServer()).post('/api/auth/session').send({ token });
  };

  describe('invitation links', () => {
    let bidId: string;
    let coordinator: SignedIn;

    beforeAll(async () => {
      ({ bidId, coordinator } = await exampleBidWithCoordinator(system, {
        network: 'Réseau des invitations sondées',
        coordinatorEmail: 'coord@invitations-sondees.test',
      }));
      await moveBid(system.dataSource, bidId, 'COLLECTING');
    }, 120_000);

    /** A new organisation invited by the coordinator (its roles granted at once): its member id. */
    async function inviteNew(email: string, index: number): Promise<string> {
      const invited = await coordinator
        .post(`/api/bids/${bidId}/invitations`)
        .send({
          email,
          idScheme: 'SIRET',
          id: siretFor(77, index),
          organisation: {
            legalName: `Atelier sondé ${index}`,
            kind: 'ACI',
            employees: 8,
            home: 'COM:93048',
            representative: { name: 'Lou Petit', title: 'Président' },
          },
        })
        .expect(201);
      expect(invited.body.representation).toBe('GRANTED');
      return invited.body.memberId as string;
    }

    it('opens no session with the link of a member the coordinator withdrew before it answered', async () => {
      const email = 'retire-avant@atelier-sonde.test';
      const memberId = await inviteNew(email, 1);
      const token = await smtp.lastToken(email);
      await coordinator
        .post(`/api/bids/${bidId}/members/${memberId}/withdraw`)
        .send({ reason: 'Invitation envoyée par erreur' })
        .expect(204);
      const opened = await anonymousSession(token);
      // Had it opened a session, what the person would read of the bid it no longer belongs to.
      const cookie = opened.headers['set-cookie'];
      const { default: request } = await import('supertest');
      const read = cookie
        ? (
            await request(system.api.getHttpServer())
              .get(`/api/bids/${bidId}`)
              .set('Cookie', cookie)
          ).status
        : null;
      expect({ session: opened.status, readsBid: read }).toEqual({ session: 401, readsBid: null });
    });
  });

  describe('the split put to the vote', () => {
    let bidId: string;
    let coordinator: SignedIn;
    let versionMembers: { org: string; amountCents: number }[];

    beforeAll(async () => {
      ({ bidId, coordinator } = await exampleBidWithCoordinator(system, {
        network: 'Réseau du vote sondé',
        coordinatorEmail: 'coord@vote-sonde.test',
      }));
      await proposeFirstAllocation(system.dataSource, coordinator, bidId);
      versionMembers = (await coordinator.get(`/api/bids/${bidId}/allocations/1`).expect(200)).body
        .result.members;
    }, 180_000);

    it('under ALLOCATION_ONLY, shows a member no other member’s offer or caps in the version’s explanations', async () => {
      await coordinator
        .patch(`/api/bids/${bidId}`)
        .send({ transparency: 'ALLOCATION_ONLY' })
        .expect(204);
      const own = await memberByKey(system.dataSource, bidId, 'org-002');
      const editor = await signIn(system.api, system.dataSource, 'ed@vote-org-002.test', [
        { role: 'EDITOR', organisationId: own.organisationId },
      ]);
      // The bid itself hides the others' offers and limits from this reader.
      const bid = (await editor.get(`/api/bids/${bidId}`).expect(200)).body;
      expect(bid.offersShared).toBe(false);
      const version = (await editor.get(`/api/bids/${bidId}/allocations/1`).expect(200)).body;
      const others = Object.entries(version.result.explanations as Record<string, string>).filter(
        ([key]) => key !== 'org-002',
      );
      // Each text tells the member's offer per lot and its caps: the first one, to read.
      expect(others.slice(0, 1)).toEqual([]);
      expect(others.length).toBe(0);
    });

    let leaverKey: string;

    it('refuses the ballot of a member withdrawn while the split is put to the vote, naming it', async () => {
      const withShare = [
        ...new Set(versionMembers.filter((m) => m.amountCents > 0).map((m) => m.org)),
      ];
      leaverKey = required(withShare.at(-1), 'a member with a share');
      const leaver = await memberByKey(system.dataSource, bidId, leaverKey);
      await coordinator
        .post(`/api/bids/${bidId}/members/${leaver.id}/withdraw`)
        .send({ reason: 'Liquidation judiciaire' })
        .expect(204);
      const editor = await signIn(system.api, system.dataSource, `ed@vote-${leaverKey}.test`, [
        { role: 'EDITOR', organisationId: leaver.organisationId },
      ]);
      const votes = 'SELECT count(*) AS n FROM allocation_votes WHERE member_id = $1';
      const ballot = await editor
        .post(`/api/bids/${bidId}/members/${leaver.id}/votes`)
        .send({ choice: 'OBJECT', comment: 'Nous partons' });
      expect(ballot.status).toBe(422);
      expect(ballot.body.problems[0]).toMatchObject({ path: 'memberId', code: 'NOT_A_VOTER' });
      expect(await count(votes, [leaver.id])).toBe(0);
    });

    it('does not agree, on the others’ approval, a split that gives work to a member withdrawn during the vote', async () => {
      const voters = await system.dataSource.query<
        { id: string; key: string; organisation_id: string }[]
      >(
        `SELECT id, key, organisation_id FROM members WHERE bid_id = $1 AND role = 'COTRAITANT'
         AND status IN ('ACCEPTED', 'DATA_COMPLETE') ORDER BY key`,
        [bidId],
      );
      const last = required(voters.at(-1), 'a voter');
      // Every other voter approved already (written as the vote route writes them).
      for (const voter of voters.slice(0, -1)) {
        await system.dataSource.query(
          `INSERT INTO allocation_votes (allocation_version_id, member_id, choice)
           SELECT id, $2, 'APPROVE' FROM allocation_versions WHERE bid_id = $1 AND number = 1`,
          [bidId, voter.id],
        );
      }
      const editor = await signIn(system.api, system.dataSource, `ed@vote-${last.key}.test`, [
        { role: 'EDITOR', organisationId: last.organisation_id },
      ]);
      await editor.post(`/api/bids/${bidId}/members/${last.id}/votes`).send({ choice: 'APPROVE' });
      const [bid] = await system.dataSource.query<{ status: string }[]>(
        'SELECT status FROM bids WHERE id = $1',
        [bidId],
      );
      // Agreed on version 1 would put the withdrawn member's work in the convention to sign.
      expect(`${leaverKey} withdrawn, bid ${bid?.status}`).not.toBe(
        `${leaverKey} withdrawn, bid AGREED`,
      );
    });

    it('refuses a ballot once the decision is closed, writing nothing', async () => {
      const member = await memberByKey(system.dataSource, bidId, 'org-002');
      const editor = await signIn(system.api, system.dataSource, 'ed@vote-org-002.test', [
        { role: 'EDITOR', organisationId: member.organisationId },
      ]);
      await moveBid(system.dataSource, bidId, 'AGREED', 1);
      const audit = await count('SELECT count(*) AS n FROM audit_events');
      const late = await editor
        .post(`/api/bids/${bidId}/members/${member.id}/votes`)
        .send({ choice: 'OBJECT', comment: 'Trop tard' });
      expect(late.status).toBe(422);
      expect(late.body.problems[0]).toMatchObject({ path: 'status' });
      expect(await count('SELECT count(*) AS n FROM audit_events')).toBe(audit);
    });
  });

  describe('the convention frozen for signature', () => {
    let bidId: string;
    let coordinator: SignedIn;

    beforeAll(async () => {
      ({ bidId, coordinator } = await exampleBidWithCoordinator(system, {
        network: 'Réseau de la convention sondée',
        coordinatorEmail: 'coord@convention-sondee.test',
      }));
      await moveBid(system.dataSource, bidId, 'ALLOCATING');
      const run = await coordinator.post(`/api/bids/${bidId}/allocations`).expect(202);
      expect((await pollJob(coordinator, run.body.jobId)).last.state).toBe('completed');
    }, 180_000);

    async function convention(): Promise<string> {
      const accepted = await coordinator
        .post(`/api/bids/${bidId}/documents`)
        .send({ allocationVersion: 1, set: 'CONVENTION' })
        .expect(202);
      const { last } = await pollJob(coordinator, accepted.body.jobId);
      expect(last.state).toBe('completed');
      return required(
        (last.result as unknown as { documentIds: string[] }).documentIds[0],
        'the convention',
      );
    }

    it('lets the members sign one convention of the agreed split, not two', async () => {
      const first = await convention();
      const second = await convention();
      await moveBid(system.dataSource, bidId, 'AGREED', 1);
      await coordinator.post(`/api/bids/${bidId}/documents/${first}/freeze`).expect(204);
      const again = await coordinator.post(`/api/bids/${bidId}/documents/${second}/freeze`);
      await moveBid(system.dataSource, bidId, 'SIGNING', 1);
      const member = await memberByKey(system.dataSource, bidId, 'org-003');
      const signatory = await signIn(system.api, system.dataSource, 'signe@conv-org-003.test', [
        { role: 'SIGNATORY', organisationId: member.organisationId },
      ]);
      const codeFor = (documentId: string) =>
        signatory
          .post(`/api/bids/${bidId}/members/${member.id}/signature-code`)
          .send({ documentId });
      const signable = [(await codeFor(first)).status, (await codeFor(second)).status].filter(
        (status) => status === 200,
      ).length;
      // Two frozen conventions of one split: each member could sign a different one, and the
      // signing closes when each member signed either.
      expect({ secondFreeze: again.status, signableConventions: signable }).toMatchObject({
        signableConventions: 1,
      });
    });
  });

  describe('a subcontractor whose principal left', () => {
    let bidId: string;
    let coordinator: SignedIn;

    beforeAll(async () => {
      ({ bidId, coordinator } = await exampleBidWithCoordinator(system, {
        network: 'Réseau de la sous-traitance sondée',
        coordinatorEmail: 'coord@sous-traitance-sondee.test',
      }));
      await moveBid(system.dataSource, bidId, 'COLLECTING');
    }, 120_000);

    it('neither accepts nor declares for a principal the coordinator withdrew', async () => {
      const principal = await memberByKey(system.dataSource, bidId, 'org-001');
      const principalEditor = await signIn(system.api, system.dataSource, 'ed@st-org-001.test', [
        { role: 'EDITOR', organisationId: principal.organisationId },
      ]);
      const email = 'direction@ai-sondee.test';
      const invited = await principalEditor
        .post(`/api/bids/${bidId}/members/${principal.id}/subcontractors`)
        .send({
          email,
          idScheme: 'SIRET',
          id: siretFor(78, 1),
          organisation: {
            legalName: 'Association intermédiaire sondée',
            kind: 'AI',
            employees: 8,
            home: 'COM:93066',
            representative: { name: 'Inès Bouzid', title: 'Directrice' },
          },
        })
        .expect(201);
      const subcontractorId = invited.body.memberId as string;
      const person = await openSession(system.api, await smtp.lastToken(email), email);
      const own = `/api/bids/${bidId}/subcontractors/${subcontractorId}`;
      const view = (await person.get(own).expect(200)).body as {
        lots: { number: number; cells: { territory: string }[] }[];
      };
      await coordinator
        .post(`/api/bids/${bidId}/members/${principal.id}/withdraw`)
        .send({ reason: 'Cessation d’activité' })
        .expect(204);
      const accepted = await person.post(`${own}/accept`);
      const lot = required(view.lots[0], 'a lot of the principal');
      const declared = await person.put(`${own}/capacities`).send({
        capacities: [
          {
            lot: lot.number,
            territory: required(lot.cells[0], 'a cell').territory,
            hours: 100,
          },
        ],
      });
      const refused = (status: number) => (status >= 400 && status < 500 ? 'refused' : status);
      expect({
        accept: refused(accepted.status),
        declare: refused(declared.status),
        status: await statusOf(subcontractorId),
      }).toEqual({ accept: 'refused', declare: 'refused', status: 'INVITED' });
    });
  });
});
