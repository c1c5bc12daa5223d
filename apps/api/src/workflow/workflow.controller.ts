import { Body, Controller, Get, HttpCode, HttpStatus, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  BidCharterService,
  BidTransitionService,
  CharterService,
  VoteService,
  WorkflowOverviewService,
} from '@cordage/application';
import { type Actor, Permission, type Principal } from '@cordage/domain';
import { Access, Change } from '../access/access.decorator';
import { CurrentActor, CurrentPrincipal } from '../access/access.params';
import { NoContent } from '../common/api-answers.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdParam } from '../common/param.pipe';
import {
  BidCharterDto,
  ChangeRequestCreateDto,
  ChangeRequestDto,
  ChangeRequestTransitionDto,
  ChangeRequestTransitionResultDto,
  CharterAcceptanceDto,
  CharterDto,
  CharterPublishedDto,
  CharterVersionsDto,
  NextStepDto,
  ReplanChangeCreateDto,
  ReplanVoteStateDto,
  TransitionDto,
  TransitionResultDto,
  VoteDto,
  VoteStateDto,
  WorkflowDto,
} from './dto/workflow.dto';
import { ChangeRequestsService } from './change-requests.service';
import { toVoteStateDto, toWorkflowDto } from './workflow.mapper';

/** The bid's workflow; the people who must act next are mailed once a step is committed. */
@ApiTags('workflow')
@Controller()
export class WorkflowController {
  constructor(
    private readonly overview: WorkflowOverviewService,
    private readonly transitions: BidTransitionService,
    private readonly votes: VoteService,
    private readonly charters: CharterService,
    private readonly bidCharters: BidCharterService,
    private readonly changeRequests: ChangeRequestsService,
  ) {}

  @Get('next-steps')
  @Access(Permission.SIGNED_IN)
  @ApiOperation({
    summary: 'Ce que j’ai à faire : répondre, déclarer, voter, signer, faire avancer',
  })
  @ApiOkResponse({ type: [NextStepDto] })
  async nextSteps(@CurrentPrincipal() principal: Principal): Promise<NextStepDto[]> {
    return this.overview.nextSteps(principal);
  }

  @Get('bids/:bidId/workflow')
  @Access(Permission.BID_READ)
  @ApiOperation({
    summary: 'Où en est la candidature : état, étapes possibles, échéances, vote en cours',
  })
  @ApiOkResponse({ type: WorkflowDto })
  async state(@IdParam('bidId') bidId: string): Promise<WorkflowDto> {
    const { facts, composition, vote } = await this.overview.state(bidId);
    return toWorkflowDto(facts, composition, vote);
  }

  @Post('bids/:bidId/workflow/transitions')
  @Access(Permission.BID_MANAGE)
  @ApiProblems('INVALID_TRANSITION', 'INVALID_INPUT')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Faire avancer la candidature d’une étape (coordinateurs)',
    description:
      'DRAFT → COLLECTING → ALLOCATING → PROPOSED → AGREED → SIGNING → SIGNED → SUBMITTED → ' +
      'AWARDED | LOST, ou WITHDRAWN. Une étape refusée répond 409 avec la raison (problems[].code).',
  })
  @ApiOkResponse({ type: TransitionResultDto })
  async transition(
    @IdParam('bidId') bidId: string,
    @Body() step: TransitionDto,
    @CurrentActor() actor: Actor,
  ): Promise<TransitionResultDto> {
    const transition = await this.transitions.transition(bidId, step.event, actor, {
      ...(step.capacityDeadline && { capacityDeadline: new Date(step.capacityDeadline) }),
      ...(step.reminderDays && { reminderDays: step.reminderDays }),
      ...(step.allocationVersion !== undefined && { allocationVersion: step.allocationVersion }),
      ...(step.acknowledgeUncovered !== undefined && {
        acknowledgeUncovered: step.acknowledgeUncovered,
      }),
    });
    return transition;
  }

  @Post('bids/:bidId/members/:memberId/votes')
  @Change(Permission.MEMBER_EDIT)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Approuver la répartition soumise au vote, ou s’y opposer avec un commentaire',
    description: 'Quand la règle de décision est satisfaite, la candidature passe à AGREED.',
  })
  @ApiOkResponse({ type: VoteStateDto })
  async vote(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @Body() ballot: VoteDto,
    @CurrentActor() actor: Actor,
  ): Promise<VoteStateDto> {
    const state = await this.votes.vote(bidId, memberId, ballot, actor);
    return toVoteStateDto(state);
  }

  @Put('networks/:networkId/charter')
  @Access(Permission.NETWORK_MANAGE)
  @ApiOperation({
    summary: 'Publier une nouvelle version de la charte du réseau (coordinateurs)',
    description: 'Chaque membre l’accepte avant de déclarer ses capacités.',
  })
  @ApiOkResponse({ type: CharterPublishedDto })
  async publishCharter(
    @IdParam('networkId') networkId: string,
    @Body() charter: CharterDto,
    @CurrentActor() actor: Actor,
  ): Promise<CharterPublishedDto> {
    return { version: await this.charters.publish(networkId, charter, actor) };
  }

  @Get('networks/:networkId/charter/versions')
  @Access(Permission.NETWORK_MANAGE)
  @ApiOperation({
    summary: 'Les versions de la charte du réseau et qui a accepté chacune (coordinateurs)',
    description:
      'La plus récente d’abord ; pour chaque version, son texte, qui l’a publiée, et les ' +
      'organisations qui l’ont acceptée, avec la personne et la date.',
  })
  @ApiOkResponse({ type: CharterVersionsDto })
  async charterVersions(@IdParam('networkId') networkId: string): Promise<CharterVersionsDto> {
    const versions = await this.charters.versions(networkId);
    return {
      versions: versions.map((version) => ({
        ...version,
        publishedAt: version.publishedAt.toISOString(),
        acceptances: version.acceptances.map((acceptance) => ({
          ...acceptance,
          acceptedAt: acceptance.acceptedAt.toISOString(),
        })),
      })),
    };
  }

  @Get('bids/:bidId/charter')
  @Access(Permission.BID_READ)
  @ApiOperation({ summary: 'La charte du réseau et qui l’a acceptée' })
  @ApiOkResponse({ type: BidCharterDto })
  async charter(@IdParam('bidId') bidId: string): Promise<BidCharterDto> {
    return this.bidCharters.standing(bidId);
  }

  @Post('bids/:bidId/members/:memberId/charter-acceptance')
  @Access(Permission.MEMBER_EDIT)
  @ApiProblems('INVALID_INPUT')
  @NoContent()
  @ApiOperation({ summary: 'Accepter la charte en vigueur (éditeur du membre)' })
  async acceptCharter(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @Body() body: CharterAcceptanceDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.bidCharters.accept(bidId, memberId, body.version, actor);
  }

  @Post('bids/:bidId/change-requests')
  @Change(Permission.BID_MANAGE)
  @ApiOperation({
    summary: 'Ouvrir une demande de modification après la signature (coordinateurs)',
    description:
      'Un membre dans l’impossibilité d’exécuter sa part, ou une restructuration (R2142-26) : il ' +
      'quitte le groupement ; les autres se répartissent à nouveau le travail, approuvent la ' +
      'nouvelle répartition et signent un avenant, que l’acheteur agrée.',
  })
  @ApiOkResponse({ type: ChangeRequestDto })
  async openChange(
    @IdParam('bidId') bidId: string,
    @Body() request: ChangeRequestCreateDto,
    @CurrentActor() actor: Actor,
  ): Promise<ChangeRequestDto> {
    return this.changeRequests.open(bidId, request, actor);
  }

  @Get('bids/:bidId/change-requests')
  @Access(Permission.BID_READ)
  @ApiOperation({ summary: 'Les demandes de modification de la candidature' })
  @ApiOkResponse({ type: [ChangeRequestDto] })
  async changes(@IdParam('bidId') bidId: string): Promise<ChangeRequestDto[]> {
    return this.changeRequests.list(bidId);
  }

  @Post('bids/:bidId/change-requests/:changeRequestId/transitions')
  @Change(Permission.BID_MANAGE, 'INVALID_TRANSITION')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Faire avancer une demande de modification (coordinateurs)',
    description:
      'REALLOCATE (la version calculée entre les membres restants, soumise à leur vote), ' +
      'OPEN_AMENDMENT_SIGNING (fige l’avenant généré), CLOSE (tous ont signé ; automatique), REJECT.',
  })
  @ApiOkResponse({ type: ChangeRequestTransitionResultDto })
  async changeStep(
    @IdParam('bidId') bidId: string,
    @IdParam('changeRequestId') changeRequestId: string,
    @Body() step: ChangeRequestTransitionDto,
    @CurrentActor() actor: Actor,
  ): Promise<ChangeRequestTransitionResultDto> {
    return this.changeRequests.step(bidId, changeRequestId, step, actor);
  }

  @Post('bids/:bidId/change-requests/replans')
  @Change(Permission.BID_MANAGE)
  @ApiOperation({
    summary: 'Mettre une replanification au vote des membres (coordinateurs)',
    description:
      'Une demande de modification REPLAN : les membres votent la nouvelle répartition des ' +
      'périodes restantes selon la règle de décision de la candidature, puis elle s’applique.',
  })
  @ApiOkResponse({ type: ChangeRequestDto })
  async openReplanChange(
    @IdParam('bidId') bidId: string,
    @Body() request: ReplanChangeCreateDto,
    @CurrentActor() actor: Actor,
  ): Promise<ChangeRequestDto> {
    return this.changeRequests.openReplan(bidId, request, actor);
  }

  @Get('bids/:bidId/change-requests/:changeRequestId/replan-vote')
  @Access(Permission.BID_READ)
  @ApiOperation({ summary: 'Le vote sur une replanification, tel qu’il se présente' })
  @ApiOkResponse({ type: ReplanVoteStateDto })
  async replanVote(
    @IdParam('bidId') bidId: string,
    @IdParam('changeRequestId') changeRequestId: string,
  ): Promise<ReplanVoteStateDto> {
    return this.changeRequests.replanVote(bidId, changeRequestId);
  }

  @Post('bids/:bidId/members/:memberId/change-requests/:changeRequestId/votes')
  @Change(Permission.MEMBER_EDIT)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Approuver une replanification mise au vote, ou s’y opposer avec un commentaire',
  })
  @ApiOkResponse({ type: ReplanVoteStateDto })
  async voteOnReplan(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @IdParam('changeRequestId') changeRequestId: string,
    @Body() ballot: VoteDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReplanVoteStateDto> {
    return this.changeRequests.voteOnReplan(bidId, changeRequestId, memberId, ballot, actor);
  }
}
