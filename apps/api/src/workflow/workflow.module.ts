import { Module } from '@nestjs/common';
import { PersistenceModule } from '@cordage/persistence';
import { WorkflowController } from './workflow.controller';
import { WorkflowService } from './workflow.service';

@Module({
  imports: [PersistenceModule],
  controllers: [WorkflowController],
  providers: [WorkflowService],
})
export class WorkflowModule {}
