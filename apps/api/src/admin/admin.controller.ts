import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from '../common/zod-dto';
import { DemoMailboxQueries } from '@cordage/application';
import { z } from 'zod';
import { type ConfigOf, InjectConfig, mailConfig } from '@cordage/config';
import { Permission } from '@cordage/domain';
import { Access } from '../access/access.decorator';

const sentMail = z.object({
  id: z.uuid(),
  recipient: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: z.iso.datetime(),
});

class DemoMailboxDto extends createZodDto(
  z.object({
    demo: z.boolean().describe('Vrai quand les mails sont gardés ici au lieu d’être envoyés'),
    notice: z.string().describe('Ce qu’est cette boîte, à afficher avec les mails'),
    mails: z.array(sentMail),
  }),
) {}

const DEMO_NOTICE =
  'Boîte aux lettres de démonstration (MAIL_MODE=log) : ces mails n’ont pas été envoyés. ' +
  'Ils contiennent des liens de connexion et des codes de signature lisibles par tout ' +
  'administrateur : jamais pour de vrais utilisateurs.';
const SMTP_NOTICE = 'Les mails sont envoyés par SMTP (MAIL_MODE=smtp) : aucun n’est gardé ici.';

@ApiTags('admin')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly mailbox: DemoMailboxQueries,
    @InjectConfig(mailConfig) private readonly config: ConfigOf<typeof mailConfig>,
  ) {}

  @Get('mails')
  @Access(Permission.PLATFORM_ADMIN)
  @ApiOperation({
    summary:
      'Boîte aux lettres de démonstration (MAIL_MODE=log) : les 200 derniers mails, non envoyés, ' +
      'réservés aux administrateurs ; vide quand les mails partent par SMTP',
  })
  @ApiOkResponse({ type: DemoMailboxDto })
  async mails(): Promise<DemoMailboxDto> {
    // Mails kept by an earlier demo run stay hidden once real mail is sent.
    if (this.config.MAIL_MODE !== 'log') return { demo: false, notice: SMTP_NOTICE, mails: [] };
    return { demo: true, notice: DEMO_NOTICE, mails: await this.mailbox.latest(200) };
  }
}
