import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ConfigOf, InjectConfig, authConfig } from '@cordage/config';
import { RenewalsService } from '@cordage/application';
import { type Actor, Permission } from '@cordage/domain';
import { Access } from '../access/access.decorator';
import { CurrentActor } from '../access/access.params';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdParam } from '../common/param.pipe';
import {
  CarriedOffersDto,
  RenewalDto,
  RenewalRequestDto,
  RenewalStartedDto,
} from './dto/renewal.dto';

/** The next tender started from a finished bid, and what was carried over. */
@ApiTags('renewals')
@Controller('bids/:bidId')
export class RenewalsController {
  constructor(
    private readonly renewals: RenewalsService,
    @InjectConfig(authConfig) private readonly config: ConfigOf<typeof authConfig>,
  ) {}

  @Post('renewals')
  @Access(Permission.BID_MANAGE)
  @HttpCode(HttpStatus.CREATED)
  @ApiProblems('INVALID_SCENARIO', 'DUPLICATE_TENDER', 'WORKFLOW_RULE_VIOLATED')
  @ApiOperation({
    summary: 'Renouveler un marché attribué : la prochaine consultation, reprise de celle-ci',
    description:
      'Crée dans le même réseau une candidature en brouillon pour la nouvelle consultation : ' +
      'les membres restés sont invités à nouveau (ils acceptent et confirment leurs offres ' +
      'eux-mêmes), leurs offres, plafonds et la dernière répartition signée sont proposés sur les ' +
      'lots et territoires qui demeurent, avec les écarts entre les deux consultations. 409 si la ' +
      'candidature n’est pas attribuée ; 422 nommant chaque champ de la consultation refusé.',
  })
  @ApiCreatedResponse({ type: RenewalStartedDto })
  async renew(
    @IdParam('bidId') bidId: string,
    @Body() body: RenewalRequestDto,
    @CurrentActor() actor: Actor,
  ): Promise<RenewalStartedDto> {
    return this.renewals.renew(bidId, body, actor, {
      ttlDays: this.config.INVITATION_LINK_TTL_DAYS,
    });
  }

  @Get('renewal')
  @Access(Permission.BID_MANAGE)
  @ApiOperation({
    summary: 'La reprise du marché précédent : ce qui a été repris et ce qui a changé',
    description:
      'Pour une candidature issue d’un renouvellement : le marché précédent et les écarts ; pour ' +
      'un marché renouvelé : les candidatures qui le renouvellent.',
  })
  @ApiOkResponse({ type: RenewalDto })
  async read(@IdParam('bidId') bidId: string): Promise<RenewalDto> {
    return this.renewals.read(bidId);
  }

  @Get('members/:memberId/carried-offers')
  @Access(Permission.MEMBER_REPORT)
  @ApiOperation({
    summary:
      'Les offres reprises du marché précédent, proposées au membre (éditeur du membre ou ' +
      'coordinateurs)',
    description:
      'Pour un membre d’une candidature issue d’un renouvellement : ses offres et plafonds du ' +
      'marché précédent sur les lots et territoires qui demeurent, à confirmer ou modifier puis ' +
      'à déclarer par PUT /offers (rien n’est enregistré avant), et les offres qui ne sont pas ' +
      'reprises, avec la raison. Les autres membres n’y ont pas accès.',
  })
  @ApiOkResponse({ type: CarriedOffersDto })
  async carriedOffers(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
  ): Promise<CarriedOffersDto> {
    return this.renewals.carriedOffers(bidId, memberId);
  }
}
