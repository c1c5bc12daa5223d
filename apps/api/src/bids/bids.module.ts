import { Module } from '@nestjs/common';
import { PersistenceModule } from '@cordage/persistence';
import { BidsController } from './bids.controller';

@Module({ imports: [PersistenceModule], controllers: [BidsController] })
export class BidsModule {}
