import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { DirectoryController } from './directory.controller';

@Module({ imports: [ApplicationModule], controllers: [DirectoryController] })
export class DirectoryModule {}
