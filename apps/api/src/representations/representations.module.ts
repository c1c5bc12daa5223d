import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { MailModule } from '@cordage/mail';
import { RepresentationsController } from './representations.controller';
import { RepresentationsService } from './representations.service';

@Module({
  imports: [ApplicationModule, MailModule],
  controllers: [RepresentationsController],
  providers: [RepresentationsService],
})
export class RepresentationsModule {}
