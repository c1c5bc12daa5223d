import { Module } from '@nestjs/common';
import { PersistenceModule } from '@cordage/persistence';
import { TerritoriesController } from './territories.controller';

@Module({ imports: [PersistenceModule], controllers: [TerritoriesController] })
export class TerritoriesModule {}
