import type { ChildProcess } from 'node:child_process';
import type { DataSource } from 'typeorm';
import {
  type ContractPeriod,
  type ReplanInput,
  type Scenario,
  required,
  spreadOverPeriods,
} from '@cordage/domain';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  PdfFile,
  SmtpSink,
  independentReplanOptima,
  normalise,
  readExampleScenario,
  verifyWithSharedTool,
} from '@cordage/testing';
import { type SignedIn, signIn } from './support/actors';
import { moveBid } from './support/bid-state';
import { asBytes, pollJob, spawnWorker, stopProcess } from './support/harness';
import { signWithCode } from './support/signing';
import { type System, exampleBidWithCoordinator, memberByKey, startSystem } from './support/system';

interface Line {
  member: string;
  lot: number;
  territory: string;
  period: number;
  plannedHundredths: number;
  plannedCents: number;
  plannedInsertionHours: number;
  realisedHours: number | null;
  realisedCents: number | null;
}
interface ReplanLine {
  org: string | null;
  lot: number;
  territory: string;
  period: number;
  hundredths: number;
  amountCents: number;
  insertionHours: number;
}
interface Replan {
  number: number;
  fromPeriod: number;
  status: string;
  result: {
    optima: { coverage: number; proximity: number; fairness: number };
    lines: ReplanLine[];
    totals: {
      lot: number;
      awardedCents: number;
      keptCents: number;
      replannedCents: number;
      replannedUncoveredCents: number;
    }[];
  } | null;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** The first day of the month `months` before this one, on the UTC calendar (YYYY-MM-DD). */
function monthsAgo(months: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1))
    .toISOString()
    .slice(0, 10);
}

/** Short locks: a killed worker's jobs are taken over in seconds. */
const WORKER_ENV = { JOB_LOCK_MS: '5000' };
const WON = [1, 2, 4];

describe('A year after the award of 3 of the 4 lots: declarations, reminders, a drift, a re-plan', () => {
  const smtp = new SmtpSink();
  let system: System;
  let dataSource: DataSource;
  let bidId: string;
  let coordinator: SignedIn;
  const workers: ChildProcess[] = [];
  const editors = new Map<string, { memberId: string; editor: SignedIn }>();
  let lines: Line[] = [];
  let keys: string[] = [];

  const startWorker = () => {
    const worker = spawnWorker(WORKER_ENV);
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    // Mails really sent: the signatories read their signing codes in them.
    system = await startSystem({ worker: false, smtp });
    dataSource = system.dataSource;
    ({ bidId, coordinator } = await exampleBidWithCoordinator(system));
    startWorker();
    await moveBid(dataSource, bidId, 'ALLOCATING');
    const run = await coordinator.post(`/api/bids/${bidId}/allocations`).expect(202);
    expect((await pollJob(coordinator, run.body.jobId)).last.state).toBe('completed');
    await moveBid(dataSource, bidId, 'SUBMITTED', 1);
    await coordinator
      .post(`/api/bids/${bidId}/workflow/transitions`)
      .send({ event: 'AWARD' })
      .expect(200);
    // No award recorded yet: nothing to re-plan, nobody to remind.
    const early = await coordinator
      .post(`/api/bids/${bidId}/award/replans`)
      .send({ fromPeriod: 7 })
      .expect(422);
    expect(early.body.problems[0]).toMatchObject({ path: 'award', code: 'NO_AWARD' });
    await coordinator.get(`/api/bids/${bidId}/realised/missing`).expect(422);
    await coordinator
      .post(`/api/bids/${bidId}/award`)
      .send({
        awardedOn: monthsAgo(13),
        lots: [
          { lot: 1, outcome: 'WON', awardedCents: 23_718_599 },
          { lot: 2, outcome: 'WON', awardedCents: 25_000_001 },
          { lot: 3, outcome: 'LOST' },
          { lot: 4, outcome: 'WON', awardedCents: 44_000_000 },
        ],
      })
      .expect(204);
    for (const lot of WON) {
      await coordinator
        .post(`/api/bids/${bidId}/award/contracts`)
        .send({ lot, startOn: monthsAgo(12), durationMonths: 12 })
        .expect(200);
    }
    lines = (await coordinator.get(`/api/bids/${bidId}/realised`).expect(200)).body.lines;
    keys = [...new Set(lines.filter((l) => l.plannedHundredths > 0).map((l) => l.member))].sort();
  });
  afterAll(async () => {
    await Promise.all(workers.splice(0).map((worker) => stopProcess(worker, 'SIGKILL')));
    await system?.stop();
  });

  async function editorOf(key: string) {
    let found = editors.get(key);
    if (!found) {
      const member = await memberByKey(dataSource, bidId, key);
      found = {
        memberId: member.id,
        editor: await signIn(system.api, dataSource, `editeur@${key}.test`, [
          { role: 'EDITOR', organisationId: member.organisationId },
        ]),
      };
      editors.set(key, found);
    }
    return found;
  }

  /** A member's entries for these periods: its plan times `share` (hundredths of hours, cents). */
  function entries(key: string, periods: readonly number[], share = 1) {
    return lines
      .filter((l) => l.member === key && l.plannedHundredths > 0 && periods.includes(l.period))
      .map((l) => ({
        lot: l.lot,
        territory: l.territory,
        period: l.period,
        hours: Math.round(l.plannedHundredths * share) / 100,
        revenueCents: Math.floor(l.plannedCents * share),
        insertionHours: Math.round(l.plannedInsertionHours * share * 100) / 100,
        insertionPeople: 1,
      }));
  }
  async function declare(key: string, body: Record<string, unknown>) {
    const { memberId, editor } = await editorOf(key);
    return editor.post(`/api/bids/${bidId}/members/${memberId}/realised`).send(body).expect(200);
  }
  const months = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, k) => from + k);
  const driftMails = () =>
    dataSource.query<{ recipient: string; sent: boolean }[]>(
      `SELECT recipient, sent_at IS NOT NULL AS sent FROM outgoing_mails
       WHERE subject LIKE 'Écart au prévu%' ORDER BY recipient`,
    );

  it('takes twelve months of declarations, some late, one corrected, and reminds the late once', async () => {
    expect(keys.length).toBeGreaterThan(4);
    const [drifting, late, corrector] = keys;
    // Everyone but the late member and the drifting one declares the year, in three batches.
    for (const key of keys.slice(2)) {
      for (const [from, to] of [
        [1, 4],
        [5, 8],
        [9, 12],
      ] as const) {
        await declare(key, { entries: entries(key, months(from, to)) });
      }
    }
    // The late member has declared its first eight months only.
    await declare(required(late, 'late'), {
      entries: entries(required(late, 'late'), months(1, 8)),
    });
    // The drifting member declares the first two months as planned.
    await declare(required(drifting, 'drifting'), {
      entries: entries(required(drifting, 'drifting'), months(1, 2)),
    });

    // Who has not declared what: the late one's months 9-12, the drifting one's 3-12.
    const missing = (await coordinator.get(`/api/bids/${bidId}/realised/missing`).expect(200)).body
      .missing as { member: string; lot: number; period: number; lastRemindedAt: string | null }[];
    expect(new Set(missing.map((m) => m.member))).toEqual(new Set([drifting, late]));
    expect(
      [...new Set(missing.filter((m) => m.member === late).map((m) => m.period))].sort(
        (a, b) => a - b,
      ),
    ).toEqual([9, 10, 11, 12]);
    expect(missing.every((m) => m.lastRemindedAt === null)).toBe(true);
    // A member may not read nor send the reminders.
    const { editor } = await editorOf(required(late, 'late'));
    await editor.get(`/api/bids/${bidId}/realised/missing`).expect(403);
    await editor.post(`/api/bids/${bidId}/realised/reminders`).expect(403);

    const reminded = await coordinator.post(`/api/bids/${bidId}/realised/reminders`).expect(200);
    expect(reminded.body).toEqual({ members: 2, periods: missing.length });
    // Exactly once per member and period: a second click has nobody left to remind.
    const again = await coordinator.post(`/api/bids/${bidId}/realised/reminders`).expect(409);
    expect(again.body.problems[0]).toMatchObject({ path: 'bidId', code: 'NOTHING_TO_REMIND' });
    const mails = await dataSource.query<{ recipient: string }[]>(
      `SELECT recipient FROM outgoing_mails WHERE subject LIKE 'Rappel : déclarez le réalisé%'`,
    );
    expect(mails.map((m) => m.recipient).sort()).toEqual(
      [`editeur@${drifting}.test`, `editeur@${late}.test`].sort(),
    );
    const after = (await coordinator.get(`/api/bids/${bidId}/realised/missing`).expect(200)).body
      .missing as { lastRemindedAt: string | null }[];
    expect(after.every((m) => m.lastRemindedAt !== null)).toBe(true);

    // The late member catches up; a member corrects an entry, with its reason.
    await declare(required(late, 'late'), {
      entries: entries(required(late, 'late'), months(9, 12)),
    });
    const key = required(corrector, 'corrector');
    const [first] = entries(key, [5]);
    const corrected = {
      ...required(first, 'an entry'),
      revenueCents: required(first, 'e').revenueCents + 500,
    };
    const bare = await (
      await editorOf(key)
    ).editor
      .post(`/api/bids/${bidId}/members/${(await editorOf(key)).memberId}/realised`)
      .send({ entries: [corrected] })
      .expect(422);
    expect(bare.body.problems[0]).toMatchObject({ path: 'reason', code: 'REASON_REQUIRED' });
    await declare(key, { entries: [corrected], reason: 'Avoir oublié sur la facture de mai' });
    const [count] = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM realised_entries e JOIN members m ON m.id = e.member_id
       WHERE m.key = $1 AND m.bid_id = $2 AND e.reason IS NOT NULL`,
      [key, bidId],
    );
    expect(count?.n).toBe(1);
  });

  it('alerts a drifting member once, with the worker killed and restarted', async () => {
    const drifting = required(keys[0], 'drifting');
    // The worker dies: the declarations still record their alert and its mails in the outbox.
    await Promise.all(workers.splice(0).map((worker) => stopProcess(worker, 'SIGKILL')));
    for (const period of months(3, 12)) {
      await declare(drifting, { entries: entries(drifting, [period], 0.5) });
    }
    const alerts = async () =>
      dataSource.query<{ start_period: number }[]>(
        `SELECT d.start_period FROM drift_alerts d JOIN members m ON m.id = d.member_id
         WHERE m.key = $1 AND m.bid_id = $2 AND d.measure = 'REVENUE'`,
        [drifting, bidId],
      );
    const lotsOfDrifting = new Set(
      lines.filter((l) => l.member === drifting && l.plannedHundredths > 0).map((l) => l.lot),
    );
    expect((await alerts()).map((a) => a.start_period)).toEqual([...lotsOfDrifting].map(() => 3));
    const queued = await driftMails();
    expect(queued.every((m) => !m.sent)).toBe(true);

    // A worker starts, is killed, another starts: each mail goes out once.
    const first = startWorker();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await stopProcess(first, 'SIGKILL');
    startWorker();
    const deadline = Date.now() + 120_000;
    while (!(await driftMails()).every((m) => m.sent) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const sent = await driftMails();
    expect(sent.every((m) => m.sent)).toBe(true);
    expect(sent).toHaveLength(queued.length);
    const [logged] = await dataSource.query<{ n: number; revenue: number; alerts: number }[]>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE after->>'measure' = 'REVENUE')::int AS revenue,
              (SELECT count(*)::int FROM drift_alerts WHERE bid_id = $1) AS alerts
       FROM audit_events WHERE action = 'contract.drift_alert' AND bid_id = $1`,
      [bidId],
    );
    // One audit entry per alert; on the money, one per lot of the drifting member (it is behind
    // on hours and insertion hours too, each alerted on its own).
    expect(logged?.revenue).toBe(lotsOfDrifting.size);
    expect(logged?.n).toBe(logged?.alerts);
    // Declared again, the drift is the same one: no new alert.
    await declare(drifting, {
      entries: entries(drifting, [12], 0.5),
      reason: 'Même chiffre, déclaré de nouveau',
    });
    expect(await alerts()).toHaveLength(lotsOfDrifting.size);
  });

  it('re-plans from month 7: months 1-6 unchanged, the independent solve agrees, every total to the cent', async () => {
    const refusals: [Record<string, unknown>, number, string | null][] = [
      [{ fromPeriod: 1 }, 422, 'FIRST_PERIOD'],
      [{ fromPeriod: 13 }, 422, 'PERIOD_OUTSIDE_CONTRACT'],
      [{ fromPeriod: 0 }, 400, null],
      [{ fromPeriod: 'sept' }, 400, null],
    ];
    for (const [body, status, code] of refusals) {
      const refused = await coordinator
        .post(`/api/bids/${bidId}/award/replans`)
        .send(body)
        .expect(status);
      expect(JSON.stringify(refused.body)).toContain('fromPeriod');
      if (code) expect(refused.body.problems[0]).toMatchObject({ path: 'fromPeriod', code });
    }
    const { editor } = await editorOf(required(keys[1], 'a member'));
    await editor.post(`/api/bids/${bidId}/award/replans`).send({ fromPeriod: 7 }).expect(403);

    const plannedBefore = await dataSource.query<unknown[]>(
      `SELECT * FROM planned_periods WHERE bid_id = $1 ORDER BY member_id, lot_cell_id, period_number`,
      [bidId],
    );
    const realisedLines = (await coordinator.get(`/api/bids/${bidId}/realised`).expect(200)).body
      .lines as Line[];

    const accepted = await coordinator
      .post(`/api/bids/${bidId}/award/replans`)
      .send({ fromPeriod: 7 })
      .expect(202);
    expect(accepted.body.number).toBe(1);
    // The same request again while it waits is the same job.
    const twice = await coordinator
      .post(`/api/bids/${bidId}/award/replans`)
      .send({ fromPeriod: 7 })
      .expect(202);
    expect(twice.body).toEqual(accepted.body);
    // The worker dies as it takes the job; the next one finishes it, once.
    await pollJob(coordinator, accepted.body.jobId, (s) => s.state !== 'waiting', 60_000);
    await Promise.all(workers.splice(0).map((worker) => stopProcess(worker, 'SIGKILL')));
    startWorker();
    const { last, seen } = await pollJob(coordinator, accepted.body.jobId);
    expect(last.state).toBe('completed');
    const [replanned] = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'contract.replanned' AND bid_id = $1`,
      [bidId],
    );
    expect(replanned?.n).toBe(1);
    expect(seen.some((s) => s.step === 'fairness' || s.progress === 100)).toBe(true);
    const replan = (await coordinator.get(`/api/bids/${bidId}/award/replans/1`).expect(200))
      .body as Replan;
    expect(replan).toMatchObject({ number: 1, fromPeriod: 7, status: 'DONE' });
    const result = required(replan.result, 'the re-plan');
    const list = (await coordinator.get(`/api/bids/${bidId}/award/replans`).expect(200)).body;
    expect(list).toEqual([expect.objectContaining({ number: 1, status: 'DONE' })]);
    await coordinator.get(`/api/bids/${bidId}/award/replans/2`).expect(404);

    // Months 1-6 byte-identical: the plan in force is not touched, the re-plan starts at 7.
    const plannedAfter = await dataSource.query<unknown[]>(
      `SELECT * FROM planned_periods WHERE bid_id = $1 ORDER BY member_id, lot_cell_id, period_number`,
      [bidId],
    );
    expect(JSON.stringify(plannedAfter)).toBe(JSON.stringify(plannedBefore));
    expect(result.lines.every((l) => l.period >= 7 && l.period <= 12)).toBe(true);

    // Every total to the cent: kept (months 1-6, members and uncovered part) + re-planned = awarded.
    const award = (await coordinator.get(`/api/bids/${bidId}/award`).expect(200)).body as {
      lots: {
        lot: number;
        outcome: string;
        awardedCents: number;
        contract: { periods: ContractPeriod[] } | null;
      }[];
      cells: {
        member: string | null;
        lot: number;
        territory: string;
        amountCents: number;
        insertionHours: number;
      }[];
    };
    const uncovered = award.cells.filter((c) => c.member === null);
    expect(result.totals.map((t) => t.lot)).toEqual(WON);
    for (const total of result.totals) {
      const lot = required(
        award.lots.find((l) => l.lot === total.lot),
        'lot',
      );
      const periods = required(lot.contract, 'contract').periods;
      const keptMembers = sum(
        realisedLines.filter((l) => l.lot === total.lot && l.period < 7).map((l) => l.plannedCents),
      );
      const keptUncovered = sum(
        uncovered
          .filter((c) => c.lot === total.lot)
          .flatMap((c) => spreadOverPeriods({ hundredths: 0, ...c }, periods))
          .filter((part) => part.period < 7)
          .map((part) => part.amountCents),
      );
      expect(total.keptCents).toBe(keptMembers + keptUncovered);
      const ofLot = result.lines.filter((l) => l.lot === total.lot);
      expect(sum(ofLot.map((l) => l.amountCents))).toBe(total.replannedCents);
      expect(sum(ofLot.filter((l) => l.org === null).map((l) => l.amountCents))).toBe(
        total.replannedUncoveredCents,
      );
      expect(total.keptCents + total.replannedCents).toBe(lot.awardedCents);
      expect(total.awardedCents).toBe(lot.awardedCents);
    }

    // The same model solved independently, from what the api shows: the optima agree to 1e-6.
    const input: ReplanInput = {
      scenario: readExampleScenario() as unknown as Scenario,
      fromPeriod: 7,
      lots: award.lots
        .filter((l) => l.outcome === 'WON')
        .map((l) => ({
          lot: l.lot,
          awardedCents: l.awardedCents,
          periods: required(l.contract, 'contract').periods,
        })),
      planned: realisedLines.map((l) => ({
        org: l.member,
        lot: l.lot,
        territory: l.territory,
        period: l.period,
        hundredths: l.plannedHundredths,
        amountCents: l.plannedCents,
        insertionHours: l.plannedInsertionHours,
      })),
      uncovered: uncovered.map(({ lot, territory, amountCents, insertionHours }) => ({
        lot,
        territory,
        amountCents,
        insertionHours,
      })),
      realised: realisedLines
        .filter((l) => l.period < 7 && l.realisedHours !== null)
        .map((l) => ({
          org: l.member,
          lot: l.lot,
          territory: l.territory,
          hundredths: Math.round((l.realisedHours ?? 0) * 100),
          revenueCents: l.realisedCents ?? 0,
        })),
    };
    const independent = await independentReplanOptima(input);
    for (const stage of ['coverage', 'proximity', 'fairness'] as const) {
      expect(Math.abs(result.optima[stage] - independent[stage])).toBeLessThanOrEqual(
        1e-6 * Math.max(1, Math.abs(independent[stage])),
      );
    }

    // Transparency: under ALLOCATION_ONLY, a member sees its own lines (and the uncovered part).
    const own = (await editor.get(`/api/bids/${bidId}/award/replans/1`).expect(200)).body as Replan;
    expect(
      new Set(required(own.result, 'r').lines.flatMap((l) => (l.org === null ? [] : [l.org]))),
    ).toEqual(new Set([keys[1]]));
    // Another network learns nothing.
    const stranger = await signIn(system.api, dataSource, 'coord@ailleurs.test', [
      { role: 'COORDINATOR', networkId: await ensureNetwork('Ailleurs') },
    ]);
    await stranger.get(`/api/bids/${bidId}/award/replans/1`).expect(404);
    await stranger.post(`/api/bids/${bidId}/award/replans`).send({ fromPeriod: 7 }).expect(404);
  });

  it('puts the month-7 re-plan to the vote; approved, its amendment is signed by every member and becomes the plan of months 7-12', async () => {
    const replan = (await coordinator.get(`/api/bids/${bidId}/award/replans/1`).expect(200))
      .body as Replan;
    const result = required(replan.result, 'the re-plan');
    const planned = (where: string) =>
      dataSource.query<unknown[]>(
        `SELECT * FROM planned_periods WHERE bid_id = $1 AND ${where}
         ORDER BY member_id, lot_cell_id, period_number`,
        [bidId],
      );
    const monthsBefore = await planned('period_number < 7');
    const { editor } = await editorOf(required(keys[1], 'a member'));
    const open = { replan: 1, justification: 'Un membre à la moitié de son prévu depuis mars.' };
    await editor.post(`/api/bids/${bidId}/change-requests/replans`).send(open).expect(403);
    for (const [body, status, path] of [
      [{ replan: 2, justification: open.justification }, 404, 'replan'],
      [{ replan: 0, justification: open.justification }, 400, 'replan'],
      [{ replan: 2 ** 31, justification: open.justification }, 400, 'replan'],
      [{ replan: 1 }, 400, 'justification'],
    ] as const) {
      const refused = await coordinator
        .post(`/api/bids/${bidId}/change-requests/replans`)
        .send(body)
        .expect(status);
      expect(JSON.stringify(refused.body)).toContain(path);
    }
    const change = (
      await coordinator.post(`/api/bids/${bidId}/change-requests/replans`).send(open).expect(201)
    ).body as { id: string; reason: string; replan: number; memberId: string | null };
    expect(change).toMatchObject({ reason: 'REPLAN', replan: 1, memberId: null, status: 'OPEN' });
    // The members' editors are asked to vote, through the outbox.
    const asked = await dataSource.query<unknown[]>(
      `SELECT 1 FROM outgoing_mails WHERE subject LIKE 'Replanification à approuver%'`,
    );
    expect(asked.length).toBeGreaterThan(0);
    const second = await coordinator
      .post(`/api/bids/${bidId}/change-requests/replans`)
      .send(open)
      .expect(422);
    expect(second.body.problems[0]).toMatchObject({ code: 'CHANGE_ALREADY_OPEN' });

    const voteUrl = `/api/bids/${bidId}/change-requests/${change.id}/replan-vote`;
    const voters = (await coordinator.get(voteUrl).expect(200)).body as {
      replan: number;
      outcome: string;
      missing: string[];
    };
    expect(voters).toMatchObject({ replan: 1, outcome: 'PENDING' });
    expect(voters.missing.length).toBeGreaterThan(1);
    // A member votes for itself only; an objection says why.
    const [first, other] = [required(voters.missing[0], 'a voter'), voters.missing[1] ?? ''];
    const firstEditor = await editorOf(first);
    const otherMember = await editorOf(other);
    await firstEditor.editor
      .post(`/api/bids/${bidId}/members/${otherMember.memberId}/change-requests/${change.id}/votes`)
      .send({ choice: 'APPROVE' })
      .expect(403);
    await firstEditor.editor
      .post(`/api/bids/${bidId}/members/${firstEditor.memberId}/change-requests/${change.id}/votes`)
      .send({ choice: 'OBJECT' })
      .expect(422);
    for (const key of voters.missing) {
      const { memberId, editor: voter } = await editorOf(key);
      await voter
        .post(`/api/bids/${bidId}/members/${memberId}/change-requests/${change.id}/votes`)
        .send({ choice: 'APPROVE' })
        .expect(200);
    }
    const approved = (await coordinator.get(voteUrl).expect(200)).body;
    expect(approved).toMatchObject({ outcome: 'APPROVED', missing: [] });
    // The approving ballot ended the vote: the amendment goes to signature, no ballot after.
    const changeRequest = async () =>
      (
        (await coordinator.get(`/api/bids/${bidId}/change-requests`).expect(200)).body as {
          id: string;
          status: string;
        }[]
      ).find((c) => c.id === change.id);
    expect(await changeRequest()).toMatchObject({ status: 'AMENDMENT_SIGNING' });
    const late = await firstEditor.editor
      .post(`/api/bids/${bidId}/members/${firstEditor.memberId}/change-requests/${change.id}/votes`)
      .send({ choice: 'APPROVE' })
      .expect(422);
    expect(late.body.problems[0]).toMatchObject({ path: 'status', code: 'VOTE_CLOSED' });
    // Not a member-change step: the signatures close it.
    await coordinator
      .post(`/api/bids/${bidId}/change-requests/${change.id}/transitions`)
      .send({ event: 'OPEN_AMENDMENT_SIGNING' })
      .expect(422);

    // The worker renders the amendment (its job recorded with the approving ballot) and freezes it.
    const [rendering] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM job_requests WHERE kind = 'DOCUMENTS' AND parameters->>'changeRequestId' = $1`,
      [change.id],
    );
    const rendered = await pollJob(coordinator, required(rendering, 'the rendering').id);
    expect(rendered.last.state).toBe('completed');
    const amendmentId = required(
      (rendered.last.result as unknown as { documentIds: string[] }).documentIds[0],
      'the amendment',
    );
    const documents = (await coordinator.get(`/api/bids/${bidId}/documents`).expect(200)).body as {
      id: string;
      kind: string;
      frozenAt: string | null;
      downloadUrl: string;
    }[];
    const amendment = required(
      documents.find((d) => d.id === amendmentId),
      'the amendment listed',
    );
    expect(amendment).toMatchObject({ kind: 'AMENDMENT', frozenAt: expect.any(String) });
    const pdf = new PdfFile(
      (await asBytes(coordinator.get(amendment.downloadUrl)).expect(200)).body,
    );
    const text = normalise(pdf.text());
    pdf.remove();
    for (const phrase of ['Avenant', 'à partir de la période 7', 'Part non couverte', 'approuve']) {
      expect(text).toContain(normalise(phrase));
    }

    // Every member still in signs, through its signatory, with a code mailed to it.
    const parties = await dataSource.query<{ id: string; key: string; organisation_id: string }[]>(
      `SELECT id, key, organisation_id FROM members WHERE bid_id = $1 AND role = 'COTRAITANT'
       AND status NOT IN ('WITHDRAWN', 'DECLINED') ORDER BY key`,
      [bidId],
    );
    const signatories = new Map<string, SignedIn>();
    for (const party of parties) {
      signatories.set(
        party.id,
        await signIn(system.api, dataSource, `signature@${party.key}.test`, [
          { role: 'SIGNATORY', organisationId: party.organisation_id },
        ]),
      );
    }
    const [firstParty, secondParty] = [required(parties[0], 'a party'), required(parties[1], 'b')];
    const signing = (memberId: string) => ({ bidId, memberId, documentId: amendmentId });
    // Nobody signs for another member; another network neither reads nor signs it.
    await required(signatories.get(firstParty.id), 's')
      .post(`/api/bids/${bidId}/members/${secondParty.id}/signature-code`)
      .send({ documentId: amendmentId })
      .expect(403);
    const stranger = await signIn(system.api, dataSource, 'coord@ailleurs.test', [
      { role: 'COORDINATOR', networkId: await ensureNetwork('Ailleurs') },
    ]);
    await stranger.get(`/api/bids/${bidId}/documents/${amendmentId}`).expect(404);
    await stranger
      .post(`/api/bids/${bidId}/members/${firstParty.id}/signature-code`)
      .send({ documentId: amendmentId })
      .expect(404);
    const planFrom7 = await planned('period_number >= 7');
    for (const [index, party] of parties.entries()) {
      const signatory = required(signatories.get(party.id), 'a signatory');
      const signed = await signWithCode(signatory, smtp, signing(party.id));
      expect(signed).toMatchObject({ state: 'completed', result: { alreadyDone: false } });
      if (index < parties.length - 1) {
        // Not everyone signed: the plan in force has not moved.
        expect(await changeRequest()).toMatchObject({ status: 'AMENDMENT_SIGNING' });
        expect(JSON.stringify(await planned('period_number >= 7'))).toBe(JSON.stringify(planFrom7));
      }
    }
    // Signed once: no code for a second signature.
    await required(signatories.get(firstParty.id), 's')
      .post(`/api/bids/${bidId}/members/${firstParty.id}/signature-code`)
      .send({ documentId: amendmentId })
      .expect(422);
    // The last signature closed the request and applied the re-plan, in its transaction.
    expect(await changeRequest()).toMatchObject({ status: 'CLOSED' });
    const told = await dataSource.query<unknown[]>(
      `SELECT 1 FROM outgoing_mails WHERE subject LIKE 'Nouvelle répartition en vigueur%'`,
    );
    expect(told.length).toBeGreaterThan(0);

    // The signed file verifies with tools nobody here wrote: one signature per member.
    const signatures = (
      await coordinator.get(`/api/bids/${bidId}/documents/${amendmentId}/signatures`).expect(200)
    ).body as { signatures: unknown[]; awaiting: unknown[]; signedUrl: string };
    expect([signatures.signatures.length, signatures.awaiting]).toEqual([parties.length, []]);
    const folder = mkdtempSync(path.join(tmpdir(), 'cordage-replan-'));
    try {
      const signedFile = path.join(folder, 'avenant.pdf');
      const caFile = path.join(folder, 'authority.pem');
      writeFileSync(
        signedFile,
        (await asBytes(coordinator.get(signatures.signedUrl)).expect(200)).body as Buffer,
      );
      writeFileSync(caFile, (await coordinator.get('/api/signing/authority.pem').expect(200)).text);
      const verified = verifyWithSharedTool(signedFile, caFile, parties.length);
      expect(verified.output).toContain(`OK: ${parties.length} signatures valid`);
      expect(verified.status).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }

    // Months 1-6 byte-identical; months 7-12 are the re-plan's lines, to the cent.
    const memberLines = result.lines.filter((l) => l.org !== null);
    expect(JSON.stringify(await planned('period_number < 7'))).toBe(JSON.stringify(monthsBefore));
    const after = (await coordinator.get(`/api/bids/${bidId}/realised`).expect(200)).body
      .lines as Line[];
    const laterMonths = after.filter((l) => l.period >= 7);
    const lineKey = (l: { lot: number; territory: string; period: number }, member: string) =>
      `${member}|${l.lot}|${l.territory}|${l.period}`;
    const planOf = new Map(laterMonths.map((l) => [lineKey(l, l.member), l]));
    for (const line of memberLines) {
      const shown = required(planOf.get(lineKey(line, line.org ?? '')), 'a re-planned line');
      expect([shown.plannedHundredths, shown.plannedCents, shown.plannedInsertionHours]).toEqual([
        line.hundredths,
        line.amountCents,
        line.insertionHours,
      ]);
    }
    expect(sum(laterMonths.map((l) => l.plannedCents))).toBe(
      sum(memberLines.map((l) => l.amountCents)),
    );
    // Every plan total is the sum of its lines.
    const mismatched = await dataSource.query<unknown[]>(
      `SELECT t.member_id, t.lot_id, t.period_number FROM realised_period_totals t
       LEFT JOIN (SELECT member_id, lot_id, period_number, sum(hundredths) AS h,
           sum(amount_cents) AS c, sum(insertion_hours) AS i
         FROM planned_periods WHERE bid_id = $1 GROUP BY member_id, lot_id, period_number) p
         USING (member_id, lot_id, period_number)
       WHERE t.bid_id = $1 AND (t.planned_hundredths <> coalesce(p.h, 0)
         OR t.planned_cents <> coalesce(p.c, 0) OR t.planned_insertion_hours <> coalesce(p.i, 0))`,
      [bidId],
    );
    expect(mismatched).toEqual([]);
    const [audited] = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events
       WHERE action = 'contract.replan_applied' AND bid_id = $1`,
      [bidId],
    );
    expect(audited?.n).toBe(1);
    const again = await coordinator
      .post(`/api/bids/${bidId}/change-requests/replans`)
      .send(open)
      .expect(422);
    expect(again.body.problems[0]).toMatchObject({
      path: 'replan',
      code: 'REPLAN_ALREADY_APPLIED',
    });
  });

  async function ensureNetwork(name: string): Promise<string> {
    const { AccessRepository } = await import('@cordage/persistence');
    return system.persistence.get(AccessRepository).ensureNetwork(name);
  }
});
