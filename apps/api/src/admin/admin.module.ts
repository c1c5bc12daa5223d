import { Module } from '@nestjs/common';
import { PersistenceModule } from '@cordage/persistence';
import { AdminController } from './admin.controller';

@Module({ imports: [PersistenceModule], controllers: [AdminController] })
export class AdminModule {}
