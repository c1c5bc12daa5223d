import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { MailModule } from '@cordage/mail';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

@Module({
  imports: [ApplicationModule, MailModule],
  controllers: [AuthController],
  providers: [AuthService],
})
export class AuthModule {}
