import { Injectable } from '@nestjs/common';
import {
  DomainError,
  DomainErrorCode,
  procurementTimeZone,
  splitSummary,
  splitVersionStatus,
} from '@cordage/domain';
import { renderSplitSummaryPdf } from '@cordage/documents';
import {
  AllocationsRepository,
  BidReadRepository,
  BidWorkflowRepository,
} from '@cordage/persistence';

/**
 * The one-page summary of a version's split, for the members' boards, rendered when asked. A
 * view, not a record: nothing is stored, numbered or signed, so it needs no job (the convention,
 * which is all three, goes through the worker); it reads the version, which never changes, and
 * the version's standing (put to the vote, approved) as it is now.
 */
@Injectable()
export class SplitSummaryService {
  constructor(
    private readonly bids: BidReadRepository,
    private readonly allocations: AllocationsRepository,
    private readonly workflow: BidWorkflowRepository,
  ) {}

  async render(
    bidId: string,
    number: number,
    now = new Date(),
  ): Promise<{ filename: string; content: Buffer }> {
    const [bid, version, facts] = await Promise.all([
      this.bids.findBid(bidId),
      this.allocations.find(bidId, number),
      this.workflow.findFacts(bidId),
    ]);
    if (!bid || !facts)
      throw new DomainError(DomainErrorCode.NOT_FOUND, 'Candidature introuvable.');
    if (!version)
      throw new DomainError(DomainErrorCode.NOT_FOUND, `Version ${number} introuvable.`);
    const summary = splitSummary({
      versionNumber: number,
      status: splitVersionStatus(version.id, facts),
      result: version.result,
      lots: bid.lots,
      names: new Map(bid.members.map((member) => [member.key, member.organisation.legalName])),
    });
    const content = await renderSplitSummaryPdf(summary, {
      tender: bid.tender,
      generatedAt: now.toISOString(),
      timeZone: procurementTimeZone(bid.tender.buyer.idScheme),
    });
    const reference = bid.tender.reference.replace(/[^A-Za-z0-9_-]+/g, '-');
    return { filename: `${reference}-repartition-v${number}.pdf`, content };
  }
}
