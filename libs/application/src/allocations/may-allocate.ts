import { assertBidAllows } from '@cordage/domain';
import type { BidWorkflowRepository, ChangeRequestsRepository } from '@cordage/persistence';
import { bidStatus } from '../workflow/bid-facts';

/** While allocating, or after the signature while a change request shares the work again. */
export async function assertMayAllocate(
  bidId: string,
  workflow: BidWorkflowRepository,
  changeRequests: ChangeRequestsRepository,
): Promise<void> {
  const [bid, change] = await Promise.all([
    bidStatus(workflow, bidId),
    changeRequests.active(bidId),
  ]);
  assertBidAllows('ALLOCATE', bid.status, change?.status ?? null);
}
