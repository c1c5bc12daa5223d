import { Module } from '@nestjs/common';
import { PersistenceModule } from '@cordage/persistence';
import { JobStatusModule } from '@cordage/queue';
import { JobsController } from './jobs.controller';

@Module({ imports: [PersistenceModule, JobStatusModule], controllers: [JobsController] })
export class JobsModule {}
