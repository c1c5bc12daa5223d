import type { Actor } from '@cordage/domain';
import { JobRequestsRepository } from '@cordage/persistence';
import { clearData, refusal, testPersistence } from '@cordage/testing';
import { BidDocumentsService } from '../signing/bid-documents.service';
import { ChangeRequestService } from '../signing/change-request.service';
import {
  FakeSigner,
  type TestBid,
  addSigningRequest,
  agreedBid,
} from '../signing/signed-bid.fixture';
import { SigningService } from '../signing/signing.service';
import { ReplanChangesService } from './replan-changes.service';

const coordinator: Actor = { userId: null, label: 'coordinator@example.org', requestId: null };
const PERIODS = 12;
const FROM = 7;

describe('ReplanChangesService on Postgres', () => {
  const persistence = testPersistence();
  let replanChanges: ReplanChangesService;
  let bid: TestBid;
  let cells: { id: string; territory: string }[];

  const db = () => persistence.dataSource;
  const party = (index: number) => {
    const found = bid.parties[index];
    if (!found) throw new Error(`no party ${index}`);
    return found;
  };
  /** Every planned line of the bid, as text, in key order: what "byte-identical" compares. */
  const plannedLines = async (where: string) =>
    (
      await db().query<{ line: string }[]>(
        `SELECT concat_ws('|', m.key, p.lot_cell_id, p.period_number, p.hundredths,
           p.amount_cents, p.insertion_hours) AS line
         FROM planned_periods p JOIN members m ON m.id = p.member_id
         WHERE p.bid_id = $1 AND ${where} ORDER BY m.key, p.lot_cell_id, p.period_number`,
        [bid.bidId],
      )
    ).map((row) => row.line);

  /** The re-plan's member lines of the remaining periods: org-004 drops out, org-001 to 003 share. */
  const replanLines = () =>
    ['org-001', 'org-002', 'org-003'].flatMap((org, index) =>
      cells.flatMap((cell) =>
        Array.from({ length: PERIODS - FROM + 1 }, (_, k) => ({
          org,
          lot: 1,
          territory: cell.territory,
          period: FROM + k,
          hundredths: 10_000 + 137 * index + k,
          amountCents: 350_001 + 9_999 * index + 3 * k,
          insertionHours: 12 + index,
        })),
      ),
    );

  const addReplan = async (number: number, status: 'DONE' | 'QUEUED') => {
    const lines = [
      ...replanLines(),
      // The uncovered part: nobody's plan, left out of planned_periods.
      {
        org: null,
        lot: 1,
        territory: cells[0]?.territory,
        period: FROM,
        hundredths: 500,
        amountCents: 12_345,
        insertionHours: 0,
      },
    ];
    const result = {
      optima: {},
      lines,
      totals: [{ lot: 1 }],
    };
    await db().query(
      `INSERT INTO replans (id, bid_id, number, from_period, status, result)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)`,
      [bid.bidId, number, FROM, status, status === 'DONE' ? JSON.stringify(result) : null],
    );
  };

  beforeAll(() => {
    replanChanges = persistence.get(ReplanChangesService);
  });

  beforeEach(async () => {
    await clearData(db());
    bid = await agreedBid(persistence.context, db(), 'AWARDED');
    cells = await db().query<{ id: string; territory: string }[]>(
      `SELECT c.id, t.code AS territory FROM lot_cells c JOIN lots l ON l.id = c.lot_id
       JOIN territories t ON t.id = c.territory_id JOIN bids b ON b.tender_id = l.tender_id
       WHERE b.id = $1 AND l.number = 1 ORDER BY t.code LIMIT 2`,
      [bid.bidId],
    );
    // The plan in force: the four parties on lot 1's first two cells, twelve months.
    await db().query(
      `INSERT INTO planned_periods (bid_id, member_id, lot_id, lot_cell_id, period_number,
         hundredths, amount_cents, insertion_hours)
       SELECT $1, m.id, c.lot_id, c.id, p, 8000 + p * 7 + ascii(right(m.key, 1)),
         300000 + p * 11 + ascii(right(m.key, 1)), 10
       FROM members m, lot_cells c, generate_series(1, ${PERIODS}) p
       WHERE m.bid_id = $1 AND m.status = 'SIGNED' AND c.id = ANY($2::uuid[])`,
      [bid.bidId, cells.map((cell) => cell.id)],
    );
    await db().query(
      `INSERT INTO realised_period_totals (bid_id, member_id, lot_id, period_number,
         planned_hundredths, planned_cents, planned_insertion_hours, realised_hours,
         realised_cents, realised_insertion_hours, insertion_people, declared_cells, corrections)
       SELECT bid_id, member_id, lot_id, period_number, sum(hundredths), sum(amount_cents),
         sum(insertion_hours), 1.5, 777, 0, 0, 1, 0
       FROM planned_periods WHERE bid_id = $1
       GROUP BY bid_id, member_id, lot_id, period_number`,
      [bid.bidId],
    );
    await addReplan(1, 'DONE');
  });

  const approveAll = async (changeId: string) => {
    for (const index of [0, 1, 2, 3]) {
      await replanChanges.vote(
        bid.bidId,
        changeId,
        party(index).memberId,
        { choice: 'APPROVE' },
        coordinator,
      );
    }
  };

  /**
   * The worker's part once the vote approved: the amendment rendered (a file stored) and recorded
   * for the rendering request, which freezes it; its id.
   */
  const renderAmendment = async (changeId: string) => {
    const [rendering] = await db().query<{ id: string }[]>(
      `SELECT id FROM job_requests WHERE kind = 'DOCUMENTS'
       AND parameters->>'changeRequestId' = $1`,
      [changeId],
    );
    if (!rendering) throw new Error('no rendering asked');
    const [id] = await persistence.get(BidDocumentsService).record(
      rendering.id,
      [
        {
          kind: 'AMENDMENT',
          subject: 'avenant-1',
          filename: 'avenant-1.pdf',
          mediaType: 'application/pdf',
          sizeBytes: 1000,
          sha256: 'a'.repeat(64),
          storageKey: 'avenant-1',
        },
      ],
      coordinator,
    );
    if (!id) throw new Error('no amendment recorded');
    return id;
  };
  const signAll = async (documentId: string, parties: number[]) => {
    const signer = new FakeSigner();
    for (const index of parties) {
      const requestId = await addSigningRequest(db(), documentId, party(index));
      await persistence.get(SigningService).apply(requestId, signer.sign, coordinator);
    }
  };
  const statusOf = async (id: string) =>
    (
      await db().query<{ status: string }[]>('SELECT status FROM change_requests WHERE id = $1', [
        id,
      ])
    )[0]?.status;

  it('puts a re-plan to the vote, signs its amendment once approved, applies it at the last signature: the months before untouched', async () => {
    const before = await plannedLines('p.period_number < 7');
    const opened = await replanChanges.open(bid.bidId, 1, 'Retard de org-004', coordinator);
    expect([opened.status, opened.reason, opened.memberId, opened.amendmentNumber]).toEqual([
      'OPEN',
      'REPLAN',
      null,
      1,
    ]);
    const declined = (
      await db().query<{ id: string }[]>(
        `SELECT id FROM members WHERE bid_id = $1 AND status = 'DECLINED' LIMIT 1`,
        [bid.bidId],
      )
    )[0];
    if (!declined) throw new Error('no declined member');
    expect(
      await refusal(
        replanChanges.vote(bid.bidId, opened.id, declined.id, { choice: 'APPROVE' }, coordinator),
      ),
    ).toEqual({ code: 'INVALID_INPUT', problems: ['NOT_A_VOTER'] });
    expect(
      await refusal(
        replanChanges.vote(
          bid.bidId,
          opened.id,
          party(0).memberId,
          { choice: 'OBJECT' },
          coordinator,
        ),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT' });

    await approveAll(opened.id);
    const state = await replanChanges.state(bid.bidId, opened.id);
    expect([state.replan, state.decision.outcome, state.votes.length]).toEqual([1, 'APPROVED', 4]);

    // The amendment's terms: org-004 goes from its plan to nothing, the others to the re-plan.
    const terms = await replanChanges.amendmentTerms(bid.bidId, opened.id);
    const [plannedFrom7] = await db().query<{ cents: string }[]>(
      'SELECT sum(amount_cents) AS cents FROM planned_periods WHERE bid_id = $1 AND period_number >= 7',
      [bid.bidId],
    );
    expect(terms.beforeCents).toBe(Number(plannedFrom7?.cents));
    expect(terms.afterCents).toBe(
      replanLines().reduce((total, line) => total + line.amountCents, 0),
    );
    expect(terms.shares.map((share) => share.org)).toEqual([
      'org-001',
      'org-002',
      'org-003',
      'org-004',
    ]);
    expect(terms.shares[3]?.afterCents).toBe(0);
    expect(terms.paragraphs[0]).toContain('à partir de la période 7');
    // Approved: the vote is over, the amendment's rendering asked through the outbox.
    expect(await statusOf(opened.id)).toBe('AMENDMENT_SIGNING');
    const [asked] = await db().query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox_messages o JOIN job_requests r ON r.id = o.id
       WHERE r.parameters->>'changeRequestId' = $1`,
      [opened.id],
    );
    expect(asked?.n).toBe(1);
    // Published, then lost by Redis: the reconciler finds the rendering still to do in Postgres.
    await db().query('UPDATE outbox_messages SET published_at = now()');
    const waiting = await persistence.get(JobRequestsRepository).waitingJobs();
    expect(waiting.map((job) => job.jobName)).toEqual(['documents.render-convention']);
    const planFrom7 = await plannedLines('p.period_number >= 7');
    const amendment = await renderAmendment(opened.id);
    const [frozen] = await db().query<{ frozen: boolean; change: string }[]>(
      'SELECT frozen_at IS NOT NULL AS frozen, change_request_id AS change FROM documents WHERE id = $1',
      [amendment],
    );
    expect(frozen).toEqual({ frozen: true, change: opened.id });
    // Three signatures: nothing applied yet; the fourth closes and applies, in its transaction.
    await signAll(amendment, [0, 1, 2]);
    expect(await statusOf(opened.id)).toBe('AMENDMENT_SIGNING');
    expect(await plannedLines('p.period_number >= 7')).toEqual(planFrom7);
    await signAll(amendment, [3]);
    expect(await statusOf(opened.id)).toBe('CLOSED');
    expect(await plannedLines('p.period_number < 7')).toEqual(before);
    const expected = replanLines()
      .map((line) => {
        const cell = cells.find((candidate) => candidate.territory === line.territory);
        return [
          line.org,
          cell?.id,
          line.period,
          line.hundredths,
          line.amountCents,
          line.insertionHours,
        ].join('|');
      })
      .sort();
    expect((await plannedLines('p.period_number >= 7')).sort()).toEqual(expected);
    // Every plan total is the sum of its lines, to the cent; org-004's remaining months are zero.
    const mismatched = await db().query<unknown[]>(
      `SELECT t.member_id, t.period_number FROM realised_period_totals t
       LEFT JOIN (SELECT member_id, lot_id, period_number, sum(hundredths) AS h,
           sum(amount_cents) AS c, sum(insertion_hours) AS i
         FROM planned_periods WHERE bid_id = $1 GROUP BY member_id, lot_id, period_number) p
         USING (member_id, lot_id, period_number)
       WHERE t.bid_id = $1 AND (t.planned_hundredths <> coalesce(p.h, 0)
         OR t.planned_cents <> coalesce(p.c, 0) OR t.planned_insertion_hours <> coalesce(p.i, 0))`,
      [bid.bidId],
    );
    expect(mismatched).toEqual([]);
    const [kept] = await db().query<{ rows: string; realised: string }[]>(
      `SELECT count(*) AS rows, sum(realised_cents) AS realised FROM realised_period_totals
       WHERE bid_id = $1`,
      [bid.bidId],
    );
    // The realised part is not touched: 4 members x 12 months, 7.77 € each.
    expect([Number(kept?.rows), Number(kept?.realised)]).toEqual([48, 48 * 777]);
    const [change] = await db().query<{ status: string }[]>(
      'SELECT status FROM change_requests WHERE id = $1',
      [opened.id],
    );
    expect(change?.status).toEqual('CLOSED');
    const audit = await db().query<{ action: string }[]>(
      'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq',
      [opened.id],
    );
    expect(audit.map((event) => event.action)).toEqual([
      'change_request.opened',
      ...Array<string>(4).fill('change_request.voted'),
      'change_request.transition',
      'contract.replan_applied',
      'change_request.transition',
    ]);

    // Applied once: neither voted nor opened again.
    expect(
      await refusal(
        replanChanges.vote(
          bid.bidId,
          opened.id,
          party(0).memberId,
          { choice: 'OBJECT', comment: 'trop tard' },
          coordinator,
        ),
      ),
    ).toEqual({ code: 'WORKFLOW_RULE_VIOLATED', problems: ['VOTE_CLOSED'] });
    expect(await refusal(replanChanges.open(bid.bidId, 1, 'encore', coordinator))).toEqual({
      code: 'WORKFLOW_RULE_VIOLATED',
      problems: ['REPLAN_ALREADY_APPLIED'],
    });
    // The next amendment is numbered after this one.
    await addReplan(2, 'DONE');
    const next = await replanChanges.open(bid.bidId, 2, 'Deuxième', coordinator);
    expect(next.amendmentNumber).toEqual(2);
  });

  it('refuses, naming the field: an unknown or unfinished re-plan, a second change under way', async () => {
    expect(await refusal(replanChanges.open(bid.bidId, 9, 'x', coordinator))).toEqual({
      code: 'NOT_FOUND',
      problems: ['NOT_FOUND'],
    });
    await addReplan(2, 'QUEUED');
    expect(await refusal(replanChanges.open(bid.bidId, 2, 'x', coordinator))).toEqual({
      code: 'WORKFLOW_RULE_VIOLATED',
      problems: ['REPLAN_NOT_DONE'],
    });
    const opened = await replanChanges.open(bid.bidId, 1, 'x', coordinator);
    expect(await refusal(replanChanges.open(bid.bidId, 1, 'x', coordinator))).toEqual({
      code: 'WORKFLOW_RULE_VIOLATED',
      problems: ['CHANGE_ALREADY_OPEN'],
    });
    const changes = persistence.get(ChangeRequestService);
    // A member's departure waits too; the member-change steps do not apply to a re-plan.
    expect(
      await refusal(
        changes.open(
          bid.bidId,
          {
            memberId: party(1).memberId,
            reason: 'RESTRUCTURING',
            justification: 'Fusion avec une autre structure.',
          },
          coordinator,
        ),
      ),
    ).toEqual({ code: 'WORKFLOW_RULE_VIOLATED', problems: ['CHANGE_ALREADY_OPEN'] });
    expect(
      await refusal(changes.transition(bid.bidId, opened.id, 'REALLOCATE', coordinator, {})),
    ).toEqual({ code: 'WORKFLOW_RULE_VIOLATED', problems: ['REPLAN_CHANGE'] });
    expect(
      await refusal(
        replanChanges.vote(
          bid.bidId,
          'not-a-uuid',
          party(0).memberId,
          { choice: 'APPROVE' },
          coordinator,
        ),
      ),
    ).toEqual({ code: 'NOT_FOUND', problems: ['NOT_FOUND'] });

    // Rejected: the plan in force stays, the re-plan may be put to the vote again.
    const before = await plannedLines('true');
    await changes.transition(bid.bidId, opened.id, 'REJECT', coordinator);
    expect(await plannedLines('true')).toEqual(before);
    const again = await replanChanges.open(bid.bidId, 1, 'à nouveau', coordinator);
    expect(again.amendmentNumber).toEqual(1);
  });
});
