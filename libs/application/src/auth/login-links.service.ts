import { Injectable, Logger } from '@nestjs/common';
import { type ConfigOf, InjectConfig, publicUrlConfig } from '@cordage/config';
import { type LoginLinkLimits, loginLinkUrl } from '@cordage/domain';
import { Transactional } from '@cordage/persistence';
import { MailOutbox } from '../mail';
import { SignInService } from '../members/sign-in.service';

/** Magic links from the sign-in page: the link's token and its mail are written in one transaction. */
@Injectable()
export class LoginLinksService {
  private readonly logger = new Logger(LoginLinksService.name);

  constructor(
    private readonly signIn: SignInService,
    private readonly mailOutbox: MailOutbox,
    @InjectConfig(publicUrlConfig) private readonly config: ConfigOf<typeof publicUrlConfig>,
  ) {}

  /**
   * Mails a login link if the address is a user's. The answer is the same either way (no one
   * learns who has an account); the limits count every request, per address and per IP.
   */
  @Transactional()
  async requestLoginLink(email: string, ip: string | null, limits: LoginLinkLimits): Promise<void> {
    const link = await this.signIn.requestLoginLink(email, ip, limits);
    if (!link) {
      this.logger.log({ ip }, 'login link asked for an unknown address');
      return;
    }
    await this.mailOutbox.send({
      to: link.email,
      subject: 'Votre lien de connexion à Cordage',
      text:
        `Bonjour,\n\nPour vous connecter à Cordage, suivez ce lien (valable 15 minutes, une seule fois) :\n` +
        `${loginLinkUrl(this.config.PUBLIC_URL, link.token)}\n\n` +
        `Si vous n’avez rien demandé, ignorez ce message.\n`,
    });
  }
}
