import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type Transporter, createTransport } from 'nodemailer';
import { type ConfigOf, InjectConfig, mailConfig } from '@cordage/config';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** How a mail left: through SMTP, or only printed to the log (the demo, MAIL_MODE=log). */
export type MailOutcome = 'sent' | 'logged';

/**
 * The mail transport: SMTP, or, in the demo (MAIL_MODE=log), the log. It stores nothing: keeping a
 * logged mail for the platform admins' page is the delivery's business (the worker's MailDelivery).
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport: Transporter | null;

  constructor(@InjectConfig(mailConfig) private readonly config: ConfigOf<typeof mailConfig>) {
    this.transport =
      config.MAIL_MODE === 'smtp' && config.MAIL_SMTP_URL
        ? createTransport(config.MAIL_SMTP_URL)
        : null;
  }

  async send(mail: Mail): Promise<MailOutcome> {
    if (!this.transport) {
      this.logger.log(
        { to: mail.to, subject: mail.subject, text: mail.text },
        'mail (not sent: MAIL_MODE=log)',
      );
      return 'logged';
    }
    await this.transport.sendMail({ from: this.config.MAIL_FROM, ...mail });
    return 'sent';
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
