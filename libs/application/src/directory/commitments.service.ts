import { Injectable } from '@nestjs/common';
import {
  type BidCommitment,
  type CommitmentAssessment,
  type CommitmentWarning,
  type DirectoryLimits,
  assessCommitments,
  declarationWarnings,
} from '@cordage/domain';
import { type CommitmentRow, DirectoryRepository, Transactional } from '@cordage/persistence';

export interface OverCommitment {
  organisationId: string;
  idScheme: string;
  idValue: string;
  legalName: string;
  limits: DirectoryLimits;
  assessment: CommitmentAssessment;
}

export function bidCommitment(row: CommitmentRow): BidCommitment {
  return {
    bidId: row.bidId,
    reference: row.reference,
    title: row.title,
    declared: {
      HOURS: row.declaredHours,
      REVENUE: row.declaredRevenueCents,
      INSERTION_HOURS: row.declaredInsertionHours,
    },
    allocated: row.allocated
      ? {
          HOURS: row.allocatedHours,
          REVENUE: row.allocatedRevenueCents,
          INSERTION_HOURS: row.allocatedInsertionHours,
        }
      : null,
  };
}

const hasLimits = (limits: DirectoryLimits) =>
  limits.maxHours !== null || limits.maxRevenueCents !== null || limits.maxInsertionHours !== null;

/**
 * Commitments across a network's open bids, against the limits each organisation declared in
 * that network's directory (never another network's bids).
 */
@Injectable()
export class CommitmentsService {
  constructor(private readonly directory: DirectoryRepository) {}

  /** The organisations of the network whose declared or allocated totals go beyond their limits. */
  @Transactional()
  async overCommitments(networkId: string): Promise<OverCommitment[]> {
    const organisations = await this.directory.withLimits(networkId);
    const rows = await this.directory.commitments(
      networkId,
      organisations.map((organisation) => organisation.organisationId),
    );
    return organisations
      .map((organisation) => ({
        organisationId: organisation.organisationId,
        idScheme: organisation.idScheme,
        idValue: organisation.idValue,
        legalName: organisation.legalName,
        limits: organisation.details.limits,
        assessment: assessCommitments(
          organisation.details.limits,
          rows
            .filter((row) => row.organisationId === organisation.organisationId)
            .map(bidCommitment),
        ),
      }))
      .filter((organisation) => organisation.assessment.overages.length > 0);
  }

  /**
   * The warnings a declaration in `bidId` earns for the organisation, in the bid's network;
   * none when its directory entry declares no limit. Inside the caller's unit of work.
   */
  async declarationWarnings(
    networkId: string,
    organisationId: string,
    bidId: string,
  ): Promise<CommitmentWarning[]> {
    const entry = await this.directory.find(networkId, organisationId);
    if (!entry || !hasLimits(entry.details.limits)) return [];
    const rows = await this.directory.commitments(networkId, [organisationId]);
    return declarationWarnings(entry.details.limits, rows.map(bidCommitment), bidId);
  }
}
