import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { PersistenceModule } from '@cordage/persistence';
import { ScenariosController } from './scenarios.controller';
import { ScenariosService } from './scenarios.service';

@Module({
  imports: [PersistenceModule, ApplicationModule],
  controllers: [ScenariosController],
  providers: [ScenariosService],
})
export class ScenariosModule {}
