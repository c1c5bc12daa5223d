import { readFileSync } from 'node:fs';
import { at, required } from '@cordage/domain';
import {
  EXAMPLE_ORG_003_EXPLANATION,
  exampleScenario,
  exampleScenarioPath,
} from '@cordage/testing';
import { moveBid } from './support/bid-state';
import { allocatingExampleBid, systemForTests } from './support/system';
import type { SignedIn } from './support/actors';
import { type JobStatusBody, pollJob } from './support/harness';

const expected = JSON.parse(
  readFileSync(exampleScenarioPath('colleges-93.expected.json'), 'utf8'),
) as {
  optima: { coverage: number; proximity: number; fairness: number };
};
const close = (actual: number, wanted: number) =>
  expect(Math.abs(actual - wanted)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(wanted)));

describe('Allocating a bid through the api (real worker, HiGHS, Postgres, Redis)', () => {
  const system = systemForTests();
  let bidId: string;
  let coordinator: SignedIn;
  let editor: SignedIn;
  let memberId: string;

  beforeAll(async () => {
    ({ bidId, coordinator, editor, memberId } = await allocatingExampleBid(system));
  });

  async function allocate(): Promise<{ last: JobStatusBody; seen: JobStatusBody[] }> {
    const accepted = await coordinator.post(`/api/bids/${bidId}/allocations`).expect(202);
    expect(accepted.body.statusUrl).toBe(`/api/jobs/${accepted.body.jobId}`);
    return pollJob(coordinator, accepted.body.jobId);
  }

  it('computes version 1 with the optima of allocation.md, its progress followed to the end', async () => {
    const { last, seen } = await allocate();
    expect(last).toMatchObject({ state: 'completed', progress: 100, step: 'done' });
    expect(last.result).toMatchObject({ number: 1, unchanged: false });
    const steps = new Set(seen.map((status) => status.step));
    expect(
      [...steps].every((step) =>
        [
          null,
          'validating',
          'coverage',
          'proximity',
          'fairness',
          'apportioning',
          'saving',
          'done',
        ].includes(step),
      ),
    ).toBe(true);
    expect(seen.every((status, i) => i === 0 || status.progress >= at(seen, i - 1).progress)).toBe(
      true,
    );

    const version = (await editor.get(`/api/bids/${bidId}/allocations/1`).expect(200)).body;
    close(version.result.optima.coverage, expected.optima.coverage);
    close(version.result.optima.proximity, expected.optima.proximity);
    close(version.result.optima.fairness, expected.optima.fairness);
    // Every lot adds up to its amount, to the cent.
    const lots = (exampleScenario().tender as { lots: { number: number; amountCents: number }[] })
      .lots;
    for (const lot of lots) {
      const members = version.result.members.filter((m: { lot: number }) => m.lot === lot.number);
      const uncovered = version.result.uncovered.filter(
        (u: { lot: number }) => u.lot === lot.number,
      );
      const total = [...members, ...uncovered].reduce(
        (sum: number, line: { amountCents: number }) => sum + line.amountCents,
        0,
      );
      expect(total).toBe(lot.amountCents);
    }
    // The text the solver's own test expects for this member of the example.
    expect(version.result.explanations['org-003']).toBe(EXAMPLE_ORG_003_EXPLANATION);
    const history = (await coordinator.get(`/api/bids/${bidId}/history`).expect(200)).body.items;
    expect(history[0]).toMatchObject({ action: 'allocation.computed', after: { number: 1 } });
  });

  it('recognises a re-run on unchanged data and makes no new version', async () => {
    const { last } = await allocate();
    expect(last.result).toMatchObject({ number: 1, unchanged: true });
    const versions = (await coordinator.get(`/api/bids/${bidId}/allocations`).expect(200)).body;
    expect(versions.map((v: { number: number }) => v.number)).toEqual([1]);
  });

  it('computes version 2 after a member changes its offers, and compares the two', async () => {
    // org-003 withdraws most of its capacity: others take its hours, or they stay uncovered.
    // The call for capacities reopens for it, then the split is computed again.
    await moveBid(system.dataSource, bidId, 'COLLECTING');
    await editor
      .put(`/api/bids/${bidId}/members/${memberId}/offers`)
      .send({ offers: [{ lot: 3, territory: 'COM:93029', hours: 50, preference: 'PRIMARY' }] })
      .expect(200);
    await moveBid(system.dataSource, bidId, 'ALLOCATING');
    const { last } = await allocate();
    expect(last.result).toMatchObject({ number: 2, unchanged: false });

    const versions = (await coordinator.get(`/api/bids/${bidId}/allocations`).expect(200)).body;
    expect(versions.map((v: { number: number; kind: string }) => [v.number, v.kind])).toEqual([
      [2, 'RUN'],
      [1, 'RUN'],
    ]);
    const comparison = (
      await editor.get(`/api/bids/${bidId}/allocations/compare?from=1&to=2`).expect(200)
    ).body;
    const loser = comparison.members.find((m: { org: string }) => m.org === 'org-003');
    expect(loser.hoursDelta).toBeLessThan(0);
    expect(loser.amountCentsDelta).toBeLessThan(0);
    // Money moves, none appears or vanishes: gains, losses and the uncovered part cancel out.
    const moved = comparison.members.reduce(
      (sum: number, m: { amountCentsDelta: number }) => sum + m.amountCentsDelta,
      0,
    );
    expect(moved + comparison.uncoveredCentsDelta).toBe(0);

    await editor.get(`/api/bids/${bidId}/allocations/9`).expect(404);
    const bad = await editor.get(`/api/bids/${bidId}/allocations/compare?from=1`).expect(400);
    expect(bad.body.problems[0]).toMatchObject({ path: 'to' });
  });

  it('takes a coordinator’s override of a line when it breaks nothing, as a new version', async () => {
    const v2 = (await coordinator.get(`/api/bids/${bidId}/allocations/2`).expect(200)).body.result;
    const line = v2.lines.find((l: { hours: number }) => l.hours >= 20);
    const created = await coordinator
      .post(`/api/bids/${bidId}/allocations/2/overrides`)
      .send({ ...line, hours: line.hours - 10, reason: 'Équipe réduite en février' })
      .expect(201);
    expect(created.body).toEqual({ number: 3 });
    const v3 = (await editor.get(`/api/bids/${bidId}/allocations/3`).expect(200)).body;
    expect(v3).toMatchObject({
      number: 3,
      kind: 'OVERRIDE',
      basedOn: 2,
      override: {
        org: line.org,
        lot: line.lot,
        territory: line.territory,
        hoursBefore: line.hours,
        hoursAfter: line.hours - 10,
        reason: 'Équipe réduite en février',
        author: 'coord@reseau.test',
      },
    });
    const lots = (exampleScenario().tender as { lots: { number: number; amountCents: number }[] })
      .lots;
    for (const lot of lots) {
      const total = [...v3.result.members, ...v3.result.uncovered]
        .filter((l: { lot: number }) => l.lot === lot.number)
        .reduce((sum: number, l: { amountCents: number }) => sum + l.amountCents, 0);
      expect(total).toBe(lot.amountCents);
    }
    const listed = (await coordinator.get(`/api/bids/${bidId}/allocations`).expect(200)).body[0];
    expect(listed).toMatchObject({ number: 3, kind: 'OVERRIDE', basedOn: 2 });
    const history = (await coordinator.get(`/api/bids/${bidId}/history`).expect(200)).body.items;
    expect(history[0]).toMatchObject({
      action: 'allocation.overridden',
      actor: 'coord@reseau.test',
    });
  });

  it('refuses an override that breaks a constraint, or made on outdated data, and says why', async () => {
    const v2 = (await coordinator.get(`/api/bids/${bidId}/allocations/2`).expect(200)).body.result;
    const line = v2.lines.find((l: { hours: number }) => l.hours >= 20);
    const offered = required(
      (
        exampleScenario().offers as { org: string; lot: number; territory: string; hours: number }[]
      ).find((o) => o.org === line.org && o.lot === line.lot && o.territory === line.territory),
      'the offer behind the line',
    );
    const tooMuch = await coordinator
      .post(`/api/bids/${bidId}/allocations/2/overrides`)
      .send({ ...line, hours: offered.hours + 100, reason: 'Essai' })
      .expect(422);
    // Names, not codes: the commune as people call it, and who holds the hours asked for.
    expect(tooMuch.body.message).toMatch(
      new RegExp(
        "^Modification refusée : Rénov'Plaine n’a offert que 550\u00a0h sur Épinay-sur-Seine au " +
          'lot 1 ; Épinay-sur-Seine ne demande que 700\u00a0h au lot 1 et il n’en reste que ' +
          '0\u00a0h à attribuer : le reste est attribué à [^;]+\\(\\d[\\d\u202f,]*\u00a0h\\)' +
          '[^;]* ; retirez d’abord des heures à l’un d’eux\\.$',
      ),
    );
    expect(tooMuch.body.message).not.toMatch(/COM:|org-\d/);
    const stale = await coordinator
      .post(`/api/bids/${bidId}/allocations/1/overrides`)
      .send({ ...line, hours: 1, reason: 'Essai' })
      .expect(422);
    expect(stale.body.problems[0]).toMatchObject({ code: 'STALE_VERSION' });
    const noReason = await coordinator
      .post(`/api/bids/${bidId}/allocations/2/overrides`)
      .send({ ...line, hours: 1 })
      .expect(400);
    expect(noReason.body.problems[0]).toMatchObject({ path: 'reason' });
    const tooFine = await coordinator
      .post(`/api/bids/${bidId}/allocations/2/overrides`)
      .send({ ...line, hours: 12.345, reason: 'Essai' })
      .expect(400);
    expect(tooFine.body.problems[0]).toMatchObject({ path: 'hours' });
    expect(tooFine.body.problems[0].message).toMatch(/centième/);
    await editor
      .post(`/api/bids/${bidId}/allocations/2/overrides`)
      .send({ ...line, hours: 1, reason: 'x' })
      .expect(403);
    const versions = (await coordinator.get(`/api/bids/${bidId}/allocations`).expect(200)).body;
    expect(versions).toHaveLength(3);
  });

  it('moves hours from one member to another as one change that keeps every total', async () => {
    type Line = { org: string; lot: number; territory: string; hours: number };
    const v3 = (await coordinator.get(`/api/bids/${bidId}/allocations/3`).expect(200)).body.result;
    // Aubervilliers, lot 1: org-004 (no cap, 300 h offered) takes 20 h from the biggest holder.
    const cell = (line: Line) => line.lot === 1 && line.territory === 'COM:93001';
    const giver = (v3.lines as Line[])
      .filter((line) => cell(line) && line.org !== 'org-004')
      .sort((a, b) => b.hours - a.hours)[0];
    const taker = (v3.lines as Line[]).find((line) => cell(line) && line.org === 'org-004');
    const move = { from: giver?.org, to: 'org-004', lot: 1, territory: 'COM:93001' };
    const created = await coordinator
      .post(`/api/bids/${bidId}/allocations/3/moves`)
      .send({ ...move, hours: 20, reason: 'Reprise du chantier par un voisin' })
      .expect(201);
    expect(created.body).toEqual({ number: 4 });
    const v4 = (await editor.get(`/api/bids/${bidId}/allocations/4`).expect(200)).body;
    expect(v4.override).toMatchObject({
      org: 'org-004',
      hoursBefore: taker?.hours ?? 0,
      hoursAfter: (taker?.hours ?? 0) + 20,
      from: { org: giver?.org, hoursBefore: giver?.hours, hoursAfter: (giver?.hours ?? 0) - 20 },
    });
    // The cell is covered as before and nothing is left uncovered that was not.
    const covered = (result: { lines: Line[] }) =>
      result.lines.filter(cell).reduce((sum, line) => sum + line.hours, 0);
    expect(covered(v4.result)).toBeCloseTo(covered(v3), 6);
    expect(v4.result.uncovered).toEqual(v3.uncovered);

    // More than the giver holds: refused by name, nothing written.
    const refused = await coordinator
      .post(`/api/bids/${bidId}/allocations/4/moves`)
      .send({ ...move, hours: 5000, reason: 'Essai' })
      .expect(422);
    expect(refused.body.message).toMatch(/^Déplacement refusé : .+ n’a que .+ sur Aubervilliers/);
    expect(refused.body.message).not.toMatch(/COM:|org-\d/);
    const zero = await coordinator
      .post(`/api/bids/${bidId}/allocations/4/moves`)
      .send({ ...move, hours: 0, reason: 'Essai' })
      .expect(400);
    expect(zero.body.problems[0]).toMatchObject({ path: 'hours' });
    await editor
      .post(`/api/bids/${bidId}/allocations/4/moves`)
      .send({ ...move, hours: 1, reason: 'Essai' })
      .expect(403);
    const versions = (await coordinator.get(`/api/bids/${bidId}/allocations`).expect(200)).body;
    expect(versions).toHaveLength(4);
  });

  it('lets only the coordinators ask for a run', async () => {
    await editor.post(`/api/bids/${bidId}/allocations`).expect(403);
  });
});
