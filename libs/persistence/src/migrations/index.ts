// Migrations in order. Listed explicitly so that every runtime (ts source, compiled, bundled)
// finds the same ones. Generate with `npm run migration:generate -- libs/persistence/src/migrations/Name`.
import { Initial1795337603440 } from './1795337603440-Initial';
import { IdentityAccessAudit1795339896096 } from './1795339896096-IdentityAccessAudit';
import { AllocationVersions1795341846496 } from './1795341846496-AllocationVersions';
import { Documents1795692614833 } from './1795692614833-Documents';
import { Signatures1795693886057 } from './1795693886057-Signatures';
import { Workflow1795695171157 } from './1795695171157-Workflow';
import { ChangeRequests1795695860034 } from './1795695860034-ChangeRequests';
import { TerritorySearchName1795700228706 } from './1795700228706-TerritorySearchName';
import { InvitationsRepresentation1796402739080 } from './1796402739080-InvitationsRepresentation';
import { RecoverableJobs1796402744590 } from './1796402744590-RecoverableJobs';
import { JobRequests1796457439876 } from './1796457439876-JobRequests';
import { OutgoingMails1796457678535 } from './1796457678535-OutgoingMails';
import { DropReminderDeliveries1796460000000 } from './1796460000000-DropReminderDeliveries';
import { ConventionSettingsDefaults1796470000000 } from './1796470000000-ConventionSettingsDefaults';
import { OrganisationParticulars1796480000000 } from './1796480000000-OrganisationParticulars';
import { UncoveredInsertionHours1796490000000 } from './1796490000000-UncoveredInsertionHours';
import { AccessReadIndexes1796510767504 } from './1796510767504-AccessReadIndexes';
import { ContractAward1796525753859 } from './1796525753859-ContractAward';
import { ContractPeriods1796526136197 } from './1796526136197-ContractPeriods';
import { RealisedEntries1796526533869 } from './1796526533869-RealisedEntries';
import { DriftAlerts1796527745756 } from './1796527745756-DriftAlerts';
import { MemberLastReminded1796530000000 } from './1796530000000-MemberLastReminded';
import { RealisedFigures1796530500000 } from './1796530500000-RealisedFigures';
import { Replans1796588637815 } from './1796588637815-Replans';
import { AmendmentChangeRequest1796599195728 } from './1796599195728-AmendmentChangeRequest';
import { ReplanChangeRequests1796591038004 } from './1796591038004-ReplanChangeRequests';
import { Corrigenda1796599242572 } from './1796599242572-Corrigenda';
import { ContractReports1796588261897 } from './1796588261897-ContractReports';
import { NetworkDirectory1796588566883 } from './1796588566883-NetworkDirectory';
import { TendersPerConsortium1796601072651 } from './1796601072651-TendersPerConsortium';
import { DriftMeasures1796610794398 } from './1796610794398-DriftMeasures';
import { Subcontractors1796611029107 } from './1796611029107-Subcontractors';
import { OffersEnteredBy1796611128172 } from './1796611128172-OffersEnteredBy';
import { CompositionCoverage1796611207035 } from './1796611207035-CompositionCoverage';
import { Orders1796611695464 } from './1796611695464-Orders';
import { SharedOrganisationSeat1796616246396 } from './1796616246396-SharedOrganisationSeat';
import { NetworkOrganisationDetails1796641015715 } from './1796641015715-NetworkOrganisationDetails';
import { BidRenewals1796641360023 } from './1796641360023-BidRenewals';
import { BidRevisions1796663153294 } from './1796663153294-BidRevisions';
import { RealisedWriteKeys1796666090952 } from './1796666090952-RealisedWriteKeys';

export const MIGRATIONS = [
  Initial1795337603440,
  IdentityAccessAudit1795339896096,
  AllocationVersions1795341846496,
  Documents1795692614833,
  Signatures1795693886057,
  Workflow1795695171157,
  ChangeRequests1795695860034,
  TerritorySearchName1795700228706,
  InvitationsRepresentation1796402739080,
  RecoverableJobs1796402744590,
  JobRequests1796457439876,
  OutgoingMails1796457678535,
  DropReminderDeliveries1796460000000,
  ConventionSettingsDefaults1796470000000,
  OrganisationParticulars1796480000000,
  UncoveredInsertionHours1796490000000,
  AccessReadIndexes1796510767504,
  ContractAward1796525753859,
  ContractPeriods1796526136197,
  RealisedEntries1796526533869,
  DriftAlerts1796527745756,
  MemberLastReminded1796530000000,
  RealisedFigures1796530500000,
  Replans1796588637815,
  ContractReports1796588261897,
  NetworkDirectory1796588566883,
  ReplanChangeRequests1796591038004,
  AmendmentChangeRequest1796599195728,
  Corrigenda1796599242572,
  TendersPerConsortium1796601072651,
  DriftMeasures1796610794398,
  Subcontractors1796611029107,
  OffersEnteredBy1796611128172,
  CompositionCoverage1796611207035,
  Orders1796611695464,
  SharedOrganisationSeat1796616246396,
  NetworkOrganisationDetails1796641015715,
  BidRenewals1796641360023,
  BidRevisions1796663153294,
  RealisedWriteKeys1796666090952,
];
