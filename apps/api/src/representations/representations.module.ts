import { Module } from '@nestjs/common';
import { MailModule } from '@cordage/mail';
import { PersistenceModule } from '@cordage/persistence';
import { RepresentationsController } from './representations.controller';
import { RepresentationsService } from './representations.service';

@Module({
  imports: [PersistenceModule, MailModule],
  controllers: [RepresentationsController],
  providers: [RepresentationsService],
})
export class RepresentationsModule {}
