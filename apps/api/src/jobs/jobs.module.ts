import { Module } from '@nestjs/common';
import { ApplicationModule, JobStatusModule } from '@cordage/application';
import { JobsController } from './jobs.controller';

@Module({ imports: [ApplicationModule, JobStatusModule], controllers: [JobsController] })
export class JobsModule {}
