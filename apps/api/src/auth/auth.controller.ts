import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { CookieOptions, Response } from 'express';
import { LoginLinksService, SignInService } from '@cordage/application';
import { type ConfigOf, InjectConfig, authConfig } from '@cordage/config';
import {
  type Actor,
  DomainErrorCode,
  Permission,
  type Principal,
  isDomainError,
} from '@cordage/domain';
import { SessionEntity } from '@cordage/persistence';
import { Access } from '../access/access.decorator';
import { type AccessRequest, CSRF_COOKIE, SESSION_COOKIE } from '../access/access-request';
import { CurrentActor, CurrentPrincipal, CurrentSession } from '../access/access.params';
import { ApiFile, NoContent } from '../common/api-answers.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { LoginLinkRequestDto, MeDto, SessionRequestDto, SessionsClosedDto } from './dto/auth.dto';
import { callbackPage } from './callback-page';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly loginLinks: LoginLinksService,
    private readonly signIn: SignInService,
    @InjectConfig(authConfig) private readonly config: ConfigOf<typeof authConfig>,
  ) {}

  @Post('login-link')
  @Access(Permission.PUBLIC)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Recevoir un lien de connexion par mail',
    description: 'La réponse est la même que l’adresse soit connue ou non.',
  })
  @ApiAcceptedResponse()
  async requestLink(@Body() body: LoginLinkRequestDto, @Req() request: AccessRequest) {
    await this.loginLinks.requestLoginLink(body.email, request.ip ?? null, {
      perAddress: this.config.LOGIN_LINKS_PER_ADDRESS,
      perIp: this.config.LOGIN_LINKS_PER_IP,
    });
    return {
      message: 'Si cette adresse a un compte, un lien de connexion vient de lui être envoyé.',
    };
  }

  @Get('callback')
  @Access(Permission.PUBLIC)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiOperation({ summary: 'La page du lien reçu par mail : un clic ouvre la session' })
  @ApiFile('La page, qui poste le jeton à /auth/session', 'text/html')
  @ApiQuery({ name: 'token', required: true })
  @ApiQuery({ name: 'next', required: false, description: 'La page où aller une fois connecté' })
  callback(@Query('token') token: unknown, @Query('next') next: unknown): string {
    return callbackPage(
      typeof token === 'string' ? token : '',
      typeof next === 'string' ? next : null,
    );
  }

  @Post('session')
  @Access(Permission.PUBLIC)
  @ApiProblems('LOGIN_LINK_INVALID')
  @ApiOperation({
    summary:
      'Ouvrir une session avec le jeton d’un lien (une seule fois ; 15 minutes, ou quelques jours pour une invitation)',
    description:
      'Pose le cookie de session (httpOnly, SameSite) et le cookie cordage_csrf. Envoyé par le ' +
      'formulaire de la page du lien, répond par une redirection vers l’application.',
  })
  @ApiOkResponse({ type: MeDto })
  async openSession(
    @Body() body: SessionRequestDto,
    @Req() request: AccessRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ csrfToken: string } | void> {
    const fromLinkPage = Boolean(request.is('application/x-www-form-urlencoded'));
    let session;
    try {
      session = await this.signIn.openSession(
        body.token,
        {
          ip: request.ip ?? null,
          userAgent: request.headers['user-agent'] ?? null,
          requestId: request.id,
        },
        this.config.SESSION_TTL_HOURS * 3600_000,
      );
    } catch (error) {
      // A person who clicked an old link reads why on the sign-in page, and asks for a new one.
      if (
        fromLinkPage &&
        isDomainError(error) &&
        error.code === DomainErrorCode.LOGIN_LINK_INVALID
      ) {
        const page = new URL('/connexion', this.config.PUBLIC_URL);
        page.searchParams.set('lien', 'expire');
        return response.redirect(HttpStatus.SEE_OTHER, page.toString());
      }
      throw error;
    }
    const options = this.cookieOptions(session.expiresAt);
    response.cookie(SESSION_COOKIE, session.token, { ...options, httpOnly: true, sameSite: 'lax' });
    // Readable by the web app, which echoes it in X-CSRF-Token.
    response.cookie(CSRF_COOKIE, session.csrfToken, {
      ...options,
      httpOnly: false,
      sameSite: 'strict',
    });
    if (fromLinkPage) {
      response.redirect(
        HttpStatus.SEE_OTHER,
        new URL(body.next ?? '/', this.config.PUBLIC_URL).toString(),
      );
      return;
    }
    return { csrfToken: session.csrfToken };
  }

  @Get('me')
  @Access(Permission.SIGNED_IN)
  @ApiOperation({ summary: 'Qui suis-je : mes rôles et mon jeton anti-CSRF' })
  @ApiOkResponse({ type: MeDto })
  async me(
    @CurrentPrincipal() principal: Principal,
    @CurrentSession() session: SessionEntity,
  ): Promise<MeDto> {
    return {
      user: {
        id: principal.userId,
        email: principal.email,
        platformAdmin: principal.platformAdmin,
      },
      roles: {
        coordinatorOf: [...principal.coordinatorOf],
        editorOf: [...principal.editorOf],
        signatoryOf: [...principal.signatoryOf],
        viewerOfBids: [...principal.viewerOfBids],
        viewerOfNetworks: [...principal.viewerOfNetworks],
      },
      networks: await this.signIn.networksOf(principal),
      csrfToken: session.csrfToken,
    };
  }

  @Post('logout')
  @Access(Permission.SIGNED_IN)
  @NoContent()
  @ApiOperation({ summary: 'Fermer cette session' })
  async logout(
    @CurrentSession() session: SessionEntity,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.signIn.closeSession(session.id, actor);
    this.clearCookies(response);
  }

  @Post('logout-all')
  @Access(Permission.SIGNED_IN)
  @ApiOperation({ summary: 'Fermer toutes mes sessions, sur tous mes appareils' })
  @ApiOkResponse({ type: SessionsClosedDto })
  async logoutEverywhere(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionsClosedDto> {
    const sessionsClosed = await this.signIn.closeAllSessions({
      ...actor,
      userId: principal.userId,
    });
    this.clearCookies(response);
    return { sessionsClosed };
  }

  private cookieOptions(expires?: Date): CookieOptions {
    return { secure: this.config.COOKIE_SECURE, path: '/', ...(expires && { expires }) };
  }

  private clearCookies(response: Response): void {
    response.clearCookie(SESSION_COOKIE, this.cookieOptions());
    response.clearCookie(CSRF_COOKIE, this.cookieOptions());
  }
}
