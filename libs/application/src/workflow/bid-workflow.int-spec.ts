import {
  type AllocationResult,
  type DecisionRule,
  capacityCallCloseJobId,
  reminderJobId,
} from '@cordage/domain';
import {
  AllocationVersionEntity,
  BidEntity,
  BidWorkflowRepository,
  type Db,
  MemberEntity,
  TransactionHost,
} from '@cordage/persistence';
import { clearData, importTestBid, refusal, testPersistence } from '@cordage/testing';
import { ApplicationModule } from '../application.module';
import { BidTransitionService } from './bid-transition.service';
import { CharterService } from './charter.service';
import { DeadlinesService } from './deadlines.service';
import { RemindersService } from './reminders.service';
import { VoteService } from './vote.service';
import { WorkflowOverviewService } from './workflow-overview.service';

const actor = { userId: null, label: 'coordinatrice@reseau.test', requestId: null };
const DAY = 86_400_000;
const OBJECTION = 'Le lot 2 dépasse nos capacités.';

describe('the bid workflow’s use cases on Postgres', () => {
  const context = testPersistence({ imports: [ApplicationModule] });
  let db: Db;
  let transitions: BidTransitionService;
  let votes: VoteService;
  let bidId: string;
  /** The co-contractors who joined: org-001 to org-003; org-015 subcontracts for org-001. */
  const memberIds = new Map<string, string>();
  const member = (key: string) => memberIds.get(key) ?? 'unknown member';

  beforeAll(() => {
    db = context.get<Db>(TransactionHost);
    transitions = context.get(BidTransitionService);
    votes = context.get(VoteService);
  });

  beforeEach(async () => {
    await clearData(context.dataSource);
    ({ bidId } = await importTestBid(context));
    const members = context.dataSource.getRepository(MemberEntity);
    await members.update({ bidId }, { status: 'WITHDRAWN' });
    for (const key of ['org-001', 'org-002', 'org-003', 'org-015']) {
      await members.update({ bidId, key }, { status: 'ACCEPTED' });
    }
    memberIds.clear();
    for (const row of await members.find({ where: { bidId }, select: { id: true, key: true } })) {
      memberIds.set(row.key, row.id);
    }
  });

  const bid = () =>
    context.dataSource.getRepository(BidEntity).findOneOrFail({
      where: { id: bidId },
      select: {
        id: true,
        status: true,
        capacityDeadline: true,
        reminderDays: true,
        proposedVersionId: true,
        agreedVersionId: true,
      },
    });
  const setBid = (changes: Partial<BidEntity>) =>
    context.dataSource.getRepository(BidEntity).update({ id: bidId }, changes);

  /** The workflow's audit entries for the bid, oldest first. */
  const auditTrail = () =>
    context.dataSource.query<{ action: string; actor: string; before: unknown; after: unknown }[]>(
      `SELECT action, actor, before, after FROM audit_events
       WHERE bid_id = $1 AND action IN ('bid.transition', 'allocation.voted') ORDER BY seq`,
      [bidId],
    );
  const outbox = () =>
    context.dataSource.query<
      { job_name: string; job_id: string; payload: unknown; deliver_at: Date | null }[]
    >(
      `SELECT job_name, job_id, payload, deliver_at FROM outbox_messages
       WHERE job_name <> 'mail.send' ORDER BY deliver_at`,
    );
  /** The mails queued (their jobs beside them in the outbox): recipient and subject. */
  const queuedMails = async () => {
    const [mails, jobs] = await Promise.all([
      context.dataSource.query<{ recipient: string; subject: string }[]>(
        'SELECT recipient, subject FROM outgoing_mails ORDER BY recipient',
      ),
      context.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM outbox_messages WHERE job_name = 'mail.send'`,
      ),
    ]);
    expect(jobs[0]?.n).toBe(mails.length);
    return mails;
  };

  /** A version whose lines give each organisation these amounts, on lot 1 then lot 2. */
  const addVersion = async (number: number, amounts: [string, number][]) => {
    const result = {
      lines: [],
      members: amounts.map(([org, amountCents], index) => ({
        org,
        lot: 1 + (index % 2),
        hours: 0,
        amountCents,
        sharePermille: 0,
        insertionHours: 0,
      })),
      uncovered: [],
      rules: [],
      warnings: [],
      explanations: {},
    } as unknown as AllocationResult;
    const { identifiers } = await context.dataSource.getRepository(AllocationVersionEntity).insert({
      bidId,
      number,
      kind: 'RUN',
      inputHash: 'f'.repeat(64),
      result,
    });
    return String(identifiers[0]?.id);
  };

  describe('a vote on the split put to the vote', () => {
    let versionId: string;
    const propose = async (rule: DecisionRule) => {
      versionId = await addVersion(1, [
        ['org-001', 400_000],
        ['org-002', 300_000],
        ['org-001', 200_000],
        ['org-003', 100_000],
        // A subcontractor's lines weigh nothing: it does not vote.
        ['org-015', 900_000],
      ]);
      await setBid({
        status: 'PROPOSED',
        proposedVersionId: versionId,
        conventionSettings: { decisionRule: rule },
      });
    };
    const approve = (key: string) => votes.vote(bidId, member(key), { choice: 'APPROVE' }, actor);
    const object = (key: string) =>
      votes.vote(bidId, member(key), { choice: 'OBJECT', comment: OBJECTION }, actor);

    it('under CONSENSUS waits for every member, then the bid is agreed in the same step', async () => {
      await propose('CONSENSUS');
      expect((await approve('org-001')).decision.outcome).toBe('PENDING');
      expect((await approve('org-002')).decision.missing).toEqual(['org-003']);
      const last = await approve('org-003');
      expect(last.previousOutcome).toBe('PENDING');
      expect(last.decision.outcome).toBe('APPROVED');
      expect(last.decision.approvals).toEqual(['org-001', 'org-002', 'org-003']);
      expect(last.votes.map((vote) => [vote.memberKey, vote.choice, vote.comment])).toEqual([
        ['org-001', 'APPROVE', null],
        ['org-002', 'APPROVE', null],
        ['org-003', 'APPROVE', null],
      ]);
      expect(await bid()).toMatchObject({
        status: 'AGREED',
        proposedVersionId: null,
        agreedVersionId: versionId,
      });
      const trail = await auditTrail();
      expect(trail.map((entry) => entry.action)).toEqual([
        'allocation.voted',
        'allocation.voted',
        'allocation.voted',
        'bid.transition',
      ]);
      expect(trail[2]?.after).toEqual({
        member: 'org-003',
        choice: 'APPROVE',
        comment: null,
        outcome: 'APPROVED',
      });
      expect(trail[3]?.before).toEqual({ status: 'PROPOSED' });
      expect(trail[3]?.after).toEqual({
        status: 'AGREED',
        event: 'AGREE',
        capacityDeadline: null,
        reminderDays: [7, 2],
        proposedVersionId: null,
        agreedVersionId: versionId,
        decision: { approving: 3, objecting: 0, members: 3 },
      });
    });

    it('under CONSENSUS is rejected by one objection, and the bid stays proposed', async () => {
      await propose('CONSENSUS');
      await approve('org-001');
      const rejected = await object('org-002');
      expect(rejected.decision.outcome).toBe('REJECTED');
      expect(rejected.decision.objections).toEqual(['org-002']);
      expect((await bid()).status).toBe('PROPOSED');
    });

    it('under MAJORITY is approved by two members of three', async () => {
      await propose('MAJORITY');
      await object('org-001');
      const decided = await approve('org-002');
      expect(decided.decision.tally).toEqual({ approving: 1, objecting: 1, total: 3 });
      expect(decided.decision.outcome).toBe('PENDING');
      expect((await approve('org-003')).decision.outcome).toBe('APPROVED');
      expect((await bid()).status).toBe('AGREED');
    });

    it('under WEIGHTED weighs each member by its amount in the version', async () => {
      await propose('WEIGHTED');
      await approve('org-002');
      const pending = await approve('org-003');
      expect(pending.decision.tally).toEqual({
        approving: 400_000,
        objecting: 0,
        total: 1_000_000,
      });
      expect(pending.decision.outcome).toBe('PENDING');
      const decided = await approve('org-001');
      expect(decided.decision.tally).toEqual({
        approving: 1_000_000,
        objecting: 0,
        total: 1_000_000,
      });
      expect((await bid()).status).toBe('AGREED');
    });

    it('under WEIGHTED is rejected when the objections weigh half or more', async () => {
      await propose('WEIGHTED');
      const rejected = await object('org-001');
      expect(rejected.decision.outcome).toBe('REJECTED');
      expect((await bid()).status).toBe('PROPOSED');
    });

    it('counts a member voting twice once: the same ballot changes nothing, a new one replaces it', async () => {
      await propose('CONSENSUS');
      await approve('org-001');
      const again = await approve('org-001');
      expect(again.previousOutcome).toBe('PENDING');
      expect(again.votes.map((vote) => vote.memberKey)).toEqual(['org-001']);
      expect((await auditTrail()).length).toBe(1);
      const changed = await object('org-001');
      expect(changed.decision.outcome).toBe('REJECTED');
      expect(changed.votes.map((vote) => [vote.memberKey, vote.choice, vote.comment])).toEqual([
        ['org-001', 'OBJECT', OBJECTION],
      ]);
      expect((await auditTrail()).map((entry) => entry.after)).toEqual([
        { member: 'org-001', choice: 'APPROVE', comment: null, outcome: 'PENDING' },
        { member: 'org-001', choice: 'OBJECT', comment: OBJECTION, outcome: 'REJECTED' },
      ]);
    });

    it('refuses a vote once the vote is closed, writing nothing', async () => {
      await propose('MAJORITY');
      await approve('org-001');
      await approve('org-002');
      expect((await bid()).status).toBe('AGREED');
      expect(await refusal(object('org-003'))).toEqual({
        code: 'WORKFLOW_RULE_VIOLATED',
        problems: ['BID_STATUS'],
      });
      expect(
        await context.dataSource.query('SELECT count(*)::int AS n FROM allocation_votes'),
      ).toEqual([{ n: 2 }]);
      expect((await auditTrail()).length).toBe(3);
    });

    it('refuses a ballot from a member who does not vote, and an objection without a reason', async () => {
      await propose('CONSENSUS');
      expect(await refusal(approve('org-015'))).toEqual({
        code: 'INVALID_INPUT',
        problems: ['NOT_A_VOTER'],
      });
      expect(await refusal(approve('org-004'))).toEqual({
        code: 'INVALID_INPUT',
        problems: ['NOT_A_VOTER'],
      });
      expect(
        await refusal(votes.vote(bidId, member('org-001'), { choice: 'OBJECT' }, actor)),
      ).toEqual({ code: 'INVALID_INPUT', problems: ['OBJECTION_COMMENT_REQUIRED'] });
      expect(await auditTrail()).toEqual([]);
    });
  });

  describe('a step of the bid', () => {
    const inTenDays = () => new Date(Math.floor((Date.now() + 10 * DAY) / 1000) * 1000);

    it('is refused in the wrong status with its code, and leaves no audit entry nor job', async () => {
      expect(await refusal(transitions.transition(bidId, 'SUBMIT', actor))).toEqual({
        code: 'INVALID_TRANSITION',
        problems: ['TRANSITION_NOT_ALLOWED'],
      });
      expect((await bid()).status).toBe('DRAFT');
      expect(await auditTrail()).toEqual([]);
      expect(await outbox()).toEqual([]);
    });

    it('opens the capacity call: the audit entry and the deadline’s jobs are written with it', async () => {
      const deadline = inTenDays();
      const transition = await transitions.transition(bidId, 'OPEN_CAPACITY_CALL', actor, {
        capacityDeadline: deadline,
        reminderDays: [7, 2],
      });
      expect(transition).toEqual({
        from: 'DRAFT',
        event: 'OPEN_CAPACITY_CALL',
        to: 'COLLECTING',
      });
      expect(await bid()).toMatchObject({ status: 'COLLECTING', capacityDeadline: deadline });
      expect(await auditTrail()).toEqual([
        {
          action: 'bid.transition',
          actor: actor.label,
          before: { status: 'DRAFT' },
          after: {
            status: 'COLLECTING',
            event: 'OPEN_CAPACITY_CALL',
            capacityDeadline: deadline.toISOString(),
            reminderDays: [7, 2],
            proposedVersionId: null,
            agreedVersionId: null,
          },
        },
      ]);
      const reminder = (daysBefore: number) => {
        const dueAt = new Date(deadline.getTime() - daysBefore * DAY);
        return {
          job_name: 'workflow.remind',
          job_id: reminderJobId('CAPACITY', bidId, dueAt),
          payload: { bidId, kind: 'CAPACITY', deadline: deadline.toISOString() },
          deliver_at: dueAt,
        };
      };
      expect(await outbox()).toEqual([
        reminder(7),
        reminder(2),
        {
          job_name: 'workflow.close-capacity-call',
          job_id: capacityCallCloseJobId(bidId, deadline),
          payload: { bidId, deadline: deadline.toISOString() },
          deliver_at: deadline,
        },
      ]);
      // Each member's editors are told, in the same transaction.
      const editors = await db.withTransaction(() =>
        context.get(BidWorkflowRepository).recipients(bidId, null, 'EDITOR'),
      );
      expect(editors.length).toBeGreaterThan(0);
      expect(await queuedMails()).toEqual(
        [...new Set(editors.map((editor) => editor.email))].sort().map((recipient) => ({
          recipient,
          subject: 'Appel à capacités ouvert : 2027-D93-PEINT',
        })),
      );
    });

    it('refuses a capacity call closing after the application deadline, writing nothing', async () => {
      const tender = await context.dataSource.query<{ deadline: Date }[]>(
        'SELECT t.deadline FROM tenders t JOIN bids b ON b.tender_id = t.id WHERE b.id = $1',
        [bidId],
      );
      const tooLate = new Date((tender[0]?.deadline.getTime() ?? 0) + DAY);
      expect(
        await refusal(
          transitions.transition(bidId, 'OPEN_CAPACITY_CALL', actor, { capacityDeadline: tooLate }),
        ),
      ).toEqual({ code: 'INVALID_INPUT', problems: ['INVALID_DEADLINE'] });
      expect((await bid()).status).toBe('DRAFT');
      expect(await auditTrail()).toEqual([]);
      expect(await outbox()).toEqual([]);
    });

    it('closes the call only when the members who joined meet the rules', async () => {
      await setBid({ status: 'COLLECTING', capacityDeadline: inTenDays() });
      await context.dataSource
        .getRepository(MemberEntity)
        .update({ id: member('org-003') }, { status: 'WITHDRAWN' });
      expect(await refusal(transitions.transition(bidId, 'CLOSE_CAPACITY_CALL', actor))).toEqual({
        code: 'INVALID_TRANSITION',
        problems: ['COMPOSITION_RULES_UNMET'],
      });
      await context.dataSource
        .getRepository(MemberEntity)
        .update({ id: member('org-003') }, { status: 'ACCEPTED' });
      await transitions.transition(bidId, 'CLOSE_CAPACITY_CALL', actor);
      expect((await bid()).status).toBe('ALLOCATING');
      expect((await auditTrail()).map((entry) => entry.after)).toEqual([
        {
          status: 'ALLOCATING',
          event: 'CLOSE_CAPACITY_CALL',
          capacityDeadline: (await bid()).capacityDeadline?.toISOString(),
          reminderDays: [7, 2],
          proposedVersionId: null,
          agreedVersionId: null,
        },
      ]);
    });

    it('is undone with its audit entry and its jobs when the transaction it joins fails', async () => {
      await expect(
        db.withTransaction(async () => {
          await transitions.transition(bidId, 'OPEN_CAPACITY_CALL', actor, {
            capacityDeadline: inTenDays(),
          });
          throw new Error('the request failed after the step');
        }),
      ).rejects.toThrow('the request failed after the step');
      expect((await bid()).status).toBe('DRAFT');
      expect(await auditTrail()).toEqual([]);
      expect(await outbox()).toEqual([]);
    });
  });

  describe('the capacity call’s deadline', () => {
    const deadline = new Date('2026-12-20T11:00:00Z');

    it('does nothing when the deadline has moved since the job was scheduled', async () => {
      await setBid({ status: 'COLLECTING', capacityDeadline: new Date('2026-12-21T11:00:00Z') });
      expect(await context.get(DeadlinesService).closeCapacityCall(bidId, deadline)).toEqual({
        closed: false,
        reason: 'moot',
      });
      expect(await auditTrail()).toEqual([]);
    });

    it('closes the call as the worker, or says why it cannot', async () => {
      await setBid({ status: 'COLLECTING', capacityDeadline: deadline });
      await context.dataSource
        .getRepository(MemberEntity)
        .update({ id: member('org-003') }, { status: 'WITHDRAWN' });
      const refused = await context.get(DeadlinesService).closeCapacityCall(bidId, deadline);
      expect('refusal' in refused && [refused.refusal.code, refused.reference]).toEqual([
        'INVALID_TRANSITION',
        '2027-D93-PEINT',
      ]);
      expect((await bid()).status).toBe('COLLECTING');
      await context.dataSource
        .getRepository(MemberEntity)
        .update({ id: member('org-003') }, { status: 'ACCEPTED' });
      expect(await context.get(DeadlinesService).closeCapacityCall(bidId, deadline)).toEqual({
        closed: true,
      });
      expect((await auditTrail()).map((entry) => [entry.actor, entry.before])).toEqual([
        ['worker', { status: 'COLLECTING' }],
      ]);
    });
  });

  describe('where the bid stands for one person', () => {
    it('says what each co-contractor has done: declared, accepted the charter, voted', async () => {
      const versionId = await addVersion(1, [['org-001', 100]]);
      await setBid({ status: 'PROPOSED', proposedVersionId: versionId });
      await votes.vote(bidId, member('org-001'), { choice: 'APPROVE' }, actor);
      const facts = await context.dataSource.query<{ network_id: string }[]>(
        'SELECT network_id FROM bids WHERE id = $1',
        [bidId],
      );
      const networkId = facts[0]?.network_id ?? '';
      const organisations = new Map(
        (
          await context.dataSource
            .getRepository(MemberEntity)
            .find({ where: { bidId }, select: { key: true, organisationId: true } })
        ).map((row) => [row.key, row.organisationId]),
      );
      const charters = context.get(CharterService);
      await charters.publish(networkId, { title: 'Charte', text: 'Nous coopérons.' }, actor);
      await charters.accept(networkId, organisations.get('org-002') ?? '', 1, actor, bidId);
      // org-003 has not declared anything.
      await context.dataSource.query('DELETE FROM offers WHERE member_id = $1', [
        member('org-003'),
      ]);

      const standing = await context.get(WorkflowOverviewService).standing(bidId, {
        userId: 'u-1',
        email: 'editrice@org-001.test',
        platformAdmin: false,
        coordinatorOf: new Set(),
        editorOf: new Set([organisations.get('org-001') ?? '']),
        signatoryOf: new Set(),
        viewerOfBids: new Set(),
        viewerOfNetworks: new Set(),
      });
      expect({ ...standing, members: null }).toEqual({
        bidId,
        reference: '2027-D93-PEINT',
        status: 'PROPOSED',
        coordinates: false,
        charterRequired: true,
        vote: 'PENDING',
        changeRequest: null,
        members: null,
      });
      const progress = (key: string) =>
        standing.members
          .filter((row) => row.memberId === member(key))
          .map(({ memberId: _id, ...row }) => row);
      expect(progress('org-001')).toEqual([
        {
          status: 'ACCEPTED',
          editing: true,
          signing: false,
          declared: true,
          charterAccepted: false,
          voted: true,
          signed: false,
        },
      ]);
      expect(progress('org-002')).toEqual([
        {
          status: 'ACCEPTED',
          editing: false,
          signing: false,
          declared: true,
          charterAccepted: true,
          voted: false,
          signed: false,
        },
      ]);
      expect(progress('org-003')).toEqual([
        {
          status: 'ACCEPTED',
          editing: false,
          signing: false,
          declared: false,
          charterAccepted: false,
          voted: false,
          signed: false,
        },
      ]);
      // Subcontractors are not parties: they have no step of their own here.
      expect(progress('org-015')).toEqual([]);
    });
  });

  describe('a reminder', () => {
    it('goes to the members who have not declared yet, and to no one once the deadline moved', async () => {
      const reminders = context.get(RemindersService);
      const deadline = new Date('2026-12-20T11:00:00Z');
      await setBid({ status: 'COLLECTING', capacityDeadline: deadline });
      await context.dataSource
        .getRepository(MemberEntity)
        .update({ id: member('org-003') }, { status: 'DATA_COMPLETE' });
      const emails = await context.dataSource.query<
        { key: string; email: string; legal_name: string }[]
      >(
        // The representatives the bid's own network entered (the scenario file's).
        `SELECT m.key, lower(own.representatives->0->>'email') AS email, o.legal_name FROM members m
         JOIN organisations o ON o.id = m.organisation_id
         JOIN bids b ON b.id = m.bid_id
         JOIN network_organisations own
           ON own.network_id = b.network_id AND own.organisation_id = o.id
         WHERE m.bid_id = $1 AND m.key IN ('org-001', 'org-002') ORDER BY 2`,
        [bidId],
      );
      expect(emails.map((row) => row.key).sort()).toEqual(['org-001', 'org-002']);
      const due = await reminders.due(bidId, 'CAPACITY', deadline);
      expect(due).toEqual({
        reference: '2027-D93-PEINT',
        status: 'COLLECTING',
        recipients: emails.map((row) => ({
          email: row.email,
          organisation: row.legal_name,
          memberId: member(row.key),
        })),
      });
      expect(await reminders.due(bidId, 'CAPACITY', new Date('2026-12-19T11:00:00Z'))).toBeNull();
    });
  });
});
