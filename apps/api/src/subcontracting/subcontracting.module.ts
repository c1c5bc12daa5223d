import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { MySubcontractingController, SubcontractingController } from './subcontracting.controller';

@Module({
  imports: [ApplicationModule],
  controllers: [SubcontractingController, MySubcontractingController],
})
export class SubcontractingModule {}
