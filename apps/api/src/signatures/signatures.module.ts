import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { DocumentStorageModule } from '@cordage/persistence';
import { SignaturesController } from './signatures.controller';
import { SignaturesService } from './signatures.service';

@Module({
  imports: [ApplicationModule, DocumentStorageModule],
  controllers: [SignaturesController],
  providers: [SignaturesService],
})
export class SignaturesModule {}
