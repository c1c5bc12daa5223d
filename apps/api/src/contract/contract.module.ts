import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { ContractController } from './contract.controller';
import { OrdersController } from './orders.controller';
import { ReportsController } from './reports.controller';

@Module({
  imports: [ApplicationModule],
  controllers: [ContractController, OrdersController, ReportsController],
})
export class ContractModule {}
