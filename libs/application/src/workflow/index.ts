import { BidCharterService } from './bid-charter.service';
import { BidTransitionService } from './bid-transition.service';
import { CharterService } from './charter.service';
import { DeadlinesService } from './deadlines.service';
import { MemberRemindersService } from './member-reminders.service';
import { RemindersService } from './reminders.service';
import { VoteCounter } from './vote-counter';
import { VoteService } from './vote.service';
import { WorkflowNotifier } from './workflow-notifier';
import { WorkflowOverviewService } from './workflow-overview.service';

export {
  BidCharterService,
  BidTransitionService,
  CharterService,
  DeadlinesService,
  MemberRemindersService,
  RemindersService,
  VoteCounter,
  VoteService,
  WorkflowNotifier,
  WorkflowOverviewService,
};
export type { TransitionInput } from './bid-transition.service';
export { type CapacityCallClosing, WORKER_ACTOR } from './deadlines.service';
export type { DueReminders } from './reminders.service';
export type { MemberReminded } from './member-reminders.service';
export type { VoteState } from './vote-counter';

/** The bid's workflow: transitions, votes, deadlines and reminders, the charter. */
export const WORKFLOW_USE_CASES = [
  BidCharterService,
  BidTransitionService,
  CharterService,
  DeadlinesService,
  MemberRemindersService,
  RemindersService,
  VoteCounter,
  VoteService,
  WorkflowNotifier,
  WorkflowOverviewService,
];
