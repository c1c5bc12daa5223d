import { BidCharterService } from './bid-charter.service';
import { BidTransitionService } from './bid-transition.service';
import { CharterService } from './charter.service';
import { CorrigendumService } from './corrigendum.service';
import { DeadlinesService } from './deadlines.service';
import { MemberRemindersService } from './member-reminders.service';
import { RemindersService } from './reminders.service';
import { VoteCounter } from './vote-counter';
import { VoteService } from './vote.service';
import { WorkflowNotifier } from './workflow-notifier';
import { WorkflowOverviewService } from './workflow-overview.service';

export * from './bid-charter.service';
export * from './bid-transition.service';
export * from './charter.service';
export * from './corrigendum.service';
export * from './deadlines.service';
export * from './member-reminders.service';
export * from './reminders.service';
export * from './vote-counter';
export * from './vote.service';
export * from './workflow-notifier';
export * from './workflow-overview.service';

/** The bid's workflow: transitions, votes, deadlines and reminders, the charter. */
export const WORKFLOW_USE_CASES = [
  BidCharterService,
  BidTransitionService,
  CharterService,
  CorrigendumService,
  DeadlinesService,
  MemberRemindersService,
  RemindersService,
  VoteCounter,
  VoteService,
  WorkflowNotifier,
  WorkflowOverviewService,
];
