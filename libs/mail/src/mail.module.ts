import { Module } from '@nestjs/common';
import { PersistenceModule } from '@cordage/persistence';
import { Mailer } from './mailer.service';

@Module({ imports: [PersistenceModule], providers: [Mailer], exports: [Mailer] })
export class MailModule {}
