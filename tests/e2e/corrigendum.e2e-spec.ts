import { required } from '@cordage/domain';
import { SmtpSink } from '@cordage/testing';
import type { SignedIn } from './support/actors';
import { moveBid } from './support/bid-state';
import { pollJob } from './support/harness';
import {
  exampleBidWithCoordinator,
  memberWithEditor,
  otherNetworkCoordinator,
  systemForTests,
} from './support/system';

jest.setTimeout(180_000);

interface Offer {
  lot: number;
  territory: string;
  hours: number;
  outdated: { corrigendum: number; reason: string } | null;
}

describe('A buyer’s corrigendum (« avis rectificatif ») applied to the bid', () => {
  const smtp = new SmtpSink();
  const system = systemForTests({ smtp });
  let bidId: string;
  let coordinator: SignedIn;
  let outsider: SignedIn;
  let first: { member: { id: string }; editor: SignedIn };
  let second: { member: { id: string }; editor: SignedIn };

  /** Removes the cell Saint-Denis of lot 1 and raises the amount of lot 2. */
  const corrigendum = {
    reason: 'Le collège de Saint-Denis sort du marché ; le lot 2 est réévalué.',
    buyerReference: 'AR-2026-01',
    publishedOn: '2026-12-01',
    changes: [
      { kind: 'CELL_REMOVED', lot: 1, territory: 'COM:93066' },
      { kind: 'LOT_CHANGED', lot: 2, amountCents: 25_000_000 },
    ],
  };

  const offersOf = async (who: { member: { id: string }; editor: SignedIn }) =>
    (await who.editor.get(`/api/bids/${bidId}/members/${who.member.id}/offers`).expect(200)).body
      .items as Offer[];
  const declare = (who: { member: { id: string }; editor: SignedIn }, offers: object[]) =>
    who.editor
      .put(`/api/bids/${bidId}/members/${who.member.id}/offers`)
      .send({ offers })
      .expect(200);
  /** What a refused corrigendum must not have left behind. */
  const written = async () => {
    const [row] = await system.dataSource.query<
      { corrigenda: number; mails: number; audits: number; removed: number; outdated: number }[]
    >(
      `SELECT (SELECT count(*)::int FROM corrigenda WHERE bid_id = $1) AS corrigenda,
              (SELECT count(*)::int FROM outgoing_mails WHERE subject LIKE 'Avis rectificatif%') AS mails,
              (SELECT count(*)::int FROM audit_events
                WHERE bid_id = $1 AND action = 'bid.corrigendum_applied') AS audits,
              (SELECT count(*)::int FROM lot_cells WHERE removed_by_id IS NOT NULL) AS removed,
              (SELECT count(*)::int FROM offers WHERE outdated_by_id IS NOT NULL) AS outdated`,
      [bidId],
    );
    return required(row, 'the counts');
  };

  beforeAll(async () => {
    ({ bidId, coordinator } = await exampleBidWithCoordinator(system));
    outsider = await otherNetworkCoordinator(system);
    first = await memberWithEditor(system, bidId, 'org-001');
    second = await memberWithEditor(system, bidId, 'org-005');
    await moveBid(system.dataSource, bidId, 'COLLECTING');
    // Two members declare on the cell the buyer will remove, and elsewhere.
    await declare(first, [
      { lot: 1, territory: 'COM:93066', hours: 50, preference: 'PRIMARY' },
      { lot: 1, territory: 'COM:93031', hours: 550, preference: 'PRIMARY' },
    ]);
    await declare(second, [
      { lot: 1, territory: 'COM:93066', hours: 350, preference: 'PRIMARY' },
      { lot: 1, territory: 'COM:93001', hours: 500, preference: 'PRIMARY' },
    ]);
    await moveBid(system.dataSource, bidId, 'ALLOCATING');
    const run = await coordinator.post(`/api/bids/${bidId}/allocations`).expect(202);
    expect((await pollJob(coordinator, run.body.jobId)).last.state).toBe('completed');
  });

  it('refuses other networks (404), partners (403) and hostile input, in French, writing nothing', async () => {
    const before = await written();
    const hidden = await outsider
      .post(`/api/bids/${bidId}/corrigenda`)
      .send(corrigendum)
      .expect(404);
    expect(hidden.text).not.toContain(bidId);
    await outsider.get(`/api/bids/${bidId}/corrigenda`).expect(404);
    await first.editor.post(`/api/bids/${bidId}/corrigenda`).send(corrigendum).expect(403);

    const post = (changes: object[]) =>
      coordinator.post(`/api/bids/${bidId}/corrigenda`).send({ ...corrigendum, changes });
    const negative = await post([{ kind: 'LOT_CHANGED', lot: 2, amountCents: -100 }]).expect(400);
    expect(negative.body.problems).toEqual([
      expect.objectContaining({
        path: 'changes[0].amountCents',
        message: 'montant : un montant strictement positif est attendu',
      }),
    ]);
    const overflow = await post([
      { kind: 'CELL_CHANGED', lot: 2 ** 31, territory: 'COM:93031', demandHours: 2 ** 40 },
    ]).expect(400);
    expect(overflow.body.problems.map((problem: { path: string }) => problem.path)).toEqual([
      'changes[0].lot',
      'changes[0].demandHours',
    ]);
    const unknown = await post([
      { kind: 'CELL_REMOVED', lot: 1, territory: 'COM:93066' },
      { kind: 'LOT_CHANGED', lot: 99, title: 'Lot fantôme' },
    ]).expect(422);
    expect(unknown.body).toMatchObject({
      code: 'INVALID_INPUT',
      problems: [
        {
          path: 'changes[1].lot',
          code: 'UNKNOWN_LOT',
          message: 'le lot 99 n’existe pas dans cette consultation',
        },
      ],
    });
    expect(await written()).toEqual(before);
  });

  it('shows what it will outdate before it is applied, writing nothing', async () => {
    const before = await written();
    const preview = (
      await coordinator.post(`/api/bids/${bidId}/corrigenda/preview`).send(corrigendum).expect(200)
    ).body;
    expect(preview.number).toBe(1);
    expect(preview.outdatedVersions).toEqual([1]);
    const onRemovedCell = preview.outdatedOffers.filter(
      (offer: { territory: string }) => offer.territory === 'COM:93066',
    );
    expect(onRemovedCell.map((offer: { memberId: string }) => offer.memberId)).toEqual(
      expect.arrayContaining([first.member.id, second.member.id]),
    );
    expect(preview.summary[0]).toMatch(/^Lot 1 : territoire .* \(COM:93066\) retiré\.$/);
    expect(await written()).toEqual(before);
  });

  it('applies it: declarations flagged, not lost; the version outdated; each member mailed once', async () => {
    const applied = (
      await coordinator.post(`/api/bids/${bidId}/corrigenda`).send(corrigendum).expect(201)
    ).body;
    expect(applied).toMatchObject({ number: 1, outdatedVersions: [1], revise: false });

    // The removed cell's offers stay, each flagged with the corrigendum and why.
    for (const who of [first, second]) {
      const offers = await offersOf(who);
      expect(offers.find((offer) => offer.territory === 'COM:93066')).toMatchObject({
        outdated: { corrigendum: 1, reason: expect.stringMatching(/retiré du lot 1$/) },
      });
      expect(
        offers.find((offer) => offer.lot === 1 && offer.territory !== 'COM:93066'),
      ).toMatchObject({ outdated: null });
    }
    const bid = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body;
    const lot1 = bid.lots.find((lot: { number: number }) => lot.number === 1);
    expect(lot1.cells.map((cell: { territory: string }) => cell.territory)).not.toContain(
      'COM:93066',
    );
    expect(bid.lots.find((lot: { number: number }) => lot.number === 2).amountCents).toBe(
      25_000_000,
    );
    const versions = (await coordinator.get(`/api/bids/${bidId}/allocations`).expect(200)).body;
    expect(versions[0]).toMatchObject({
      number: 1,
      outdatedBy: 1,
      outdatedReason: 'calculée sur la consultation avant l’avis rectificatif n° 1',
    });

    const queued = await system.dataSource.query<{ recipient: string }[]>(
      "SELECT recipient FROM outgoing_mails WHERE subject LIKE 'Avis rectificatif n° 1 :%'",
    );
    const recipients = queued.map((mail) => mail.recipient);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(recipients).toEqual(expect.arrayContaining(['ed@org-001.test', 'ed@org-005.test']));
    const toFirst = await smtp.waitForMail('ed@org-001.test', (mail) =>
      mail.subject.startsWith('Avis rectificatif n° 1'),
    );
    expect(toFirst.text).toContain('COM:93066');
    expect(toFirst.text).toContain('Le collège de Saint-Denis sort du marché');
    expect((await written()).audits).toBe(1);

    // Members read the record; a number that does not exist is a 404.
    const listed = (await first.editor.get(`/api/bids/${bidId}/corrigenda`).expect(200)).body;
    expect(listed).toEqual([
      expect.objectContaining({
        number: 1,
        buyerReference: 'AR-2026-01',
        author: 'coord@reseau.test',
        outdatedVersions: [1],
      }),
    ]);
    await first.editor.get(`/api/bids/${bidId}/corrigenda/1`).expect(200);
    await first.editor.get(`/api/bids/${bidId}/corrigenda/2`).expect(404);
  });

  it('keeps the outdated offer on the removed cell when its member declares again', async () => {
    await moveBid(system.dataSource, bidId, 'COLLECTING');
    await declare(first, [{ lot: 1, territory: 'COM:93031', hours: 600, preference: 'PRIMARY' }]);
    const offers = await offersOf(first);
    expect(
      offers.map(({ territory, hours, outdated }) => ({ territory, hours, outdated: !!outdated })),
    ).toEqual(
      expect.arrayContaining([
        { territory: 'COM:93066', hours: 50, outdated: true },
        { territory: 'COM:93031', hours: 600, outdated: false },
      ]),
    );
    expect(offers).toHaveLength(2);
    // The bid counts only what the member offers on the tender as it is now.
    const bid = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body;
    expect(bid.members.find((one: { id: string }) => one.id === first.member.id)).toMatchObject({
      offerCount: 1,
      offeredHours: 600,
    });
    // The removed cell takes no declaration any more.
    await first.editor
      .put(`/api/bids/${bidId}/members/${first.member.id}/offers`)
      .send({ offers: [{ lot: 1, territory: 'COM:93066', hours: 5, preference: 'PRIMARY' }] })
      .expect(422);
  });

  it('moves the open capacity call: it closes itself at the new deadline', async () => {
    const deadline = new Date(Date.now() + 10 * 24 * 3600_000);
    await system.dataSource.query('UPDATE bids SET capacity_deadline = $2 WHERE id = $1', [
      bidId,
      new Date(Date.now() + 3 * 24 * 3600_000),
    ]);
    const moved = (
      await coordinator
        .post(`/api/bids/${bidId}/corrigenda`)
        .send({
          ...corrigendum,
          changes: [{ kind: 'DEADLINES_MOVED', capacityDeadline: deadline.toISOString() }],
        })
        .expect(201)
    ).body;
    expect(moved).toMatchObject({ number: 2, outdatedOffers: [], outdatedVersions: [] });
    const closings = await system.dataSource.query<{ deadline: string }[]>(
      `SELECT payload ->> 'deadline' AS deadline FROM outbox_messages
        WHERE job_name = 'workflow.close-capacity-call' AND payload ->> 'bidId' = $1`,
      [bidId],
    );
    expect(closings).toEqual([{ deadline: deadline.toISOString() }]);
  });

  it('sends a split under vote back to allocating when the tender changes', async () => {
    await moveBid(system.dataSource, bidId, 'PROPOSED');
    const applied = (
      await coordinator
        .post(`/api/bids/${bidId}/corrigenda`)
        .send({
          ...corrigendum,
          changes: [{ kind: 'CELL_ADDED', lot: 2, territory: 'COM:93001', demandHours: 120 }],
        })
        .expect(201)
    ).body;
    expect(applied).toMatchObject({ number: 3, revise: true });
    const bid = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body;
    expect(bid.status).toBe('ALLOCATING');
    const lot2 = bid.lots.find((lot: { number: number }) => lot.number === 2);
    expect(lot2.cells).toContainEqual(
      expect.objectContaining({ territory: 'COM:93001', demandHours: 120 }),
    );
  });

  it('refuses once signing opened, pointing to a change request', async () => {
    await moveBid(system.dataSource, bidId, 'SIGNING');
    const refused = await coordinator
      .post(`/api/bids/${bidId}/corrigenda`)
      .send({ ...corrigendum, changes: [{ kind: 'LOT_CHANGED', lot: 3, title: 'Nouveau' }] })
      .expect(409);
    expect(refused.body.message).toMatch(/demande de modification/);
    expect((await written()).corrigenda).toBe(3);
  });
});
