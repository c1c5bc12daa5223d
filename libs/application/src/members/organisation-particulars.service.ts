import { Injectable } from '@nestjs/common';
import {
  type Actor,
  APPROVAL_AUTHORITY_HINTS,
  APPROVAL_NAMES,
  DomainError,
  DomainErrorCode,
  type OrganisationKind,
  type OrganisationParticulars,
} from '@cordage/domain';
import { MembersRepository, type OrganisationEntity, Transactional } from '@cordage/persistence';
import { AuditTrail } from '../audit';

/** A member's particulars as its page shows them, with what its kind of approval is called. */
export interface MemberParticulars extends OrganisationParticulars {
  organisationId: string;
  kind: OrganisationKind;
  /** The approval its kind needs ("conventionnement d’insertion…"), or null if none. */
  approvalName: string | null;
  approvalAuthorityHint: string | null;
}

const memberNotFound = () => new DomainError(DomainErrorCode.NOT_FOUND, 'Membre introuvable.');

/**
 * An organisation's particulars (legal form, address, approval, capacity), entered once through
 * any bid of a network and printed by all the bids of that network, never by another network's
 * (issue 17: they are the network's own entry of the organisation). Who may read or change them is the access guard's
 * decision; the member is looked for in the bid named, so another bid's member is not found.
 */
@Injectable()
export class OrganisationParticularsService {
  constructor(
    private readonly members: MembersRepository,
    private readonly audit: AuditTrail,
  ) {}

  @Transactional()
  async read(bidId: string, memberId: string): Promise<MemberParticulars> {
    const member = await this.members.findWithOrganisation(bidId, memberId);
    if (!member) throw memberNotFound();
    const networkId = await this.networkOf(bidId);
    return this.view(
      member.organisation,
      await this.members.particulars(networkId, member.organisationId),
    );
  }

  @Transactional()
  async replace(
    bidId: string,
    memberId: string,
    particulars: OrganisationParticulars,
    actor: Actor,
  ): Promise<MemberParticulars> {
    const member = await this.members.lock(bidId, memberId);
    if (!member) throw memberNotFound();
    await this.members.lockOrganisation(member.organisationId);
    const found = await this.members.findWithOrganisation(bidId, memberId);
    if (!found) throw memberNotFound();
    const networkId = await this.networkOf(bidId);
    const before = await this.members.particulars(networkId, member.organisationId);
    await this.members.setParticulars(networkId, member.organisationId, particulars);
    await this.audit.append(actor, {
      action: 'organisation.particulars_set',
      entityType: 'organisation',
      entityId: member.organisationId,
      bidId,
      before: { ...before },
      after: { ...particulars },
    });
    return this.view(found.organisation, particulars);
  }

  private async networkOf(bidId: string): Promise<string> {
    const bid = await this.members.bidState(bidId);
    if (!bid) throw memberNotFound();
    return bid.networkId;
  }

  private view(
    organisation: OrganisationEntity,
    particulars: OrganisationParticulars,
  ): MemberParticulars {
    return {
      organisationId: organisation.id,
      kind: organisation.kind,
      ...particulars,
      approvalName: APPROVAL_NAMES[organisation.kind],
      approvalAuthorityHint: APPROVAL_AUTHORITY_HINTS[organisation.kind],
    };
  }
}
