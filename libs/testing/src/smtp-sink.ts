import PostalMime from 'postal-mime';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

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

  /** The login token of the latest link mailed to `address`. */
  lastToken(address: string): string {
    const mail = this.to(address).at(-1);
    const token = mail?.text.match(/[?&]token=([A-Za-z0-9_-]+)/)?.[1];
    if (!token) throw new Error(`no login link was mailed to ${address}`);
    return token;
  }

  /**
   * The one-time signing code (6 digits on a line of their own) in the body of the latest mail to
   * `address`: never in the subject, which shows on lock screens.
   */
  lastCode(address: string): string {
    const code = /^\s+(\d{6})$/m.exec(this.to(address).at(-1)?.text ?? '')?.[1];
    if (!code) throw new Error(`no signing code was mailed to ${address}`);
    return code;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
