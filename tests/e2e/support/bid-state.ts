import type { DataSource } from 'typeorm';
import type { BidStatus } from '@cordage/domain';
import type { SignedIn } from './actors';
import { pollJob } from './harness';

/**
 * Puts a bid where a test needs it, straight in the database: for tests whose subject is not the
 * workflow (the allocation, the documents, the signatures). workflow.e2e-spec walks the real steps.
 */
export async function moveBid(
  dataSource: DataSource,
  bidId: string,
  status: BidStatus,
  agreedVersion?: number,
): Promise<void> {
  await dataSource.query(
    `UPDATE bids SET status = $2, agreed_version_id =
       (SELECT id FROM allocation_versions WHERE bid_id = $1 AND number = $3)
     WHERE id = $1`,
    [bidId, status, agreedVersion ?? null],
  );
}

/**
 * The bid's allocation computed (version 1) and proposed to its members, its uncovered cells
 * acknowledged: where the members' votes start.
 */
export async function proposeFirstAllocation(
  dataSource: DataSource,
  coordinator: SignedIn,
  bidId: string,
): Promise<void> {
  await moveBid(dataSource, bidId, 'ALLOCATING');
  const run = await coordinator.post(`/api/bids/${bidId}/allocations`).expect(202);
  expect((await pollJob(coordinator, run.body.jobId)).last.state).toBe('completed');
  await coordinator
    .post(`/api/bids/${bidId}/workflow/transitions`)
    .send({ event: 'PROPOSE', allocationVersion: 1, acknowledgeUncovered: true })
    .expect(200);
}
