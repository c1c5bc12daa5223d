import { Module } from '@nestjs/common';
import { MailModule } from '@cordage/mail';
import { DocumentStorageModule, PersistenceModule } from '@cordage/persistence';
import { SignaturesController } from './signatures.controller';
import { SignaturesService } from './signatures.service';

@Module({
  imports: [PersistenceModule, DocumentStorageModule, MailModule],
  controllers: [SignaturesController],
  providers: [SignaturesService],
})
export class SignaturesModule {}
