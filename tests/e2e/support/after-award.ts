import { type SignedIn, signIn } from './actors';
import { moveBid } from './bid-state';
import { pollJob } from './harness';
import { type System, exampleBidWithCoordinator, memberByKey } from './system';

/** A line of the bid's planned-against-realised comparison (GET /api/bids/:bidId/realised). */
export interface ComparisonLine {
  member: string;
  lot: number;
  territory: string;
  period: number;
  plannedCents: number;
  plannedHundredths: number;
  plannedInsertionHours: number;
  realisedCents: number | null;
  gapCents: number;
  cumulativePlannedCents: number;
  cumulativeRealisedCents: number;
  cumulativeGapCents: number;
  corrections: number;
}

/** The tables an after-award write may touch: a refused one leaves their counts as they were. */
export const AFTER_AWARD_TABLES = [
  'audit_events',
  'orders',
  'order_assignments',
  'realised_entries',
  'bids',
  'replans',
  'lot_awards',
  'planned_periods',
] as const;

/** The example bid's award, on `awardedOn`: lots 1, 2 and 4 won, lot 3 lost. */
export function exampleAward(awardedOn: string) {
  return {
    awardedOn,
    lots: [
      { lot: 1, outcome: 'WON', awardedCents: 23_718_599 },
      { lot: 2, outcome: 'WON', awardedCents: 25_000_001 },
      { lot: 3, outcome: 'LOST' },
      { lot: 4, outcome: 'WON', awardedCents: 44_000_000 },
    ],
  };
}

/** The first day of the month `months` before this one, on the UTC calendar (YYYY-MM-DD). */
export function monthsAgo(months: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1))
    .toISOString()
    .slice(0, 10);
}

/**
 * The example bid submitted on its allocation's version 1 (the allocation is not the subject of
 * the after-award files: computed, then taken as signed), and its coordinator signed in.
 */
export async function submittedExampleBid(
  system: System,
  names?: { network?: string; coordinatorEmail?: string },
): Promise<{ networkId: string; bidId: string; coordinator: SignedIn }> {
  const found = await exampleBidWithCoordinator(system, names);
  const { bidId, coordinator } = found;
  await moveBid(system.dataSource, bidId, 'ALLOCATING');
  const run = await coordinator.post(`/api/bids/${bidId}/allocations`).expect(202);
  expect((await pollJob(coordinator, run.body.jobId)).last.state).toBe('completed');
  await moveBid(system.dataSource, bidId, 'SUBMITTED', 1);
  return found;
}

/** The same, then awarded (the buyer's answer, the AWARD step): ready for `POST /award`. */
export async function awardedExampleBid(
  system: System,
  names?: { network?: string; coordinatorEmail?: string },
): Promise<{ networkId: string; bidId: string; coordinator: SignedIn }> {
  const found = await submittedExampleBid(system, names);
  await found.coordinator
    .post(`/api/bids/${found.bidId}/workflow/transitions`)
    .send({ event: 'AWARD' })
    .expect(200);
  return found;
}

/** The example award recorded seven months ago (`exampleAward`): lots 1, 2 and 4 won. */
export async function recordExampleAward(coordinator: SignedIn, bidId: string): Promise<void> {
  await coordinator
    .post(`/api/bids/${bidId}/award`)
    .send(exampleAward(monthsAgo(7)))
    .expect(204);
}

/** The contracts of `lots` under way for 12 months from six months ago. */
export async function startContracts(
  coordinator: SignedIn,
  bidId: string,
  lots: readonly number[],
): Promise<void> {
  for (const lot of lots) {
    await coordinator
      .post(`/api/bids/${bidId}/award/contracts`)
      .send({ lot, startOn: monthsAgo(6), durationMonths: 12 })
      .expect(200);
  }
}

/**
 * The same, then the award recorded seven months ago (lots 1, 2 and 4 won) and lot 1's contract
 * (or those of `lots`) under way for 12 months from six months ago; with lot 1's
 * planned-against-realised lines.
 */
export async function contractUnderWay(
  system: System,
  names?: { network?: string; coordinatorEmail?: string },
  lots: readonly number[] = [1],
): Promise<{ networkId: string; bidId: string; coordinator: SignedIn; lot1: ComparisonLine[] }> {
  const found = await awardedExampleBid(system, names);
  const { bidId, coordinator } = found;
  await recordExampleAward(coordinator, bidId);
  await startContracts(coordinator, bidId, lots);
  const lot1 = (await coordinator.get(`/api/bids/${bidId}/realised?lot=1`).expect(200)).body
    .lines as ComparisonLine[];
  return { ...found, lot1 };
}

/** The sum of some figures. */
export const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/**
 * The member under `key` (org-001...) of the bid `bidId()` gives and its editor,
 * editeur@<key>.test, signed in once and kept for the next calls.
 */
export function memberEditors(
  system: System,
  bidId: () => string,
): (key: string) => Promise<{ memberId: string; editor: SignedIn }> {
  const editors = new Map<string, { memberId: string; editor: SignedIn }>();
  return async (key) => {
    let found = editors.get(key);
    if (!found) {
      const member = await memberByKey(system.dataSource, bidId(), key);
      found = {
        memberId: member.id,
        editor: await signIn(system.api, system.dataSource, `editeur@${key}.test`, [
          { role: 'EDITOR', organisationId: member.organisationId },
        ]),
      };
      editors.set(key, found);
    }
    return found;
  };
}
