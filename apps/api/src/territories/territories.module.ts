import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { TerritoriesController } from './territories.controller';

@Module({ imports: [ApplicationModule], controllers: [TerritoriesController] })
export class TerritoriesModule {}
