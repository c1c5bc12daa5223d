import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { PersistenceModule } from '@cordage/persistence';
import { WorkflowController } from './workflow.controller';
import { ChangeRequestsService } from './change-requests.service';

@Module({
  imports: [PersistenceModule, ApplicationModule],
  controllers: [WorkflowController],
  providers: [ChangeRequestsService],
})
export class WorkflowModule {}
