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

function particularsOf(organisation: OrganisationEntity): OrganisationParticulars {
  return {
    legalForm: organisation.legalForm,
    registeredAddress: organisation.registeredAddress,
    approvalNumber: organisation.approvalNumber,
    approvalAuthority: organisation.approvalAuthority,
    representativeCapacity: organisation.representativeCapacity,
  };
}

/**
 * An organisation's particulars (legal form, address, approval, capacity), entered once through
 * any of its bids and printed by all of them. Who may read or change them is the access guard's
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
    return this.view(member.organisation);
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
    const before = await this.members.findWithOrganisation(bidId, memberId);
    if (!before) throw memberNotFound();
    await this.members.setParticulars(member.organisationId, particulars);
    await this.audit.append(actor, {
      action: 'organisation.particulars_set',
      entityType: 'organisation',
      entityId: member.organisationId,
      bidId,
      before: { ...particularsOf(before.organisation) },
      after: { ...particulars },
    });
    return this.view({ ...before.organisation, ...particulars });
  }

  private view(organisation: OrganisationEntity): MemberParticulars {
    return {
      organisationId: organisation.id,
      kind: organisation.kind,
      ...particularsOf(organisation),
      approvalName: APPROVAL_NAMES[organisation.kind],
      approvalAuthorityHint: APPROVAL_AUTHORITY_HINTS[organisation.kind],
    };
  }
}
