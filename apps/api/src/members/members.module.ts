import { Module } from '@nestjs/common';
import { MailModule } from '@cordage/mail';
import { ApplicationModule } from '@cordage/application';
import { InvitationsService } from './invitations.service';
import { MembersController } from './members.controller';

@Module({
  imports: [ApplicationModule, MailModule],
  controllers: [MembersController],
  providers: [InvitationsService],
})
export class MembersModule {}
