import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { MailModule } from '@cordage/mail';
import { DocumentStorageModule } from '@cordage/persistence';
import { SignaturesController } from './signatures.controller';
import { SignaturesService } from './signatures.service';

@Module({
  imports: [ApplicationModule, DocumentStorageModule, MailModule],
  controllers: [SignaturesController],
  providers: [SignaturesService],
})
export class SignaturesModule {}
