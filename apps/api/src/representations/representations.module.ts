import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { RepresentationsController } from './representations.controller';

@Module({
  imports: [ApplicationModule],
  controllers: [RepresentationsController],
})
export class RepresentationsModule {}
