import { Module } from '@nestjs/common';
import { ApplicationModule } from '@cordage/application';
import { AuthController } from './auth.controller';

@Module({
  imports: [ApplicationModule],
  controllers: [AuthController],
})
export class AuthModule {}
