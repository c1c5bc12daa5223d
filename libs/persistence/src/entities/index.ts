import { BidRenewalEntity } from './bid-renewal.entity';
import { BidRevisionEntity } from './bid-revision.entity';
import { BidRevisionMarkEntity } from './bid-revision-mark.entity';
import { ChangeRequestEntity } from './change-request.entity';
import { ChangeRequestVoteEntity } from './change-request-vote.entity';
import { CorrigendumEntity } from './corrigendum.entity';
import { AllocationVoteEntity } from './allocation-vote.entity';
import { CharterAcceptanceEntity } from './charter-acceptance.entity';
import { CharterEntity } from './charter.entity';
import { DeadlineJobRunEntity } from './deadline-job-run.entity';
import { AllocationVersionEntity } from './allocation-version.entity';
import { AuditEventEntity } from './audit-event.entity';
import { BidEntity } from './bid.entity';
import { DocumentEntity } from './document.entity';
import { DriftAlertEntity } from './drift-alert.entity';
import { OrderAssignmentEntity, OrderEntity } from './order.entity';
import { LoginTokenEntity } from './login-token.entity';
import { LotAwardEntity } from './lot-award.entity';
import { LotCellEntity } from './lot-cell.entity';
import { PlannedCellEntity } from './planned-cell.entity';
import { PlannedPeriodEntity } from './planned-period.entity';
import { RealisedFigureEntity } from './realised-figure.entity';
import { RealisedPeriodTotalEntity } from './realised-period-total.entity';
import { ReplanEntity } from './replan.entity';
import { RealisedReminderEntity } from './realised-reminder.entity';
import { RealisedEntryEntity } from './realised-entry.entity';
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
import { SubcontractorCapacityEntity } from './subcontractor-capacity.entity';
import { TenderEntity } from './tender.entity';
import { TerritoryEntity } from './territory.entity';
import { UserEntity } from './user.entity';
import { JobRequestEntity } from './job-request.entity';
import { InvitationLinkEntity } from './invitation-link.entity';
import { RepresentationRequestEntity } from './representation-request.entity';
import { ReportApprovalEntity } from './report-approval.entity';

/** Every entity, for the DataSource; each is also exported by name. */
export const ENTITIES = [
  AllocationVersionEntity,
  AuditEventEntity,
  BidEntity,
  BidRenewalEntity,
  BidRevisionEntity,
  BidRevisionMarkEntity,
  ChangeRequestEntity,
  ChangeRequestVoteEntity,
  CorrigendumEntity,
  DeadlineJobRunEntity,
  CharterEntity,
  CharterAcceptanceEntity,
  AllocationVoteEntity,
  DocumentEntity,
  DriftAlertEntity,
  OrderEntity,
  OrderAssignmentEntity,
  LoginTokenEntity,
  LotAwardEntity,
  LotCellEntity,
  PlannedCellEntity,
  PlannedPeriodEntity,
  RealisedEntryEntity,
  RealisedFigureEntity,
  RealisedPeriodTotalEntity,
  ReplanEntity,
  RealisedReminderEntity,
  ReportApprovalEntity,
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
  SubcontractorCapacityEntity,
  TenderEntity,
  TerritoryEntity,
  UserEntity,
  InvitationLinkEntity,
  JobRequestEntity,
  RepresentationRequestEntity,
];

export * from './allocation-version.entity';
export * from './allocation-vote.entity';
export * from './audit-event.entity';
export * from './bid.entity';
export * from './bid-renewal.entity';
export * from './bid-revision.entity';
export * from './bid-revision-mark.entity';
export * from './change-request.entity';
export * from './corrigendum.entity';
export * from './change-request-vote.entity';
export * from './charter-acceptance.entity';
export * from './charter.entity';
export * from './deadline-job-run.entity';
export * from './document.entity';
export * from './drift-alert.entity';
export * from './order.entity';
export * from './invitation-link.entity';
export * from './job-request.entity';
export * from './login-token.entity';
export * from './lot-award.entity';
export * from './lot-cell.entity';
export * from './lot.entity';
export * from './mail-log.entity';
export * from './member-limit.entity';
export * from './member.entity';
export * from './network-organisation.entity';
export * from './network.entity';
export * from './offer.entity';
export * from './organisation.entity';
export * from './outbox-message.entity';
export * from './outgoing-mail.entity';
export * from './planned-cell.entity';
export * from './planned-period.entity';
export * from './realised-entry.entity';
export * from './realised-figure.entity';
export * from './realised-period-total.entity';
export * from './replan.entity';
export * from './realised-reminder.entity';
export * from './report-approval.entity';
export * from './platform-key.entity';
export * from './representation-request.entity';
export * from './role-assignment.entity';
export * from './session.entity';
export * from './signature-code.entity';
export * from './signature.entity';
export * from './signer-certificate.entity';
export * from './subcontract.entity';
export * from './subcontractor-capacity.entity';
export * from './tender.entity';
export * from './territory.entity';
export * from './user.entity';
