import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { BidEventsController } from './bid-events.controller';
import { BidsController } from './bids.controller';
import { CorrigendaController } from './corrigenda.controller';

@Module({
  imports: [ApplicationModule],
  controllers: [BidsController, BidEventsController, CorrigendaController],
})
export class BidsModule {}
