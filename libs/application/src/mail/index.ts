import { MailOutbox } from './mail-outbox.service';

export { MailOutbox };
export type { OutgoingMail, OutgoingMailOptions } from './mail-outbox.service';

/** Mail, queued in the use case's transaction and sent by the worker. */
export const MAIL_USE_CASES = [MailOutbox];
