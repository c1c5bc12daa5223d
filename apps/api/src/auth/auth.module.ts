import { Module } from '@nestjs/common';
import { MailModule } from '@cordage/mail';
import { PersistenceModule } from '@cordage/persistence';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

@Module({
  imports: [PersistenceModule, MailModule],
  controllers: [AuthController],
  providers: [AuthService],
})
export class AuthModule {}
