import { type BidStatus, DomainError, DomainErrorCode } from '@cordage/domain';
import type { BidWorkflowFacts, BidWorkflowRepository } from '@cordage/persistence';

/** A bid the use case was asked about and that does not exist: a 404 at the edge. */
export const bidNotFound = (): DomainError =>
  new DomainError(DomainErrorCode.NOT_FOUND, 'Candidature introuvable.');

/** The bid's workflow facts; a missing bid is refused as NOT_FOUND. */
export async function bidFacts(
  workflow: BidWorkflowRepository,
  bidId: string,
): Promise<BidWorkflowFacts> {
  const facts = await workflow.findFacts(bidId);
  if (!facts) throw bidNotFound();
  return facts;
}

/** The bid's status and agreed version (what the gates look at); a missing bid is NOT_FOUND. */
export async function bidStatus(
  workflow: BidWorkflowRepository,
  bidId: string,
): Promise<{ status: BidStatus; agreedVersionId: string | null }> {
  const status = await workflow.findStatus(bidId);
  if (!status) throw bidNotFound();
  return status;
}
