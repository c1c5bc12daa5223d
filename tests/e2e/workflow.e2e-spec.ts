import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { ChildProcess } from 'node:child_process';
import type { DataSource } from 'typeorm';
import { at } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import { PdfFile, SmtpSink, exampleScenario, normalise } from '@cordage/testing';
import { type SignedIn, signIn } from './support/actors';
import { importExampleBid } from './support/example-bid';
import { signWithCode } from './support/signing';
import { asBytes, pollJob, spawnWorker, stopProcess } from './support/harness';
import { type System, startSystem } from './support/system';

interface Party {
  memberId: string;
  key: string;
  employees: number;
  editor: SignedIn;
  signatory: SignedIn;
}

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const DAY_SECONDS = 24 * 3600;

describe('The bid workflow: from the capacity call to the award (api, workers, SMTP)', () => {
  const smtp = new SmtpSink();
  let system: System;
  let api: INestApplication;
  let workers: ChildProcess[] = [];
  let persistence: INestApplicationContext;
  let dataSource: DataSource;
  let networkId: string;
  let coordinator: SignedIn;
  const parties = new Map<string, Omit<Party, 'memberId'>>();

  beforeAll(async () => {
    system = await startSystem({ smtp });
    ({ api, persistence, dataSource } = system);
    networkId = await persistence.get(AccessRepository).ensureNetwork('Réseau');
    coordinator = await signIn(api, dataSource, 'coord@reseau.test', [
      { role: 'COORDINATOR', networkId },
    ]);
  });
  afterAll(async () => {
    for (const child of workers) await stopProcess(child);
    await system?.stop();
  });

  /** A bid of the example (under `reference`), with an editor and a signatory per co-contractor. */
  async function newBid(reference: string): Promise<{ bidId: string; members: Party[] }> {
    const bidId = await importExampleBid(persistence, networkId, exampleScenario({ reference }));
    const rows = await dataSource.query<
      { id: string; key: string; organisation_id: string; employees: number }[]
    >(
      // The staff the bid's network gave (the scenario file's).
      `SELECT m.id, m.key, m.organisation_id, own.staff AS employees FROM members m
       JOIN bids b ON b.id = m.bid_id
       JOIN network_organisations own
         ON own.network_id = b.network_id AND own.organisation_id = m.organisation_id
       WHERE m.bid_id = $1 AND m.role = 'COTRAITANT' ORDER BY m.key`,
      [bidId],
    );
    const members: Party[] = [];
    for (const row of rows) {
      let people = parties.get(row.key);
      if (!people) {
        people = {
          key: row.key,
          employees: row.employees,
          editor: await signIn(api, dataSource, `editeur@${row.key}.test`, [
            { role: 'EDITOR', organisationId: row.organisation_id },
          ]),
          signatory: await signIn(api, dataSource, `signature@${row.key}.test`, [
            { role: 'SIGNATORY', organisationId: row.organisation_id },
          ]),
        };
        parties.set(row.key, people);
      }
      members.push({ ...people, memberId: row.id });
    }
    return { bidId, members };
  }

  const step = (bidId: string, body: Record<string, unknown>) =>
    coordinator.post(`/api/bids/${bidId}/workflow/transitions`).send(body);
  const state = async (bidId: string): Promise<{ status: string; vote: unknown }> =>
    (await coordinator.get(`/api/bids/${bidId}/workflow`).expect(200)).body as {
      status: string;
      vote: unknown;
    };

  async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 60_000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`still waiting after ${ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const withdraw = (bidId: string, member: Party) =>
    coordinator
      .post(`/api/bids/${bidId}/members/${member.memberId}/withdraw`)
      .send({ reason: 'Ne peut pas intervenir sur ce marché' })
      .expect(204);

  it('carries a bid through the capacity call, a vote, a revision, every signature and the award', async () => {
    const { bidId, members } = await newBid('2027-D93-PEINT');
    expect(await state(bidId)).toMatchObject({
      status: 'DRAFT',
      nextEvents: ['OPEN_CAPACITY_CALL', 'WITHDRAW'],
      decisionRule: 'CONSENSUS',
    });
    const refused = await step(bidId, { event: 'OPEN_SIGNING' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(refused.body.problems[0].code).toBe('TRANSITION_NOT_ALLOWED');
    expect(refused.body.message).toMatch(
      /« brouillon » ne peut pas passer à « convention en signature »/,
    );
    const missing = await step(bidId, { event: 'OPEN_CAPACITY_CALL' }).expect(400);
    expect(missing.body.problems[0]).toMatchObject({ path: 'capacityDeadline' });
    const early = await coordinator.post(`/api/bids/${bidId}/allocations`).expect(422);
    expect(early.body.problems[0]).toMatchObject({ code: 'BID_STATUS' });

    // The network's charter, then the call for capacities.
    const charter = await coordinator
      .put(`/api/networks/${networkId}/charter`)
      .send({ title: 'Charte du réseau', text: 'Transparence, équité, aucun membre évincé.' })
      .expect(200);
    expect(charter.body).toEqual({ version: 1 });
    await step(bidId, { event: 'OPEN_CAPACITY_CALL', capacityDeadline: inSeconds(3600) })
      .expect(200)
      .expect({ from: 'DRAFT', event: 'OPEN_CAPACITY_CALL', to: 'COLLECTING' });

    // The imported members have accepted; one declares its capacities, after the charter.
    const first = at(members, 0);
    const offers = {
      offers: [{ lot: 1, territory: 'COM:93066', hours: 100, preference: 'PRIMARY' }],
    };
    const declare = () =>
      first.editor.put(`/api/bids/${bidId}/members/${first.memberId}/offers`).send(offers);
    const steps = async (who: SignedIn) =>
      ((await who.get('/api/next-steps').expect(200)).body as { bidId: string; code: string }[])
        .filter((next) => next.bidId === bidId)
        .map((next) => next.code);
    // The mail about an event, once it has arrived: mail leaves through the outbox.
    const mailAbout = (address: string, prefix: string) =>
      smtp.waitForMail(address, (mail) => mail.subject.startsWith(prefix));
    expect((await mailAbout(first.editor.email, 'Appel à capacités ouvert')).subject).toBe(
      'Appel à capacités ouvert : 2027-D93-PEINT',
    );
    expect(await steps(first.editor)).toEqual(['ACCEPT_CHARTER']);
    expect(await steps(coordinator)).toEqual(['CLOSE_CAPACITY_CALL']);
    const noCharter = await declare().expect(422);
    expect(noCharter.body.problems[0]).toMatchObject({ code: 'CHARTER_NOT_ACCEPTED' });
    await first.editor
      .post(`/api/bids/${bidId}/members/${first.memberId}/charter-acceptance`)
      .send({ version: 1 })
      .expect(204);
    await declare().expect(200);
    expect(await steps(first.editor)).toEqual([]);
    await step(bidId, { event: 'CLOSE_CAPACITY_CALL' }).expect(200);
    // Capacities are no longer declared once the call is closed.
    expect((await declare().expect(422)).body.problems[0]).toMatchObject({ code: 'BID_STATUS' });

    // Version 1 goes to the vote; one objection rejects it under consensus.
    const run = await coordinator.post(`/api/bids/${bidId}/allocations`).expect(202);
    expect((await pollJob(coordinator, run.body.jobId)).last.state).toBe('completed');
    await step(bidId, {
      event: 'PROPOSE',
      allocationVersion: 1,
      acknowledgeUncovered: true,
    }).expect(200);
    const vote = (member: Party, body: Record<string, unknown>) =>
      member.editor.post(`/api/bids/${bidId}/members/${member.memberId}/votes`).send(body);
    expect((await mailAbout(at(members, 1).editor.email, 'Répartition')).subject).toBe(
      'Répartition soumise au vote : 2027-D93-PEINT',
    );
    expect(await steps(at(members, 1).editor)).toEqual(['VOTE']);
    const bare = await vote(at(members, 1), { choice: 'OBJECT' }).expect(422);
    expect(bare.body.problems[0]).toMatchObject({ code: 'OBJECTION_COMMENT_REQUIRED' });
    await vote(at(members, 1), {
      choice: 'OBJECT',
      comment: 'Notre secteur est mal couvert.',
    }).expect(200);
    for (const member of members.slice(2)) await vote(member, { choice: 'APPROVE' }).expect(200);
    const rejected = await state(bidId);
    expect(rejected).toMatchObject({
      status: 'PROPOSED',
      vote: { versionNumber: 1, outcome: 'REJECTED' },
    });
    expect((await mailAbout(coordinator.email, 'Objection')).subject).toBe(
      'Objection à la répartition : 2027-D93-PEINT',
    );
    expect(await steps(coordinator)).toEqual(['REVISE_ALLOCATION']);
    expect((await step(bidId, { event: 'OPEN_SIGNING' }).expect(409)).body.problems[0].code).toBe(
      'TRANSITION_NOT_ALLOWED',
    );

    // The coordinator revises: a line changed by hand makes version 2, which everyone approves.
    await step(bidId, { event: 'REVISE' }).expect(200);
    const v1 = (await coordinator.get(`/api/bids/${bidId}/allocations/1`).expect(200)).body.result;
    const line = v1.lines.find((l: { hours: number }) => l.hours >= 20);
    await coordinator
      .post(`/api/bids/${bidId}/allocations/1/overrides`)
      .send({ ...line, hours: line.hours - 10, reason: 'Demande du membre objectant' })
      .expect(201);
    // The 10 h taken off leave work to no member: the coordinator must say it was seen.
    const unseen = await step(bidId, { event: 'PROPOSE', allocationVersion: 2 }).expect(422);
    expect(unseen.body.problems[0]).toMatchObject({
      path: 'acknowledgeUncovered',
      code: 'UNCOVERED_NOT_ACKNOWLEDGED',
    });
    expect(unseen.body.problems[0].message).toMatch(
      /^La version 2 laisse une part sans membre \(lot /,
    );
    expect((await coordinator.get(`/api/bids/${bidId}`).expect(200)).body.status).toBe(
      'ALLOCATING',
    );
    await step(bidId, {
      event: 'PROPOSE',
      allocationVersion: 2,
      acknowledgeUncovered: true,
    }).expect(200);
    let last;
    for (const member of members)
      last = (await vote(member, { choice: 'APPROVE' }).expect(200)).body;
    expect(last).toMatchObject({ versionNumber: 2, outcome: 'APPROVED', missing: [] });
    expect(await state(bidId)).toMatchObject({ status: 'AGREED', vote: { outcome: 'APPROVED' } });

    // The convention of version 2, frozen; signing opens; the last signature completes it.
    const rendering = await coordinator
      .post(`/api/bids/${bidId}/documents`)
      .send({ allocationVersion: 2, set: 'CONVENTION' })
      .expect(202);
    const rendered = (await pollJob(coordinator, rendering.body.jobId)).last.result as unknown as {
      documentIds: string[];
    };
    const documentId = at(rendered.documentIds, 0);
    await coordinator.post(`/api/bids/${bidId}/documents/${documentId}/freeze`).expect(204);
    await step(bidId, { event: 'OPEN_SIGNING' }).expect(200);
    expect(await steps(at(members, 0).signatory)).toEqual(['SIGN']);
    for (const member of members) {
      const signed = await signWithCode(member.signatory, smtp, { ...member, bidId, documentId });
      expect(signed.state).toBe('completed');
    }
    await waitFor(
      () => state(bidId),
      (s) => s.status === 'SIGNED',
    );

    await step(bidId, { event: 'SUBMIT' }).expect(200);
    await step(bidId, { event: 'AWARD' }).expect(200);

    // After the award, a member can no longer perform: its work is shared again, approved and
    // signed as an amendment, with a letter asking the buyer's approval.
    const leaving = at(members, 3);
    const remaining = members.filter((member) => member !== leaving);
    await coordinator
      .post(`/api/bids/${bidId}/members/${leaving.memberId}/withdraw`)
      .send({ reason: 'Liquidation' })
      .expect(422); // membership is frozen: only a change request lets it go
    const change = (
      await coordinator
        .post(`/api/bids/${bidId}/change-requests`)
        .send({
          memberId: leaving.memberId,
          reason: 'MEMBER_UNABLE_TO_PERFORM',
          justification: 'Placée en liquidation judiciaire le 3 mars.',
        })
        .expect(201)
    ).body;
    expect(change).toMatchObject({ status: 'OPEN', amendmentNumber: 1 });
    const changeStep = (body: Record<string, unknown>) =>
      coordinator.post(`/api/bids/${bidId}/change-requests/${change.id}/transitions`).send(body);
    const rerun = await coordinator.post(`/api/bids/${bidId}/allocations`).expect(202);
    const rerunResult = (await pollJob(coordinator, rerun.body.jobId)).last.result as unknown as {
      number: number;
    };
    expect(rerunResult.number).toBe(3);
    const v3 = (await coordinator.get(`/api/bids/${bidId}/allocations/3`).expect(200)).body.result;
    expect(v3.members.some((share: { org: string }) => share.org === leaving.key)).toBe(false);
    await changeStep({ event: 'OPEN_AMENDMENT_SIGNING' }).expect(409);
    await changeStep({ event: 'REALLOCATE', allocationVersion: 3 }).expect(200);
    // The bid's vote is now the one on the new split.
    expect(await state(bidId)).toMatchObject({ vote: { versionNumber: 3, outcome: 'PENDING' } });
    for (const member of remaining) await vote(member, { choice: 'APPROVE' }).expect(200);
    expect(await state(bidId)).toMatchObject({ vote: { versionNumber: 3, outcome: 'APPROVED' } });
    const amendmentJob = await coordinator
      .post(`/api/bids/${bidId}/documents`)
      .send({ allocationVersion: 3, set: 'AMENDMENT' })
      .expect(202);
    const amendmentDocuments = (
      (await pollJob(coordinator, amendmentJob.body.jobId)).last.result as unknown as {
        documentIds: string[];
      }
    ).documentIds.sort();
    const amendmentId = at(amendmentDocuments, 0);
    const letterId = at(amendmentDocuments, 1);
    const documents = (await coordinator.get(`/api/bids/${bidId}/documents`).expect(200)).body as {
      id: string;
      kind: string;
    }[];
    const kinds = new Map(documents.map((document) => [document.id, document.kind]));
    const amendment = kinds.get(amendmentId) === 'AMENDMENT' ? amendmentId : letterId;
    expect(new Set([kinds.get(amendmentId), kinds.get(letterId)])).toEqual(
      new Set(['AMENDMENT', 'BUYER_LETTER']),
    );
    const letter = new PdfFile(
      (
        await asBytes(
          coordinator.get(
            `/api/bids/${bidId}/documents/${amendment === amendmentId ? letterId : amendmentId}`,
          ),
        ).expect(200)
      ).body as Buffer,
    );
    const letterText = normalise(letter.text());
    letter.remove();
    expect(letterText).toContain(normalise('R2142-26'));
    expect(letterText).toContain('Placée en liquidation judiciaire');
    await changeStep({ event: 'OPEN_AMENDMENT_SIGNING' }).expect(200);
    for (const member of remaining) {
      const signing = { ...member, bidId, documentId: amendment };
      expect((await signWithCode(member.signatory, smtp, signing)).state).toBe('completed');
    }
    const closed = await waitFor(
      async () =>
        (await coordinator.get(`/api/bids/${bidId}/change-requests`).expect(200)).body as {
          status: string;
        }[],
      (list) => list[0]?.status === 'CLOSED',
    );
    expect(closed[0]).toMatchObject({ status: 'CLOSED', allocationVersion: 3 });
    const signatures = (
      await coordinator.get(`/api/bids/${bidId}/documents/${amendment}/signatures`).expect(200)
    ).body;
    expect(signatures.signatures).toHaveLength(remaining.length);
    expect(signatures.awaiting).toEqual([]);
    const final = await step(bidId, { event: 'WITHDRAW' }).expect(409);
    expect(final.body.message).toMatch(/« attribuée »/);
    const history = (await coordinator.get(`/api/bids/${bidId}/history?limit=200`).expect(200)).body
      .items as { action: string; after: { event?: string } }[];
    const events = history
      .filter((entry) => entry.action === 'bid.transition')
      .map((entry) => entry.after.event)
      .reverse();
    expect(events).toEqual([
      'OPEN_CAPACITY_CALL',
      'CLOSE_CAPACITY_CALL',
      'PROPOSE',
      'REVISE',
      'PROPOSE',
      'AGREE',
      'OPEN_SIGNING',
      'COMPLETE_SIGNING',
      'SUBMIT',
      'AWARD',
    ]);
  });

  it('closes a capacity call on its own at its deadline, or tells the coordinators why it cannot', async () => {
    const ready = await newBid('APPEL-PRET');
    // Two members left: fewer than the three the tender asks for.
    const empty = await newBid('APPEL-VIDE');
    for (const member of empty.members.slice(2)) await withdraw(empty.bidId, member);
    smtp.mails.length = 0;
    await step(ready.bidId, { event: 'OPEN_CAPACITY_CALL', capacityDeadline: inSeconds(2) }).expect(
      200,
    );
    await step(empty.bidId, { event: 'OPEN_CAPACITY_CALL', capacityDeadline: inSeconds(2) }).expect(
      200,
    );
    await waitFor(
      () => state(ready.bidId),
      (s) => s.status === 'ALLOCATING',
    );
    await waitFor(
      () => Promise.resolve(smtp.to(coordinator.email)),
      (mails) => mails.some((mail) => mail.subject.includes('APPEL-VIDE')),
    );
    expect((await state(empty.bidId)).status).toBe('COLLECTING');
  });

  it('sends each reminder once, with two more worker processes running', async () => {
    workers = [spawnWorker(), spawnWorker()];
    const { bidId, members } = await newBid('APPEL-RAPPELS');
    smtp.mails.length = 0;
    // A reminder one day before a deadline one day and four seconds away: due in four seconds.
    await step(bidId, {
      event: 'OPEN_CAPACITY_CALL',
      capacityDeadline: inSeconds(DAY_SECONDS + 4),
      reminderDays: [1],
    }).expect(200);
    const reminders = () => smtp.mails.filter((mail) => mail.subject.startsWith('Rappel'));
    await waitFor(
      () => Promise.resolve(reminders().length),
      (n) => n >= members.length,
      90_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // time for any duplicate to land
    const perRecipient = new Map<string, number>();
    for (const mail of reminders()) {
      for (const to of mail.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    }
    expect(perRecipient.size).toBe(members.length);
    expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
    for (const member of members) expect(perRecipient.get(member.editor.email)).toBe(1);
  });
});
