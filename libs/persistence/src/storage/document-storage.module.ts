import { Module } from '@nestjs/common';
import { type ConfigOf, documentsConfig } from '@cordage/config';
import { LocalDiskDocumentStorage } from './local-disk.storage';

/** The token under which a process finds where documents are kept. */
export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');

/** Document bytes on the local disk, under DOCUMENTS_DIR (an object store can replace it). */
@Module({
  providers: [
    {
      provide: DOCUMENT_STORAGE,
      inject: [documentsConfig.token],
      useFactory: (config: ConfigOf<typeof documentsConfig>) =>
        new LocalDiskDocumentStorage(config.DOCUMENTS_DIR),
    },
  ],
  exports: [DOCUMENT_STORAGE],
})
export class DocumentStorageModule {}
