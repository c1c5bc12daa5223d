import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { BidsController } from './bids.controller';

@Module({ imports: [ApplicationModule], controllers: [BidsController] })
export class BidsModule {}
