import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ConfigOf, InjectConfig, authConfig } from '@cordage/config';
import {
  type Actor,
  type BidAccessScope,
  Permission,
  type Principal,
  coordinates,
  declaresOnBehalf,
} from '@cordage/domain';
import { SubcontractingService } from '@cordage/application';
import { Access, Change } from '../access/access.decorator';
import { CurrentActor, CurrentBid, CurrentPrincipal } from '../access/access.params';
import { NoContent } from '../common/api-answers.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdParam } from '../common/param.pipe';
import { InvitationDto, InvitationResultDto, ReasonDto } from '../members/dto/members.dto';
import {
  BidSubcontractingDto,
  CapacitiesDto,
  CapacitiesSavedDto,
  EngagementDto,
  SubcontractDto,
  SubcontractTermsDto,
  SubcontractViewDto,
  SubcontractingOverviewDto,
  SubcontractorDirectoryDto,
  SubcontractorDirectoryQueryDto,
  SubcontractorViewDto,
  SubcontractorWithdrawalDto,
  SubcontractorWithdrawnDto,
} from './dto/subcontracting.dto';

@ApiTags('subcontracting')
@Controller('bids/:bidId')
export class SubcontractingController {
  constructor(
    private readonly subcontracting: SubcontractingService,
    @InjectConfig(authConfig) private readonly config: ConfigOf<typeof authConfig>,
  ) {}

  @Get('subcontracting')
  @Access(Permission.BID_MANAGE)
  @ApiOperation({
    summary: 'La sous-traitance de toute la candidature (coordinateurs)',
    description:
      'Chaque cotraitant avec ses sous-traitants (réponse, heures déclarées) et ses ' +
      'sous-traitances ; par lot, les montants sous-traités et le paiement direct.',
  })
  @ApiOkResponse({ type: BidSubcontractingDto })
  async bidOverview(@IdParam('bidId') bidId: string): Promise<BidSubcontractingDto> {
    return this.subcontracting.bidOverview(bidId);
  }

  @Get('members/:memberId/subcontractor-directory')
  @Access(Permission.MEMBER_SUBCONTRACTS_MANAGE)
  @ApiProblems('INVALID_INPUT')
  @ApiOperation({
    summary:
      'Choisir un sous-traitant dans l’annuaire du réseau (éditeurs du membre, coordinateurs)',
    description:
      'Identifiant, raison sociale, type et territoires des structures de l’annuaire du réseau ' +
      'de la candidature, rien d’autre ; l’adresse du contact pour les coordinateurs seulement.',
  })
  @ApiOkResponse({ type: SubcontractorDirectoryDto })
  async directory(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @Query() query: SubcontractorDirectoryQueryDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<SubcontractorDirectoryDto> {
    return this.subcontracting.directoryCandidates(
      bidId,
      memberId,
      query,
      coordinates(principal, scope),
    );
  }

  @Post('members/:memberId/subcontractors/:subcontractorId/withdraw')
  @Change(Permission.MEMBER_SUBCONTRACTS_MANAGE)
  @ApiOperation({
    summary: 'Retirer un sous-traitant du membre, avec la raison',
    description:
      'Les sous-traitances qui lui étaient confiées sont supprimées avec lui (gardées dans ' +
      'l’historique). Un coordinateur le fait pour le compte du membre, qui le voit.',
  })
  @ApiOkResponse({ type: SubcontractorWithdrawnDto })
  async withdraw(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @IdParam('subcontractorId') subcontractorId: string,
    @Body() body: SubcontractorWithdrawalDto,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<SubcontractorWithdrawnDto> {
    return this.subcontracting.withdraw(
      bidId,
      memberId,
      subcontractorId,
      body.reason,
      actor,
      declaresOnBehalf(principal, scope, memberId),
    );
  }

  @Get('members/:memberId/subcontracting')
  @Access(Permission.MEMBER_SUBCONTRACTS_MANAGE)
  @ApiProblems('INVALID_INPUT')
  @ApiOperation({
    summary: 'Les sous-traitants du membre et ses sous-traitances (ses éditeurs, coordinateurs)',
    description: 'Chaque sous-traitant avec sa réponse et ce qu’il déclare pouvoir apporter.',
  })
  @ApiOkResponse({ type: SubcontractingOverviewDto })
  async overview(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
  ): Promise<SubcontractingOverviewDto> {
    return this.subcontracting.overview(bidId, memberId);
  }

  @Post('members/:memberId/subcontractors')
  @Change(Permission.MEMBER_SUBCONTRACTS_MANAGE, 'ALREADY_MEMBER')
  @ApiOperation({
    summary: 'Inviter un sous-traitant du membre : un lien d’invitation part par mail',
    description:
      'Le même lien qu’une invitation de membre (INVITATION_LINK_TTL_DAYS, une seule fois). Le ' +
      'sous-traitant ne voit que les lots de ce membre et ses propres déclarations.',
  })
  @ApiOkResponse({ type: InvitationResultDto })
  async invite(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @Body() invitation: InvitationDto,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<InvitationResultDto> {
    return this.subcontracting.invite(
      bidId,
      memberId,
      invitation,
      actor,
      { ttlDays: this.config.INVITATION_LINK_TTL_DAYS },
      declaresOnBehalf(principal, scope, memberId),
    );
  }

  @Post('members/:memberId/subcontracts')
  @Change(Permission.MEMBER_SUBCONTRACTS_MANAGE)
  @ApiOperation({
    summary: 'Confier une sous-traitance (ou une mise à disposition) à un sous-traitant du membre',
    description:
      'Paiement direct calculé (à partir de 600 € TTC, R2193-10) ; jamais au-delà du montant du ' +
      'membre sur le lot dans la dernière répartition.',
  })
  @ApiOkResponse({ type: SubcontractViewDto })
  async create(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @Body() body: SubcontractDto,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<SubcontractViewDto> {
    const { subcontractorId, ...terms } = body;
    return this.subcontracting.create(
      bidId,
      memberId,
      subcontractorId,
      terms,
      actor,
      declaresOnBehalf(principal, scope, memberId),
    );
  }

  @Put('members/:memberId/subcontracts/:subcontractId')
  @Change(Permission.MEMBER_SUBCONTRACTS_MANAGE)
  @ApiOperation({ summary: 'Modifier une sous-traitance du membre (toutes ses conditions)' })
  @ApiOkResponse({ type: SubcontractViewDto })
  async update(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @IdParam('subcontractId') subcontractId: string,
    @Body() body: SubcontractTermsDto,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<SubcontractViewDto> {
    return this.subcontracting.update(
      bidId,
      memberId,
      subcontractId,
      body,
      actor,
      declaresOnBehalf(principal, scope, memberId),
    );
  }

  @Get('subcontractors/:subcontractorId')
  @Access(Permission.SUBCONTRACTOR_EDIT)
  @ApiOperation({
    summary: 'Ma page de sous-traitant : les lots de mon donneur d’ordre et ma déclaration',
  })
  @ApiOkResponse({ type: SubcontractorViewDto })
  async ownView(
    @IdParam('bidId') bidId: string,
    @IdParam('subcontractorId') subcontractorId: string,
  ): Promise<SubcontractorViewDto> {
    return this.subcontracting.ownView(bidId, subcontractorId);
  }

  @Post('subcontractors/:subcontractorId/accept')
  @Change(Permission.SUBCONTRACTOR_EDIT)
  @NoContent()
  @ApiOperation({ summary: 'Accepter de travailler en sous-traitance (éditeur du sous-traitant)' })
  async accept(
    @IdParam('bidId') bidId: string,
    @IdParam('subcontractorId') subcontractorId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.subcontracting.answer(bidId, subcontractorId, 'ACCEPTED', actor);
  }

  @Post('subcontractors/:subcontractorId/decline')
  @Change(Permission.SUBCONTRACTOR_EDIT)
  @NoContent()
  @ApiOperation({ summary: 'Décliner, avec la raison (éditeur du sous-traitant)' })
  async decline(
    @IdParam('bidId') bidId: string,
    @IdParam('subcontractorId') subcontractorId: string,
    @Body() body: ReasonDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.subcontracting.answer(bidId, subcontractorId, 'DECLINED', actor, body.reason);
  }

  @Put('subcontractors/:subcontractorId/capacities')
  @Change(Permission.SUBCONTRACTOR_EDIT)
  @ApiOperation({
    summary: 'Déclarer ce que je peux apporter à mon donneur d’ordre, par lot et territoire',
    description:
      'Des heures par lot et territoire de ses lots : une capacité pour lui, pas une offre à ' +
      'l’acheteur. Remplace la déclaration précédente.',
  })
  @ApiOkResponse({ type: CapacitiesSavedDto })
  async declare(
    @IdParam('bidId') bidId: string,
    @IdParam('subcontractorId') subcontractorId: string,
    @Body() body: CapacitiesDto,
    @CurrentActor() actor: Actor,
  ): Promise<CapacitiesSavedDto> {
    return this.subcontracting.declare(bidId, subcontractorId, body.capacities, actor);
  }
}

/** A subcontractor's people, on their home page: where their organisations work for a member. */
@ApiTags('subcontracting')
@Controller('subcontracting')
export class MySubcontractingController {
  constructor(private readonly subcontracting: SubcontractingService) {}

  @Get('engagements')
  @Access(Permission.SIGNED_IN)
  @ApiOperation({
    summary: 'Mes sous-traitances : les candidatures où mes structures sont sous-traitantes',
    description:
      'Pour chacune : la consultation, le membre donneur d’ordre, ses lots et ma réponse, avec ' +
      'le lien vers ma page de sous-traitant. Rien d’autre de la candidature.',
  })
  @ApiOkResponse({ type: [EngagementDto] })
  async engagements(@CurrentPrincipal() principal: Principal): Promise<EngagementDto[]> {
    return this.subcontracting.engagements([...principal.editorOf]);
  }
}
