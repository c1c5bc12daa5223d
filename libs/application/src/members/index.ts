import { AccessService } from './access.service';
import { BidQueries } from './bid-queries.service';
import { BidSettingsService } from './bid-settings.service';
import { DemoMailboxQueries } from './demo-mailbox.service';
import { InvitationsService } from './invitations.service';
import { MembershipService } from './membership.service';
import { OrganisationParticularsService } from './organisation-particulars.service';
import { RepresentationRequestsService } from './representation-requests.service';
import { SignInService } from './sign-in.service';
import { SubcontractingService } from './subcontracting.service';
import { TerritoriesService } from './territories.service';

export * from './access.service';
export * from './bid-queries.service';
export * from './bid-settings.service';
export * from './demo-mailbox.service';
export * from './invitations.service';
export * from './membership.service';
export * from './organisation-particulars.service';
export * from './representation-requests.service';
export * from './sign-in.service';
export * from './subcontracting.service';
export * from './territories.service';

/** Members, invitations, representations, access and sign-in, bids read and set, territories. */
export const MEMBERS_USE_CASES = [
  AccessService,
  BidQueries,
  BidSettingsService,
  DemoMailboxQueries,
  InvitationsService,
  MembershipService,
  OrganisationParticularsService,
  RepresentationRequestsService,
  SignInService,
  SubcontractingService,
  TerritoriesService,
];
