import { Module } from '@nestjs/common';
import { DocumentStorageModule, PersistenceModule } from '@cordage/persistence';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

@Module({
  imports: [PersistenceModule, DocumentStorageModule],
  controllers: [DocumentsController],
  providers: [DocumentsService],
})
export class DocumentsModule {}
