import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { ContractController } from './contract.controller';

@Module({ imports: [ApplicationModule], controllers: [ContractController] })
export class ContractModule {}
