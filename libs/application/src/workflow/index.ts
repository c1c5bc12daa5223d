import { CharterService } from './charter.service';

export { CharterService };

/** The bid's workflow: transitions, votes, deadlines and reminders, the charter. */
export const WORKFLOW_USE_CASES = [CharterService];
