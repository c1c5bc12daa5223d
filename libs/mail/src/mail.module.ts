import { Module } from '@nestjs/common';
import { Mailer } from './mailer.service';

/** The mail transport (SMTP or the demo's log), configured by the mail slice. */
@Module({ providers: [Mailer], exports: [Mailer] })
export class MailModule {}
