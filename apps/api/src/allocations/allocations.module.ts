import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { AllocationsController } from './allocations.controller';

@Module({ imports: [ApplicationModule], controllers: [AllocationsController] })
export class AllocationsModule {}
