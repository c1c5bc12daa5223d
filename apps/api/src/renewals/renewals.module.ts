import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { RenewalsController } from './renewals.controller';

@Module({
  imports: [ApplicationModule],
  controllers: [RenewalsController],
})
export class RenewalsModule {}
