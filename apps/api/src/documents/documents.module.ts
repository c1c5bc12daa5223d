import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { DocumentStorageModule } from '@cordage/persistence';
import { ConventionPreviewController } from './convention-preview.controller';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { OcdsController } from './ocds.controller';

@Module({
  imports: [ApplicationModule, DocumentStorageModule],
  controllers: [ConventionPreviewController, DocumentsController, OcdsController],
  providers: [DocumentsService],
})
export class DocumentsModule {}
