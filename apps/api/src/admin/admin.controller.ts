import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Permission } from '@cordage/domain';
import { MailLogRepository } from '@cordage/persistence';
import { Access } from '../access/access.decorator';

class SentMailDto extends createZodDto(
  z.object({
    id: z.uuid(),
    recipient: z.string(),
    subject: z.string(),
    body: z.string(),
    createdAt: z.iso.datetime(),
  }),
) {}

@ApiTags('admin')
@Controller('admin')
export class AdminController {
  constructor(private readonly mailLog: MailLogRepository) {}

  @Get('mails')
  @Access(Permission.PLATFORM_ADMIN)
  @ApiOperation({
    summary:
      'Démo (MAIL_MODE=log) : les 200 derniers mails, non envoyés, réservés aux administrateurs',
  })
  @ApiOkResponse({ type: [SentMailDto] })
  async mails(): Promise<SentMailDto[]> {
    const mails = await this.mailLog.latest(200);
    return mails.map((mail) => ({ ...mail, createdAt: mail.createdAt.toISOString() }));
  }
}
