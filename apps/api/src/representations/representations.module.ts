import { Module } from '@nestjs/common';
import { PersistenceModule } from '@cordage/persistence';
import { RepresentationsController } from './representations.controller';

@Module({
  imports: [PersistenceModule],
  controllers: [RepresentationsController],
})
export class RepresentationsModule {}
