import { Module } from '@nestjs/common';
import { PersistenceModule } from '@cordage/persistence';
import { AllocationsController } from './allocations.controller';
import { AllocationsService } from './allocations.service';

@Module({
  imports: [PersistenceModule],
  controllers: [AllocationsController],
  providers: [AllocationsService],
})
export class AllocationsModule {}
