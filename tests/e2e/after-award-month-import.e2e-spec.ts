import { required } from '@cordage/domain';
import type { SignedIn } from './support/actors';
import { type ComparisonLine, contractUnderWay, memberEditors, sum } from './support/after-award';
import { otherNetworkCoordinator, systemForTests } from './support/system';

interface Line {
  member: string;
  lot: number;
  territory: string;
  hours: number;
  revenueCents: number;
  insertionHours: number;
  insertionPeople: number;
}

interface Total {
  member: string;
  lot: number;
  period: number;
  realisedCents: number;
  declaredCells: number;
  corrections: number;
}

describe('After the award: the coordinator imports a month for every member at once', () => {
  const system = systemForTests();
  let bidId: string;
  let coordinator: SignedIn;
  const editorOf = memberEditors(system, () => bidId);
  let planned: ComparisonLine[];
  /** The member that falls behind its plan, at half of it. */
  let late: string;

  beforeAll(async () => {
    const started = await contractUnderWay(system);
    ({ bidId, coordinator } = started);
    planned = started.lot1.filter((line) => line.member !== null && line.plannedCents > 0);
    late = required(
      [...new Set(planned.map((line) => line.member))].sort()[0],
      'a member with a plan on lot 1',
    );
  }, 300_000);

  /** Every member's planned cells of lot 1 in `period`, at plan; the late member at half. */
  const month = (period: number): Line[] =>
    planned
      .filter((line) => line.period === period)
      .map((line) => {
        const share = line.member === late ? 0.5 : 1;
        return {
          member: line.member,
          lot: 1,
          territory: line.territory,
          hours: Math.round(line.plannedHundredths * share) / 100,
          revenueCents: Math.floor(line.plannedCents * share),
          insertionHours: line.plannedInsertionHours,
          insertionPeople: 1,
        };
      });
  const importMonth = (who: SignedIn, body: Record<string, unknown>) =>
    who.post(`/api/bids/${bidId}/realised/import`).send(body);
  const totals = async (period: number) =>
    (
      (await coordinator.get(`/api/bids/${bidId}/realised/totals?lot=1`).expect(200)).body
        .totals as Total[]
    ).filter((total) => total.period === period);
  const entriesOf = async (period: number) =>
    Number(
      required(
        (
          await system.dataSource.query<{ count: string }[]>(
            `SELECT count(*) FROM realised_entries WHERE bid_id = $1 AND period_number = $2`,
            [bidId, period],
          )
        )[0],
        'a count',
      ).count,
    );

  it('refuses a member’s editor (403) and another network (404)', async () => {
    const { editor } = await editorOf(late);
    const own = await importMonth(editor, { period: 1, lines: month(1) }).expect(403);
    expect(own.body.message).toMatch(/coordinateurs/);
    const elsewhere = await otherNetworkCoordinator(system);
    await importMonth(elsewhere, { period: 1, lines: month(1) }).expect(404);
    expect(await entriesOf(1)).toBe(0);
  });

  it('refuses hostile input, naming the line and field in French, and writes nothing', async () => {
    const lines = month(1);
    // Malformed bodies: zod names the field.
    const strings = await importMonth(coordinator, {
      period: 1,
      lines: [{ ...lines[0], hours: '12' }],
    }).expect(400);
    expect(JSON.stringify(strings.body)).toContain('hours');
    await importMonth(coordinator, {
      period: 1,
      lines: [{ ...lines[0], memberId: 'x' }],
    }).expect(400);
    await importMonth(coordinator, { period: 1, lines: [] }).expect(400);
    await importMonth(coordinator, { period: '1; DROP TABLE members', lines }).expect(400);

    // Well-formed, but one bad line among the good ones: the whole month is refused.
    const bad = lines.map((line, index) => (index === 3 ? { ...line, revenueCents: -100 } : line));
    const negative = await importMonth(coordinator, { period: 1, lines: bad }).expect(422);
    expect(negative.body.problems[0]).toMatchObject({
      path: 'lines[3].revenueCents',
      code: 'NEGATIVE',
    });
    expect(negative.body.message).toMatch(/^Import refusé : lines\[3\]\.revenueCents : /);

    const unknown = await importMonth(coordinator, {
      period: 1,
      lines: [...lines, { ...required(lines[0], 'a line'), member: 'org-inconnu' }],
    }).expect(422);
    expect(unknown.body.problems).toContainEqual(
      expect.objectContaining({ path: `lines[${lines.length}].member`, code: 'UNKNOWN_MEMBER' }),
    );
    const lost = await importMonth(coordinator, {
      period: 1,
      lines: [{ ...required(lines[0], 'a line'), lot: 3 }],
    }).expect(422);
    expect(lost.body.problems[0]).toMatchObject({ path: 'lines[0].lot', code: 'LOT_LOST' });
    const outside = await importMonth(coordinator, { period: 13, lines }).expect(422);
    // The period is the import's: said once, not once per line.
    expect(outside.body.problems).toEqual([
      expect.objectContaining({ path: 'period', code: 'PERIOD_OUTSIDE_CONTRACT' }),
    ]);
    const twice = await importMonth(coordinator, {
      period: 1,
      lines: [...lines, required(lines[1], 'a line')],
    }).expect(422);
    expect(twice.body.problems[0]).toMatchObject({
      path: `lines[${lines.length}]`,
      code: 'DUPLICATE_ENTRY',
    });
    const order = await importMonth(coordinator, {
      period: 1,
      lines: [{ ...required(lines[0], 'a line'), orderId: '00000000-0000-4000-8000-000000000000' }],
    }).expect(422);
    expect(order.body.problems[0]).toMatchObject({
      path: 'lines[0].orderId',
      code: 'UNKNOWN_ORDER',
    });

    expect(await entriesOf(1)).toBe(0);
    expect((await totals(1)).every((total) => total.declaredCells === 0)).toBe(true);
  });

  it('imports a month for every member, the totals adding up to the cent, each member audited', async () => {
    const lines = month(1);
    const members = new Set(lines.map((line) => line.member));
    const answer = await importMonth(coordinator, { period: 1, lines }).expect(200);
    expect(answer.body).toMatchObject({
      period: 1,
      members: members.size,
      recorded: lines.length,
      corrected: 0,
      driftAlerts: 0,
    });
    expect(await entriesOf(1)).toBe(lines.length);
    for (const member of members) {
      const own = (await totals(1)).filter((total) => total.member === member);
      expect(sum(own.map((total) => total.realisedCents))).toBe(
        sum(lines.filter((line) => line.member === member).map((line) => line.revenueCents)),
      );
    }
    const history = (await coordinator.get(`/api/bids/${bidId}/history?limit=100`).expect(200)).body
      .items as {
      action: string;
      actor: string;
      after: { member?: string; onBehalf?: boolean; entries?: number; imported?: boolean };
    }[];
    const declared = history.filter((event) => event.action === 'contract.realised_declared');
    expect(new Set(declared.map((event) => event.after.member))).toEqual(members);
    expect(declared.every((event) => event.after.onBehalf && event.after.imported)).toBe(true);
    expect(sum(declared.map((event) => event.after.entries ?? 0))).toBe(lines.length);
    // The chain stays whole.
    const [chain] = await system.dataSource.query<{ gaps: string }[]>(
      `SELECT count(*) AS gaps FROM (
         SELECT seq, prev_hash, lag(hash) OVER (ORDER BY seq) AS previous FROM audit_events
       ) chained WHERE previous IS NOT NULL AND prev_hash <> previous`,
    );
    expect(Number(chain?.gaps)).toBe(0);
  });

  it('corrects a month by new entries only with a reason, never overwriting a figure', async () => {
    const lines = month(1).map((line) => ({ ...line, revenueCents: line.revenueCents + 1 }));
    const refused = await importMonth(coordinator, { period: 1, lines }).expect(422);
    expect(refused.body.problems[0]).toMatchObject({ path: 'reason', code: 'REASON_REQUIRED' });
    expect(await entriesOf(1)).toBe(lines.length);

    const answer = await importMonth(coordinator, {
      period: 1,
      lines,
      reason: 'Factures rectificatives du mois',
    }).expect(200);
    expect(answer.body.corrected).toBe(lines.length);
    // The first entries are still there; the figures in force are the new ones.
    expect(await entriesOf(1)).toBe(2 * lines.length);
    const now = await totals(1);
    expect(sum(now.map((total) => total.realisedCents))).toBe(
      sum(lines.map((line) => line.revenueCents)),
    );
    expect(sum(now.map((total) => total.corrections))).toBe(lines.length);
    const history = (await coordinator.get(`/api/bids/${bidId}/history?limit=100`).expect(200)).body
      .items as { action: string; after: { reason?: string } }[];
    expect(
      history.filter(
        (event) =>
          event.action === 'contract.realised_corrected' &&
          event.after.reason === 'Factures rectificatives du mois',
      ),
    ).toHaveLength(new Set(lines.map((line) => line.member)).size);
  });

  it('alerts a drift revealed by the import once, whatever the re-imports', async () => {
    const alertsOf = async () =>
      (
        (await coordinator.get(`/api/bids/${bidId}/realised/drifts`).expect(200)).body.alerts as {
          member: string;
          measure: string;
          startPeriod: number;
        }[]
      ).filter((alert) => alert.member === late);
    // The late member was at half of its plan in period 1 and is again in period 2: two in a row.
    const second = await importMonth(coordinator, { period: 2, lines: month(2) }).expect(200);
    const alerts = await alertsOf();
    expect(second.body.driftAlerts).toBeGreaterThan(0);
    expect(alerts.map((alert) => alert.measure).sort()).toEqual(['HOURS', 'REVENUE']);
    expect(alerts.every((alert) => alert.startPeriod === 1)).toBe(true);
    const again = await importMonth(coordinator, {
      period: 2,
      lines: month(2),
      reason: 'Même mois, importé de nouveau',
    }).expect(200);
    expect(again.body.driftAlerts).toBe(0);
    expect(await alertsOf()).toHaveLength(alerts.length);
    // One mail per alert to the coordinator, through the outbox.
    const [mails] = await system.dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM outgoing_mails WHERE recipient = $1 AND subject LIKE 'Écart au prévu%'`,
      [coordinator.email],
    );
    expect(Number(mails?.count)).toBe(alerts.length);
  });
});
