import { Injectable } from '@nestjs/common';
import { type Actor, type DomainError, DomainErrorCode, isDomainError } from '@cordage/domain';
import { BidLockRepository, BidWorkflowRepository, Transactional } from '@cordage/persistence';
import { BidTransitionService } from './bid-transition.service';
import { bidFacts } from './bid-facts';

/** Steps the worker takes by itself, when a deadline comes. */
export const WORKER_ACTOR: Actor = { userId: null, label: 'worker', requestId: null };

export type CapacityCallClosing =
  | { closed: true }
  /** The job is stale: the call was closed, reopened or moved since it was scheduled. */
  | { closed: false; reason: 'moot' }
  /** The rules are not met: the call stays open, and the coordinators are to be told why. */
  | { closed: false; refusal: DomainError; reference: string; coordinators: string[] };

/** What happens when the capacity call's deadline comes. */
@Injectable()
export class DeadlinesService {
  constructor(
    private readonly bidLock: BidLockRepository,
    private readonly workflow: BidWorkflowRepository,
    private readonly transitions: BidTransitionService,
  ) {}

  /**
   * Closes the capacity call whose deadline this was, if it still is: decided under the bid's lock,
   * so that a deadline moved at the same moment is never closed by the old job.
   */
  @Transactional()
  async closeCapacityCall(bidId: string, deadline: Date): Promise<CapacityCallClosing> {
    // The bid's steps happen one at a time.
    await this.bidLock.lock(bidId);
    const facts = await bidFacts(this.workflow, bidId);
    if (facts.status !== 'COLLECTING' || facts.capacityDeadline?.getTime() !== deadline.getTime()) {
      return { closed: false, reason: 'moot' };
    }
    try {
      await this.transitions.transition(bidId, 'CLOSE_CAPACITY_CALL', WORKER_ACTOR);
      return { closed: true };
    } catch (error) {
      // A refusal is decided before anything is written: the transaction commits nothing.
      if (!isDomainError(error) || error.code !== DomainErrorCode.INVALID_TRANSITION) throw error;
      return {
        closed: false,
        refusal: error,
        reference: facts.reference,
        coordinators: await this.workflow.coordinatorEmails(facts.networkId),
      };
    }
  }
}
