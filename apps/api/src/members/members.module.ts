import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { MailModule } from '@cordage/mail';
import { InvitationsService } from './invitations.service';
import { MembersController } from './members.controller';

@Module({
  imports: [ApplicationModule, MailModule],
  controllers: [MembersController],
  providers: [InvitationsService],
})
export class MembersModule {}
