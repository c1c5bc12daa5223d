import { at, required } from '@cordage/domain';
import type { SignedIn } from './support/actors';
import {
  type ComparisonLine,
  exampleAward,
  memberEditors,
  monthsAgo,
  submittedExampleBid,
  sum,
} from './support/after-award';
import { otherNetworkCoordinator, systemForTests } from './support/system';

interface PlannedCell {
  member: string | null;
  lot: number;
  territory: string;
  hundredths: number;
  amountCents: number;
  insertionHours: number;
}

interface Total {
  member: string;
  lot: number;
  period: number;
  plannedCents: number;
  realisedCents: number;
  declaredCells: number;
  corrections: number;
  cumulativePlannedCents: number;
  cumulativeRealisedCents: number;
  cumulativeGapCents: number;
}

describe('After the award: lots won and lost, periods, realised figures, planned against realised', () => {
  const system = systemForTests();
  let bidId: string;
  let coordinator: SignedIn;
  const editorOf = memberEditors(system, () => bidId);

  beforeAll(async () => {
    ({ bidId, coordinator } = await submittedExampleBid(system));
  });

  const award = exampleAward(monthsAgo(7));

  it('records the award of 3 of the 4 lots once, the signed split becoming the planned one to the cent', async () => {
    const early = await coordinator.post(`/api/bids/${bidId}/award`).send(award).expect(422);
    expect(early.body.problems[0]).toMatchObject({ path: 'status', code: 'BID_STATUS' });
    await coordinator
      .post(`/api/bids/${bidId}/workflow/transitions`)
      .send({ event: 'AWARD' })
      .expect(200);

    const incomplete = await coordinator
      .post(`/api/bids/${bidId}/award`)
      .send({ ...award, lots: award.lots.slice(0, 3) })
      .expect(422);
    expect(incomplete.body.problems[0]).toMatchObject({ path: 'lots', code: 'LOT_MISSING' });
    expect(incomplete.body.message).toMatch(/le lot 4 n’a pas de décision/);

    await coordinator.post(`/api/bids/${bidId}/award`).send(award).expect(204);
    const again = await coordinator.post(`/api/bids/${bidId}/award`).send(award).expect(422);
    expect(again.body.problems[0]).toMatchObject({ code: 'ALREADY_RECORDED' });

    const read = (await coordinator.get(`/api/bids/${bidId}/award`).expect(200)).body as {
      lots: { lot: number; outcome: string; awardedCents: number | null; plannedCents: number }[];
      cells: PlannedCell[];
    };
    expect(read.lots.map((lot) => [lot.lot, lot.outcome])).toEqual([
      [1, 'WON'],
      [2, 'WON'],
      [3, 'LOST'],
      [4, 'WON'],
    ]);
    // Every won lot's planned split (members and uncovered part) adds up to the awarded amount.
    for (const lot of read.lots.filter((l) => l.outcome === 'WON')) {
      expect(lot.plannedCents).toBe(lot.awardedCents);
      expect(sum(read.cells.filter((c) => c.lot === lot.lot).map((c) => c.amountCents))).toBe(
        lot.awardedCents,
      );
    }
    expect(read.cells.some((cell) => cell.lot === 3)).toBe(false);
    // Lot 1 was awarded at the bid's amount: its members keep their signed amounts.
    const v1 = (await coordinator.get(`/api/bids/${bidId}/allocations/1`).expect(200)).body
      .result as { members: { org: string; lot: number; amountCents: number }[] };
    for (const share of v1.members.filter((m) => m.lot === 1)) {
      const cells = read.cells.filter((c) => c.lot === 1 && c.member === share.org);
      expect(sum(cells.map((c) => c.amountCents))).toBe(share.amountCents);
    }
    const history = (await coordinator.get(`/api/bids/${bidId}/history?limit=50`).expect(200)).body
      .items as { action: string; after: { amountsChanged?: number[] } }[];
    expect(history.find((e) => e.action === 'contract.lots_awarded')?.after.amountsChanged).toEqual(
      [2, 4],
    );
  });

  it('sets the contract of a won lot in monthly periods, refuses a lost lot', async () => {
    const lost = await coordinator
      .post(`/api/bids/${bidId}/award/contracts`)
      .send({ lot: 3, startOn: monthsAgo(6), durationMonths: 12 })
      .expect(422);
    expect(lost.body.problems[0]).toMatchObject({ path: 'lot', code: 'LOT_LOST' });
    const malformed = await coordinator
      .post(`/api/bids/${bidId}/award/contracts`)
      .send({ lot: 1, startOn: '2027-02-30', durationMonths: 12 })
      .expect(400);
    expect(JSON.stringify(malformed.body)).toContain('startOn');
    const bad = await coordinator
      .post(`/api/bids/${bidId}/award/contracts`)
      .send({ lot: 1, startOn: monthsAgo(6), durationMonths: 0, periodMonths: 3 })
      .expect(422);
    expect(bad.body.problems.map((p: { path: string }) => p.path)).toEqual([
      'durationMonths',
      'periodMonths',
    ]);
    const set = await coordinator
      .post(`/api/bids/${bidId}/award/contracts`)
      .send({ lot: 1, startOn: monthsAgo(6), durationMonths: 12 })
      .expect(200);
    expect(set.body).toEqual({ periods: 12 });
    const read = (await coordinator.get(`/api/bids/${bidId}/award`).expect(200)).body;
    const contract = read.lots[0].contract;
    expect(contract).toMatchObject({ startOn: monthsAgo(6), durationMonths: 12, periodMonths: 1 });
    expect(contract.periods[0]).toEqual({
      number: 1,
      startOn: monthsAgo(6),
      endOn: monthsAgo(5),
      months: 1,
    });
  });

  it('takes realised figures from members and coordinators, refuses what cannot be, adds up to the cent', async () => {
    const plan = async () =>
      (await coordinator.get(`/api/bids/${bidId}/realised?lot=1`).expect(200)).body
        .lines as ComparisonLine[];
    const lines = await plan();
    const planned = lines.filter((line) => line.plannedCents > 0);
    const [keyA, keyB] = [...new Set(planned.map((line) => line.member))];
    const a = await editorOf(required(keyA, 'a member with a plan on lot 1'));
    const b = await editorOf(required(keyB, 'a second member with a plan on lot 1'));
    const cellsOf = (key: string | undefined) => [
      ...new Set(planned.filter((l) => l.member === key).map((l) => l.territory)),
    ];
    const plannedOf = (key: string | undefined, territory: string, period: number) =>
      required(
        lines.find((l) => l.member === key && l.territory === territory && l.period === period),
        'a planned line',
      );
    const entry = (key: string | undefined, territory: string, period: number, share = 1) => {
      const line = plannedOf(key, territory, period);
      return {
        lot: 1,
        territory,
        period,
        // Hours and insertion hours to the hundredth, as the drift rule compares them.
        hours: Math.round(line.plannedHundredths * share) / 100,
        revenueCents: Math.floor(line.plannedCents * share),
        insertionHours: Math.round(line.plannedInsertionHours * share * 100) / 100,
        insertionPeople: 1,
      };
    };
    const declare = (who: SignedIn, memberId: string, body: Record<string, unknown>) =>
      who.post(`/api/bids/${bidId}/members/${memberId}/realised`).send(body);

    // Member A declares its first months, late, all at once, as planned.
    const first = cellsOf(keyA);
    const declared = await declare(a.editor, a.memberId, {
      entries: [1, 2, 3, 4].flatMap((period) => first.map((t) => entry(keyA, t, period))),
    }).expect(200);
    expect(declared.body).toMatchObject({ recorded: first.length * 4, corrected: 0, warnings: [] });

    // Hostile inputs: refused with the field named, nothing written.
    const territory = at(first, 0);
    const refusals: [Record<string, unknown>, string, string][] = [
      [
        { ...entry(keyA, territory, 5), lot: 3, territory: 'COM:93008' },
        'entries[0].lot',
        'LOT_LOST',
      ],
      [
        { ...entry(keyA, territory, 5), period: 13 },
        'entries[0].period',
        'PERIOD_OUTSIDE_CONTRACT',
      ],
      [{ ...entry(keyA, territory, 5), revenueCents: -100 }, 'entries[0].revenueCents', 'NEGATIVE'],
      [{ ...entry(keyA, territory, 5), hours: -1 }, 'entries[0].hours', 'NEGATIVE'],
    ];
    for (const [body, path, code] of refusals) {
      const refused = await declare(a.editor, a.memberId, { entries: [body] }).expect(422);
      expect(refused.body.problems[0]).toMatchObject({ path, code });
      expect(refused.body.message).toContain(path);
    }
    // A member declares for itself only; another network's user learns nothing.
    await declare(b.editor, a.memberId, { entries: [entry(keyA, territory, 5)] }).expect(403);
    const stranger = await otherNetworkCoordinator(system);
    await declare(stranger, a.memberId, { entries: [entry(keyA, territory, 5)] }).expect(404);
    await stranger.get(`/api/bids/${bidId}/realised`).expect(404);

    // A correction without a reason is refused; with one, it is a new entry, the latest in force.
    const raised = plannedOf(keyA, territory, 2).plannedCents + 1_000;
    const correction = { ...entry(keyA, territory, 2), revenueCents: raised };
    const bare = await declare(a.editor, a.memberId, { entries: [correction] }).expect(422);
    expect(bare.body.problems[0]).toMatchObject({ path: 'reason', code: 'REASON_REQUIRED' });
    await declare(a.editor, a.memberId, {
      entries: [correction],
      reason: 'Facture de février saisie deux fois',
    }).expect(200);
    const [stored] = await system.dataSource.query<{ entries: string }[]>(
      `SELECT count(*) AS entries FROM realised_entries WHERE member_id = $1`,
      [a.memberId],
    );
    expect(Number(stored?.entries)).toBe(first.length * 4 + 1);

    // The coordinator declares on B's behalf, recorded as such.
    const second = cellsOf(keyB);
    await declare(coordinator, b.memberId, {
      entries: second.map((t) => entry(keyB, t, 1)),
    }).expect(200);
    const behalf = await system.dataSource.query<{ on_behalf: boolean; author_label: string }[]>(
      `SELECT DISTINCT on_behalf, author_label FROM realised_entries WHERE member_id = $1`,
      [b.memberId],
    );
    expect(behalf).toEqual([{ on_behalf: true, author_label: coordinator.email }]);

    // Planned against realised: each total is the sum of its lines, to the cent.
    const after = await plan();
    const cell = required(
      after.find((l) => l.member === keyA && l.territory === territory && l.period === 2),
      'the corrected line',
    );
    expect(cell).toMatchObject({ realisedCents: raised, corrections: 1 });
    expect(cell.gapCents).toBe(1_000);
    const lastOfCell = required(
      after.find((l) => l.member === keyA && l.territory === territory && l.period === 12),
      'the last period of the cell',
    );
    const cellLines = after.filter((l) => l.member === keyA && l.territory === territory);
    expect(lastOfCell.cumulativePlannedCents).toBe(sum(cellLines.map((l) => l.plannedCents)));
    expect(lastOfCell.cumulativeRealisedCents).toBe(
      sum(cellLines.map((l) => l.realisedCents ?? 0)),
    );
    const awarded = (await coordinator.get(`/api/bids/${bidId}/award`).expect(200)).body as {
      cells: PlannedCell[];
    };
    const membersPlanned = sum(
      awarded.cells.filter((c) => c.lot === 1 && c.member !== null).map((c) => c.amountCents),
    );
    expect(sum(after.map((l) => l.plannedCents))).toBe(membersPlanned);

    // The page's totals per member, lot and period are the sums of the cell lines, to the cent.
    const totals = (await coordinator.get(`/api/bids/${bidId}/realised/totals?lot=1`).expect(200))
      .body.totals as Total[];
    const byPeriod = new Map<string, ComparisonLine[]>();
    for (const line of after) {
      const key = `${line.member}/${line.period}`;
      byPeriod.set(key, [...(byPeriod.get(key) ?? []), line]);
    }
    expect(totals).toHaveLength(byPeriod.size);
    for (const total of totals) {
      const lines = required(byPeriod.get(`${total.member}/${total.period}`), 'its lines');
      expect(total).toMatchObject({
        lot: 1,
        plannedCents: sum(lines.map((l) => l.plannedCents)),
        realisedCents: sum(lines.map((l) => l.realisedCents ?? 0)),
        declaredCells: lines.filter((l) => l.realisedCents !== null).length,
        corrections: sum(lines.map((l) => l.corrections)),
        cumulativeGapCents: total.cumulativeRealisedCents - total.cumulativePlannedCents,
      });
    }
    const lastOfA = required(
      totals.filter((t) => t.member === keyA).at(-1),
      'the last period of member A',
    );
    const linesOfA = after.filter((l) => l.member === keyA);
    expect(lastOfA.cumulativeRealisedCents).toBe(sum(linesOfA.map((l) => l.realisedCents ?? 0)));
    expect(lastOfA.cumulativePlannedCents).toBe(sum(linesOfA.map((l) => l.plannedCents)));
    // One member's cell detail on demand.
    const detail = (
      await coordinator.get(`/api/bids/${bidId}/realised?lot=1&member=${a.memberId}`).expect(200)
    ).body.lines as ComparisonLine[];
    expect(detail).toEqual(linesOfA);

    // Transparency: under ALLOCATION_ONLY, a member reads only its own lines.
    const own = (await a.editor.get(`/api/bids/${bidId}/realised?lot=1`).expect(200)).body
      .lines as ComparisonLine[];
    expect(new Set(own.map((l) => l.member))).toEqual(new Set([keyA]));
    await coordinator.patch(`/api/bids/${bidId}`).send({ transparency: 'OPEN' }).expect(204);
    const open = (await a.editor.get(`/api/bids/${bidId}/realised?lot=1`).expect(200)).body
      .lines as ComparisonLine[];
    expect(new Set(open.map((l) => l.member)).has(required(keyB, 'B'))).toBe(true);
  });

  it('alerts the coordinators and a member drifting more than 15 % behind its plan, once per drift and measure', async () => {
    const lines = (await coordinator.get(`/api/bids/${bidId}/realised?lot=1`).expect(200)).body
      .lines as ComparisonLine[];
    const members = [...new Set(lines.filter((l) => l.plannedCents > 0).map((l) => l.member))];
    const keyB = required(members[1], 'the second member with a plan on lot 1');
    const b = await editorOf(keyB);
    const cells = [
      ...new Set(
        lines.filter((l) => l.member === keyB && l.plannedCents > 0).map((l) => l.territory),
      ),
    ];
    const planned = (period: number, territory: string) =>
      required(
        lines.find((l) => l.member === keyB && l.territory === territory && l.period === period),
        'a planned line of B',
      );
    // B plans insertion hours on lot 1 in periods 4 and 5: the insertion drift below needs them.
    expect(
      sum(cells.flatMap((t) => [4, 5].map((period) => planned(period, t).plannedInsertionHours))),
    ).toBeGreaterThan(0);
    // Half of the plan in money and hours, period by period (period 1 was declared at plan by the
    // coordinator); insertion hours at plan, or none.
    const half = (period: number, insertion: 'planned' | 'none' = 'planned') => ({
      entries: cells.map((territory) => {
        const line = planned(period, territory);
        return {
          lot: 1,
          territory,
          period,
          hours: Math.round(line.plannedHundredths / 2) / 100,
          revenueCents: Math.floor(line.plannedCents / 2),
          insertionHours: insertion === 'planned' ? line.plannedInsertionHours : 0,
          insertionPeople: 0,
        };
      }),
    });
    const declare = (body: Record<string, unknown>) =>
      b.editor.post(`/api/bids/${bidId}/members/${b.memberId}/realised`).send(body).expect(200);
    expect((await declare(half(2))).body.driftAlerts).toBe(0); // one period behind: not yet
    // Two in a row: one alert on the revenue, one on the hours; the insertion hours are at plan.
    expect((await declare(half(3))).body.driftAlerts).toBe(2);
    // The same drifts go on; the insertion hours fall behind for one period only.
    expect((await declare(half(4, 'none'))).body.driftAlerts).toBe(0);
    expect(
      (await declare({ ...half(3), reason: 'Même chiffre, déclaré de nouveau' })).body.driftAlerts,
    ).toBe(0);
    // A second period behind on insertion hours: its own alert, from period 4.
    expect((await declare(half(5, 'none'))).body.driftAlerts).toBe(1);
    expect(
      (await declare({ ...half(5, 'none'), reason: 'Déclaré de nouveau' })).body.driftAlerts,
    ).toBe(0);

    const alerts = await system.dataSource.query<
      { measure: string; start_period: number; alert_period: number }[]
    >(
      `SELECT measure, start_period, alert_period FROM drift_alerts WHERE member_id = $1
       ORDER BY alert_period, measure`,
      [b.memberId],
    );
    expect(alerts).toEqual([
      { measure: 'HOURS', start_period: 2, alert_period: 3 },
      { measure: 'REVENUE', start_period: 2, alert_period: 3 },
      { measure: 'INSERTION_HOURS', start_period: 4, alert_period: 5 },
    ]);
    const history = (await coordinator.get(`/api/bids/${bidId}/history?limit=100`).expect(200)).body
      .items as { action: string; after: { member?: string; measure?: string } }[];
    expect(
      history
        .filter((e) => e.action === 'contract.drift_alert')
        .map((e) => e.after.measure)
        .sort(),
    ).toEqual(['HOURS', 'INSERTION_HOURS', 'REVENUE']);
    // Per alert, one mail to the coordinator and one to the member's editor, through the
    // outbox, each naming its measure; the worker sends them.
    const mails = async () =>
      system.dataSource.query<{ recipient: string; subject: string; sent: boolean }[]>(
        `SELECT recipient, subject, sent_at IS NOT NULL AS sent FROM outgoing_mails
         WHERE subject LIKE 'Écart au prévu%' ORDER BY recipient, subject`,
      );
    expect((await mails()).map((m) => m.recipient)).toEqual(
      [coordinator.email, b.editor.email].sort().flatMap((email) => [email, email, email]),
    );
    expect(new Set((await mails()).map((m) => /\(([^)]*)\)/.exec(m.subject)?.[1]))).toEqual(
      new Set(['chiffre d’affaires', 'heures travaillées', 'heures d’insertion']),
    );
    const deadline = Date.now() + 60_000;
    while (!(await mails()).every((m) => m.sent) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await mails()).every((m) => m.sent)).toBe(true);

    // The alerts recorded, as the page reads them: once, with their mails gone; a member sees
    // its own, the others' under the OPEN transparency only; another network nothing.
    type Alert = { member: string; lot: number; startPeriod: number; mailed: boolean };
    const drifts = async (who: SignedIn) =>
      (await who.get(`/api/bids/${bidId}/realised/drifts`).expect(200)).body.alerts as Alert[];
    const hoursAlert = alerts[0];
    expect(await drifts(coordinator)).toEqual([
      expect.objectContaining({
        member: keyB,
        lot: 1,
        measure: 'REVENUE',
        startPeriod: 2,
        alertPeriod: 3,
        mailed: true,
        mailsQueued: 2,
        mailsSent: 2,
      }),
      expect.objectContaining({
        measure: 'HOURS',
        startPeriod: hoursAlert?.start_period,
        // Hundredths of an hour: half of the plan, cumulated from period 1 at plan.
        planned: sum(cells.flatMap((t) => [1, 2, 3].map((p) => planned(p, t).plannedHundredths))),
        mailed: true,
      }),
      expect.objectContaining({ measure: 'INSERTION_HOURS', startPeriod: 4, alertPeriod: 5 }),
    ]);
    const keyA = required(members[0], 'the first member with a plan on lot 1');
    const a = await editorOf(keyA);
    expect(await drifts(a.editor)).toHaveLength(3); // OPEN
    await coordinator
      .patch(`/api/bids/${bidId}`)
      .send({ transparency: 'ALLOCATION_ONLY' })
      .expect(204);
    expect(await drifts(a.editor)).toEqual([]);
    expect((await drifts(b.editor)).map((alert) => alert.member)).toEqual([keyB, keyB, keyB]);
    await coordinator.patch(`/api/bids/${bidId}`).send({ transparency: 'OPEN' }).expect(204);
    const elsewhere = await otherNetworkCoordinator(system);
    await elsewhere.get(`/api/bids/${bidId}/realised/drifts`).expect(404);

    // A member that has left declares nothing more.
    const keyC = required(members[2], 'a third member with a plan on lot 1');
    const c = await editorOf(keyC);
    await system.dataSource.query(`UPDATE members SET status = 'WITHDRAWN' WHERE id = $1`, [
      c.memberId,
    ]);
    const gone = await c.editor
      .post(`/api/bids/${bidId}/members/${c.memberId}/realised`)
      .send(half(6))
      .expect(422);
    expect(gone.body.problems[0]).toMatchObject({ path: 'memberId', code: 'MEMBER_LEFT' });
  });
});
