import { Module } from '@nestjs/common';
import { PersistenceModule } from '@cordage/persistence';
import { QueueModule } from '@cordage/queue';
import { JobsController } from './jobs.controller';

@Module({ imports: [PersistenceModule, QueueModule], controllers: [JobsController] })
export class JobsModule {}
