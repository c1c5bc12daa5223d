import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { BidsController } from './bids.controller';
import { CorrigendaController } from './corrigenda.controller';

@Module({ imports: [ApplicationModule], controllers: [BidsController, CorrigendaController] })
export class BidsModule {}
