import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { ContractController } from './contract.controller';
import { ReportsController } from './reports.controller';

@Module({ imports: [ApplicationModule], controllers: [ContractController, ReportsController] })
export class ContractModule {}
