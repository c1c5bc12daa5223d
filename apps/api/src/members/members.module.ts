import { Module } from '@nestjs/common';
import { MailModule } from '@cordage/mail';
import { PersistenceModule } from '@cordage/persistence';
import { InvitationsService } from './invitations.service';
import { MembersController } from './members.controller';

@Module({
  imports: [PersistenceModule, MailModule],
  controllers: [MembersController],
  providers: [InvitationsService],
})
export class MembersModule {}
