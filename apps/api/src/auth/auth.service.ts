import { Injectable, Logger } from '@nestjs/common';
import { MailOutbox, SignInService } from '@cordage/application';
import { type ConfigOf, InjectConfig, authConfig } from '@cordage/config';
import { loginLinkUrl } from '@cordage/domain';
import { Transactional } from '@cordage/persistence';

/** Magic links: the link's token and its mail are written in one transaction. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly signIn: SignInService,
    private readonly mailOutbox: MailOutbox,
    @InjectConfig(authConfig) private readonly config: ConfigOf<typeof authConfig>,
  ) {}

  /**
   * Mails a login link if the address is a user's. The answer is the same either way (no one
   * learns who has an account); the limits count every request, per address and per IP.
   */
  @Transactional()
  async requestLoginLink(email: string, ip: string | null): Promise<void> {
    const link = await this.signIn.requestLoginLink(email, ip, {
      perAddress: this.config.LOGIN_LINKS_PER_ADDRESS,
      perIp: this.config.LOGIN_LINKS_PER_IP,
    });
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
