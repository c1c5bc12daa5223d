import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { MailModule } from '@cordage/mail';
import { PersistenceModule } from '@cordage/persistence';
import { WorkflowController } from './workflow.controller';
import { WorkflowNotifier } from './workflow.notifier';
import { ChangeRequestsService } from './change-requests.service';

@Module({
  imports: [PersistenceModule, ApplicationModule, MailModule],
  controllers: [WorkflowController],
  providers: [ChangeRequestsService, WorkflowNotifier],
})
export class WorkflowModule {}
