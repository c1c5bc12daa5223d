import { Module } from '@nestjs/common';
import { MailModule } from '@cordage/mail';
import { ApplicationModule } from '@cordage/application';
import { RepresentationsController } from './representations.controller';
import { RepresentationsService } from './representations.service';

@Module({
  imports: [ApplicationModule, MailModule],
  controllers: [RepresentationsController],
  providers: [RepresentationsService],
})
export class RepresentationsModule {}
