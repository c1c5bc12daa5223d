import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ConfigOf, InjectConfig, authConfig } from '@cordage/config';
import { type Actor, Permission } from '@cordage/domain';
import { SubcontractingService } from '@cordage/application';
import { Access } from '../access/access.decorator';
import { CurrentActor } from '../access/access.params';
import { NoContent } from '../common/api-answers.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { UuidParam } from '../common/param.pipe';
import { InvitationDto, InvitationResultDto, ReasonDto } from '../members/dto/members.dto';
import {
  CapacitiesDto,
  CapacitiesSavedDto,
  SubcontractDto,
  SubcontractTermsDto,
  SubcontractViewDto,
  SubcontractingOverviewDto,
  SubcontractorViewDto,
} from './dto/subcontracting.dto';

@ApiTags('subcontracting')
@Controller('bids/:bidId')
export class SubcontractingController {
  constructor(
    private readonly subcontracting: SubcontractingService,
    @InjectConfig(authConfig) private readonly config: ConfigOf<typeof authConfig>,
  ) {}

  @Get('members/:memberId/subcontracting')
  @Access(Permission.MEMBER_SUBCONTRACTS_MANAGE)
  @ApiProblems('INVALID_INPUT')
  @ApiOperation({
    summary: 'Les sous-traitants du membre et ses sous-traitances (ses éditeurs, coordinateurs)',
    description: 'Chaque sous-traitant avec sa réponse et ce qu’il déclare pouvoir apporter.',
  })
  @ApiOkResponse({ type: SubcontractingOverviewDto })
  async overview(
    @Param('bidId', UuidParam) bidId: string,
    @Param('memberId', UuidParam) memberId: string,
  ): Promise<SubcontractingOverviewDto> {
    return this.subcontracting.overview(bidId, memberId);
  }

  @Post('members/:memberId/subcontractors')
  @Access(Permission.MEMBER_SUBCONTRACTS_MANAGE)
  @ApiProblems('ALREADY_MEMBER', 'INVALID_INPUT', 'WORKFLOW_RULE_VIOLATED')
  @ApiOperation({
    summary: 'Inviter un sous-traitant du membre : un lien d’invitation part par mail',
    description:
      'Le même lien qu’une invitation de membre (INVITATION_LINK_TTL_DAYS, une seule fois). Le ' +
      'sous-traitant ne voit que les lots de ce membre et ses propres déclarations.',
  })
  @ApiOkResponse({ type: InvitationResultDto })
  async invite(
    @Param('bidId', UuidParam) bidId: string,
    @Param('memberId', UuidParam) memberId: string,
    @Body() invitation: InvitationDto,
    @CurrentActor() actor: Actor,
  ): Promise<InvitationResultDto> {
    return this.subcontracting.invite(bidId, memberId, invitation, actor, {
      ttlDays: this.config.INVITATION_LINK_TTL_DAYS,
    });
  }

  @Post('members/:memberId/subcontracts')
  @Access(Permission.MEMBER_SUBCONTRACTS_MANAGE)
  @ApiProblems('INVALID_INPUT', 'WORKFLOW_RULE_VIOLATED')
  @ApiOperation({
    summary: 'Confier une sous-traitance (ou une mise à disposition) à un sous-traitant du membre',
    description:
      'Paiement direct calculé (à partir de 600 € TTC, R2193-10) ; jamais au-delà du montant du ' +
      'membre sur le lot dans la dernière répartition.',
  })
  @ApiOkResponse({ type: SubcontractViewDto })
  async create(
    @Param('bidId', UuidParam) bidId: string,
    @Param('memberId', UuidParam) memberId: string,
    @Body() body: SubcontractDto,
    @CurrentActor() actor: Actor,
  ): Promise<SubcontractViewDto> {
    const { subcontractorId, ...terms } = body;
    return this.subcontracting.create(bidId, memberId, subcontractorId, terms, actor);
  }

  @Put('members/:memberId/subcontracts/:subcontractId')
  @Access(Permission.MEMBER_SUBCONTRACTS_MANAGE)
  @ApiProblems('INVALID_INPUT', 'WORKFLOW_RULE_VIOLATED')
  @ApiOperation({ summary: 'Modifier une sous-traitance du membre (toutes ses conditions)' })
  @ApiOkResponse({ type: SubcontractViewDto })
  async update(
    @Param('bidId', UuidParam) bidId: string,
    @Param('memberId', UuidParam) memberId: string,
    @Param('subcontractId', UuidParam) subcontractId: string,
    @Body() body: SubcontractTermsDto,
    @CurrentActor() actor: Actor,
  ): Promise<SubcontractViewDto> {
    return this.subcontracting.update(bidId, memberId, subcontractId, body, actor);
  }

  @Get('subcontractors/:subcontractorId')
  @Access(Permission.SUBCONTRACTOR_EDIT)
  @ApiOperation({
    summary: 'Ma page de sous-traitant : les lots de mon donneur d’ordre et ma déclaration',
  })
  @ApiOkResponse({ type: SubcontractorViewDto })
  async ownView(
    @Param('bidId', UuidParam) bidId: string,
    @Param('subcontractorId', UuidParam) subcontractorId: string,
  ): Promise<SubcontractorViewDto> {
    return this.subcontracting.ownView(bidId, subcontractorId);
  }

  @Post('subcontractors/:subcontractorId/accept')
  @Access(Permission.SUBCONTRACTOR_EDIT)
  @ApiProblems('INVALID_INPUT', 'WORKFLOW_RULE_VIOLATED')
  @NoContent()
  @ApiOperation({ summary: 'Accepter de travailler en sous-traitance (éditeur du sous-traitant)' })
  async accept(
    @Param('bidId', UuidParam) bidId: string,
    @Param('subcontractorId', UuidParam) subcontractorId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.subcontracting.answer(bidId, subcontractorId, 'ACCEPTED', actor);
  }

  @Post('subcontractors/:subcontractorId/decline')
  @Access(Permission.SUBCONTRACTOR_EDIT)
  @ApiProblems('INVALID_INPUT', 'WORKFLOW_RULE_VIOLATED')
  @NoContent()
  @ApiOperation({ summary: 'Décliner, avec la raison (éditeur du sous-traitant)' })
  async decline(
    @Param('bidId', UuidParam) bidId: string,
    @Param('subcontractorId', UuidParam) subcontractorId: string,
    @Body() body: ReasonDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.subcontracting.answer(bidId, subcontractorId, 'DECLINED', actor, body.reason);
  }

  @Put('subcontractors/:subcontractorId/capacities')
  @Access(Permission.SUBCONTRACTOR_EDIT)
  @ApiProblems('INVALID_INPUT', 'WORKFLOW_RULE_VIOLATED')
  @ApiOperation({
    summary: 'Déclarer ce que je peux apporter à mon donneur d’ordre, par lot et territoire',
    description:
      'Des heures par lot et territoire de ses lots : une capacité pour lui, pas une offre à ' +
      'l’acheteur. Remplace la déclaration précédente.',
  })
  @ApiOkResponse({ type: CapacitiesSavedDto })
  async declare(
    @Param('bidId', UuidParam) bidId: string,
    @Param('subcontractorId', UuidParam) subcontractorId: string,
    @Body() body: CapacitiesDto,
    @CurrentActor() actor: Actor,
  ): Promise<CapacitiesSavedDto> {
    return this.subcontracting.declare(bidId, subcontractorId, body.capacities, actor);
  }
}
