import { Injectable } from '@nestjs/common';
import { type Actor, DomainError, DomainErrorCode } from '@cordage/domain';
import { BidWorkflowRepository } from '@cordage/persistence';
import { CharterService } from './charter.service';
import { bidFacts } from './bid-facts';

/** The network's charter as one bid's members see it: who accepted which version. */
@Injectable()
export class BidCharterService {
  constructor(
    private readonly workflow: BidWorkflowRepository,
    private readonly charters: CharterService,
  ) {}

  async standing(bidId: string) {
    const facts = await bidFacts(this.workflow, bidId);
    const { current, accepted } = await this.charters.standing(
      facts.networkId,
      facts.members.map((member) => member.organisationId),
    );
    return {
      charter: current && { version: current.version, title: current.title, text: current.text },
      members: facts.members.map((member) => ({
        memberId: member.id,
        memberKey: member.key,
        acceptedVersion: accepted.get(member.organisationId) ?? null,
      })),
    };
  }

  /** The member's organisation accepts the version in force. */
  async accept(bidId: string, memberId: string, version: number, actor: Actor): Promise<void> {
    const facts = await bidFacts(this.workflow, bidId);
    const member = facts.members.find((candidate) => candidate.id === memberId);
    if (!member) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Membre introuvable.');
    await this.charters.accept(facts.networkId, member.organisationId, version, actor, bidId);
  }
}
