import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type Transporter, createTransport } from 'nodemailer';
import { type ConfigOf, InjectConfig, mailConfig } from '@cordage/config';
import { MailLogRepository } from '@cordage/persistence';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends mail through SMTP, or, in the demo (MAIL_MODE=log), prints it to the log and keeps it for
 * the platform admins' page so that a login link can be followed without a mail server.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport: Transporter | null;

  constructor(
    @InjectConfig(mailConfig) private readonly config: ConfigOf<typeof mailConfig>,
    private readonly mailLog: MailLogRepository,
  ) {
    this.transport =
      config.MAIL_MODE === 'smtp' && config.MAIL_SMTP_URL
        ? createTransport(config.MAIL_SMTP_URL)
        : null;
  }

  async send(mail: Mail): Promise<void> {
    if (!this.transport) {
      this.logger.log(
        { to: mail.to, subject: mail.subject, text: mail.text },
        'mail (not sent: MAIL_MODE=log)',
      );
      await this.mailLog.add({ recipient: mail.to, subject: mail.subject, body: mail.text });
      return;
    }
    await this.transport.sendMail({ from: this.config.MAIL_FROM, ...mail });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
