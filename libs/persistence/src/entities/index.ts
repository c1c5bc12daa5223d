import { ChangeRequestEntity } from './change-request.entity';
import { AllocationVoteEntity } from './allocation-vote.entity';
import { CharterAcceptanceEntity } from './charter-acceptance.entity';
import { CharterEntity } from './charter.entity';
import { DeadlineJobRunEntity } from './deadline-job-run.entity';
import { AllocationVersionEntity } from './allocation-version.entity';
import { AuditEventEntity } from './audit-event.entity';
import { BidEntity } from './bid.entity';
import { DocumentEntity } from './document.entity';
import { LoginTokenEntity } from './login-token.entity';
import { LotCellEntity } from './lot-cell.entity';
import { LotEntity } from './lot.entity';
import { MailLogEntity } from './mail-log.entity';
import { MemberLimitEntity } from './member-limit.entity';
import { MemberEntity } from './member.entity';
import { NetworkOrganisationEntity } from './network-organisation.entity';
import { NetworkEntity } from './network.entity';
import { OfferEntity } from './offer.entity';
import { OrganisationEntity } from './organisation.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { OutgoingMailEntity } from './outgoing-mail.entity';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { PlatformKeyEntity } from './platform-key.entity';
import { SignerCertificateEntity } from './signer-certificate.entity';
import { SignatureCodeEntity } from './signature-code.entity';
import { SignatureEntity } from './signature.entity';
import { SessionEntity } from './session.entity';
import { SubcontractEntity } from './subcontract.entity';
import { TenderEntity } from './tender.entity';
import { TerritoryEntity } from './territory.entity';
import { UserEntity } from './user.entity';
import { JobRequestEntity } from './job-request.entity';
import { InvitationLinkEntity } from './invitation-link.entity';
import { RepresentationRequestEntity } from './representation-request.entity';

/** Every entity, for the DataSource; each is also exported by name. */
export const ENTITIES = [
  AllocationVersionEntity,
  AuditEventEntity,
  BidEntity,
  ChangeRequestEntity,
  DeadlineJobRunEntity,
  CharterEntity,
  CharterAcceptanceEntity,
  AllocationVoteEntity,
  DocumentEntity,
  LoginTokenEntity,
  LotCellEntity,
  LotEntity,
  MailLogEntity,
  MemberEntity,
  MemberLimitEntity,
  NetworkEntity,
  NetworkOrganisationEntity,
  OfferEntity,
  OrganisationEntity,
  OutboxMessageEntity,
  OutgoingMailEntity,
  RoleAssignmentEntity,
  SessionEntity,
  PlatformKeyEntity,
  SignerCertificateEntity,
  SignatureCodeEntity,
  SignatureEntity,
  SubcontractEntity,
  TenderEntity,
  TerritoryEntity,
  UserEntity,
  InvitationLinkEntity,
  JobRequestEntity,
  RepresentationRequestEntity,
];

export {
  AllocationVersionEntity,
  AuditEventEntity,
  BidEntity,
  ChangeRequestEntity,
  DeadlineJobRunEntity,
  CharterEntity,
  CharterAcceptanceEntity,
  AllocationVoteEntity,
  DocumentEntity,
  LoginTokenEntity,
  LotCellEntity,
  LotEntity,
  MailLogEntity,
  MemberEntity,
  MemberLimitEntity,
  NetworkEntity,
  NetworkOrganisationEntity,
  OfferEntity,
  OrganisationEntity,
  OutboxMessageEntity,
  OutgoingMailEntity,
  RoleAssignmentEntity,
  SessionEntity,
  PlatformKeyEntity,
  SignerCertificateEntity,
  SignatureCodeEntity,
  SignatureEntity,
  SubcontractEntity,
  TenderEntity,
  TerritoryEntity,
  UserEntity,
  InvitationLinkEntity,
  JobRequestEntity,
  RepresentationRequestEntity,
};
export type { AllocationOverrideRecord, AllocationVersionKind } from './allocation-version.entity';
export type { MemberRole } from './member.entity';
export type { PlatformKeyPurpose } from './platform-key.entity';
export {
  type JobRequestFailure,
  type JobRequestKind,
  type JobRequestParameters,
  type JobRequestResults,
  type JobRequestStatus,
  WAITING_JOB_STATUSES,
} from './job-request.entity';
