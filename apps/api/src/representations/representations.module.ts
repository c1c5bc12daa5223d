import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { RepresentationsController } from './representations.controller';
import { RepresentationsService } from './representations.service';

@Module({
  imports: [ApplicationModule],
  controllers: [RepresentationsController],
  providers: [RepresentationsService],
})
export class RepresentationsModule {}
