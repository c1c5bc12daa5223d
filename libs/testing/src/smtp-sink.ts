import PostalMime from 'postal-mime';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * How long a mail may take: written by the api, relayed to Redis, sent by a worker, on a loaded
 * machine where this takes many times what it takes on an idle one.
 */
export const MAIL_WAIT_MS = 20_000;

const TOKEN = /[?&]token=([A-Za-z0-9_-]+)/;
const CODE = /^\s+(\d{6})$/m;

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/**
 * A real SMTP server in the test process: the app sends through nodemailer as in production, and
 * the test reads what really arrived.
 */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  /** The mails whose token or code a test has taken. */
  private readonly read = new WeakSet<ReceivedMail>();
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        PostalMime.parse(Buffer.concat(chunks))
          .then((mail) => {
            const to = session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase());
            this.mails.push({ to, subject: mail.subject ?? '', text: mail.text ?? '' });
            callback();
          })
          .catch(callback);
      });
    },
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.includes(address.toLowerCase()));
  }

  /**
   * The latest mail to `address` that satisfies `predicate`, once one has arrived: mail leaves
   * through the outbox, so it arrives after the request that asked for it has answered.
   */
  async waitForMail(
    address: string,
    predicate: (mail: ReceivedMail) => boolean = () => true,
    timeoutMs = MAIL_WAIT_MS,
  ): Promise<ReceivedMail> {
    const found = await this.waitFor(() => this.to(address).findLast(predicate), timeoutMs);
    if (!found) throw new Error(`no awaited mail reached ${address} within ${timeoutMs} ms`);
    return found;
  }

  /** The mails to `address` once there are at least `count` of them. */
  async waitForMails(address: string, count: number, timeoutMs = MAIL_WAIT_MS) {
    const mails = await this.waitFor(() => {
      const received = this.to(address);
      return received.length >= count ? received : undefined;
    }, timeoutMs);
    if (!mails) {
      throw new Error(
        `${this.to(address).length} of ${count} mails reached ${address} within ${timeoutMs} ms`,
      );
    }
    return mails;
  }

  /**
   * The login token of the latest link mailed to `address` that no earlier call returned: a link
   * is used once, and the test that asks for a new one waits for the new one.
   */
  async lastToken(address: string, timeoutMs = MAIL_WAIT_MS): Promise<string> {
    const mail = await this.waitForUnread(address, (text) => TOKEN.exec(text)?.[1], timeoutMs);
    if (!mail) throw new Error(`no new login link was mailed to ${address} within ${timeoutMs} ms`);
    return mail;
  }

  /**
   * The one-time signing code (6 digits on a line of their own) in the body of the latest mail to
   * `address` that no earlier call returned: never in the subject, which shows on lock screens.
   */
  async lastCode(address: string, timeoutMs = MAIL_WAIT_MS): Promise<string> {
    const code = await this.waitForUnread(address, (text) => CODE.exec(text)?.[1], timeoutMs);
    if (!code)
      throw new Error(`no new signing code was mailed to ${address} within ${timeoutMs} ms`);
    return code;
  }

  /** What `read` finds in the latest mail to `address` not read so far, once there is one. */
  private async waitForUnread(
    address: string,
    read: (text: string) => string | undefined,
    timeoutMs: number,
  ): Promise<string | undefined> {
    const found = await this.waitFor(() => {
      const mail = this.to(address).findLast((candidate) => read(candidate.text) !== undefined);
      return mail && !this.read.has(mail) ? mail : undefined;
    }, timeoutMs);
    if (!found) return undefined;
    this.read.add(found);
    return read(found.text);
  }

  private async waitFor<T>(find: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined || Date.now() >= deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
