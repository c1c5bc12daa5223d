import { Module } from '@nestjs/common';
import { PersistenceModule } from '@cordage/persistence';
import { ScenariosController } from './scenarios.controller';
import { ScenariosService } from './scenarios.service';

@Module({
  imports: [PersistenceModule],
  controllers: [ScenariosController],
  providers: [ScenariosService],
})
export class ScenariosModule {}
