import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { SubcontractingController } from './subcontracting.controller';

@Module({
  imports: [ApplicationModule],
  controllers: [SubcontractingController],
})
export class SubcontractingModule {}
