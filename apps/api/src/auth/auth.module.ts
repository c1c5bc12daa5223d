import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

@Module({
  imports: [ApplicationModule],
  controllers: [AuthController],
  providers: [AuthService],
})
export class AuthModule {}
