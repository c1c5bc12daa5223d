import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { MembersController } from './members.controller';

@Module({
  imports: [ApplicationModule],
  controllers: [MembersController],
})
export class MembersModule {}
