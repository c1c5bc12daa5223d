import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { JobStatusModule } from '@cordage/queue';
import { JobsController } from './jobs.controller';

@Module({ imports: [ApplicationModule, JobStatusModule], controllers: [JobsController] })
export class JobsModule {}
