import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CorrigendumOutcome, CorrigendumService } from '@cordage/application';
import { type Actor, Permission } from '@cordage/domain';
import type { CorrigendumEntity } from '@cordage/persistence';
import { Access } from '../access/access.decorator';
import { CurrentActor } from '../access/access.params';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdParam, VersionNumberParam } from '../common/param.pipe';
import { CorrigendumDto, CorrigendumInputDto, CorrigendumPlanDto } from './dto/corrigendum.dto';

const toPlanDto = ({ number, plan }: CorrigendumOutcome): CorrigendumPlanDto => ({
  number,
  summary: [...plan.summary],
  outdatedOffers: plan.outdatedOffers.map(({ offerId: _offerId, ...offer }) => offer),
  outdatedVersions: plan.outdatedVersions.map((version) => version.number),
  revise: plan.revise,
  capacityDeadline: plan.capacityDeadline?.toISOString() ?? null,
  applicationDeadline: plan.applicationDeadline.toISOString(),
});

const toDto = (corrigendum: CorrigendumEntity): CorrigendumDto => ({
  number: corrigendum.number,
  reason: corrigendum.reason,
  buyerReference: corrigendum.buyerReference,
  publishedOn: corrigendum.publishedOn,
  changes: corrigendum.changes as unknown as CorrigendumDto['changes'],
  summary: corrigendum.summary,
  outdatedOffers: corrigendum.outdatedOffers,
  outdatedVersions: corrigendum.outdatedVersions,
  author: corrigendum.author,
  createdAt: corrigendum.createdAt.toISOString(),
});

/** The buyer's corrigenda (« avis rectificatifs ») applied to the bid's tender. */
@ApiTags('bids')
@Controller('bids/:bidId/corrigenda')
export class CorrigendaController {
  constructor(private readonly corrigenda: CorrigendumService) {}

  @Post('preview')
  @Access(Permission.BID_MANAGE)
  @ApiProblems('INVALID_INPUT', 'INVALID_TRANSITION')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Aperçu d’un avis rectificatif : ce qu’il change et ce qu’il périme (coordinateurs)',
    description: 'Rien n’est enregistré.',
  })
  @ApiOkResponse({ type: CorrigendumPlanDto })
  async preview(
    @IdParam('bidId') bidId: string,
    @Body() body: CorrigendumInputDto,
  ): Promise<CorrigendumPlanDto> {
    return toPlanDto(await this.corrigenda.preview(bidId, body));
  }

  @Post()
  @Access(Permission.BID_MANAGE)
  @ApiProblems('INVALID_INPUT', 'INVALID_TRANSITION')
  @ApiOperation({
    summary: 'Appliquer un avis rectificatif de l’acheteur (coordinateurs)',
    description:
      'Lots, territoires, montants, heures demandées, dates limites. Les déclarations et les ' +
      'versions qu’il touche restent enregistrées, marquées périmées ; chaque membre reçoit un ' +
      'mail. 409 après l’ouverture de la signature : passez par une demande de modification.',
  })
  @ApiCreatedResponse({ type: CorrigendumPlanDto })
  async apply(
    @IdParam('bidId') bidId: string,
    @Body() body: CorrigendumInputDto,
    @CurrentActor() actor: Actor,
  ): Promise<CorrigendumPlanDto> {
    return toPlanDto(await this.corrigenda.apply(bidId, body, actor));
  }

  @Get()
  @Access(Permission.BID_READ)
  @ApiOperation({ summary: 'Les avis rectificatifs appliqués, le plus récent d’abord' })
  @ApiOkResponse({ type: [CorrigendumDto] })
  async list(@IdParam('bidId') bidId: string): Promise<CorrigendumDto[]> {
    return (await this.corrigenda.list(bidId)).map(toDto);
  }

  @Get(':number')
  @Access(Permission.BID_READ)
  @ApiProblems('NOT_FOUND')
  @ApiOperation({ summary: 'Un avis rectificatif appliqué' })
  @ApiOkResponse({ type: CorrigendumDto })
  async find(
    @IdParam('bidId') bidId: string,
    @Param('number', VersionNumberParam) number: number,
  ): Promise<CorrigendumDto> {
    return toDto(await this.corrigenda.find(bidId, number));
  }
}
