import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { InvitationsService } from './invitations.service';
import { MembersController } from './members.controller';

@Module({
  imports: [ApplicationModule],
  controllers: [MembersController],
  providers: [InvitationsService],
})
export class MembersModule {}
