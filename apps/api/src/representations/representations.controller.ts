import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Permission, type Principal } from '@cordage/domain';
import {
  RepresentationDecisionsService,
  RepresentationRequestsService,
} from '@cordage/application';
import { Access } from '../access/access.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdParam } from '../common/param.pipe';
import { CurrentActor, CurrentPrincipal } from '../access/access.params';
import {
  RepresentationRequestDto,
  RepresentationRequestsDto,
  toRequestDto,
} from './dto/representations.dto';

@ApiTags('representations')
@Controller('representation-requests')
export class RepresentationsController {
  constructor(
    private readonly requests: RepresentationRequestsService,
    private readonly decisions: RepresentationDecisionsService,
  ) {}

  @Get()
  @Access(Permission.SIGNED_IN)
  @ApiOperation({
    summary: 'Les demandes pour représenter une organisation : à décider, et les vôtres',
  })
  @ApiOkResponse({ type: RepresentationRequestsDto })
  async list(@CurrentPrincipal() principal: Principal): Promise<RepresentationRequestsDto> {
    const { toDecide, mine } = await this.requests.list(principal);
    return { toDecide: toDecide.map(toRequestDto), mine: mine.map(toRequestDto) };
  }

  @Post(':requestId/confirm')
  @Access(Permission.REPRESENTATION_DECIDE)
  @ApiProblems('INVALID_TRANSITION')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Confirmer : la personne reçoit les rôles demandés (représentants, administrateurs)',
  })
  @ApiOkResponse({ type: RepresentationRequestDto })
  async confirm(
    @IdParam('requestId') requestId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
  ): Promise<RepresentationRequestDto> {
    return toRequestDto(await this.decisions.decide(requestId, 'CONFIRMED', principal, actor));
  }

  @Post(':requestId/refuse')
  @Access(Permission.REPRESENTATION_DECIDE)
  @ApiProblems('INVALID_TRANSITION')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Refuser : rien n’est accordé (représentants, administrateurs)' })
  @ApiOkResponse({ type: RepresentationRequestDto })
  async refuse(
    @IdParam('requestId') requestId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
  ): Promise<RepresentationRequestDto> {
    return toRequestDto(await this.decisions.decide(requestId, 'REFUSED', principal, actor));
  }
}
