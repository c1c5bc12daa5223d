import type { DataSource } from 'typeorm';
import type { BidStatus } from '@cordage/domain';

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
