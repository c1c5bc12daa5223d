import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { AdminController } from './admin.controller';

@Module({ imports: [ApplicationModule], controllers: [AdminController] })
export class AdminModule {}
