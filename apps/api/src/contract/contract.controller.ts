import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ContractAwardService,
  ContractPeriodsService,
  DriftAlertsService,
  RealisedFiguresService,
  RealisedRemindersService,
  ReplansService,
} from '@cordage/application';
import {
  type Actor,
  type BidAccessScope,
  Permission,
  type Principal,
  declaresOnBehalf,
  visibleOfferMembers,
} from '@cordage/domain';
import { Access, Change } from '../access/access.decorator';
import { CurrentActor, CurrentBid, CurrentPrincipal } from '../access/access.params';
import { NoContent } from '../common/api-answers.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdParam, VersionNumberParam } from '../common/param.pipe';
import {
  AwardDto,
  ContractAwardDto,
  ContractSetDto,
  ContractTermsDto,
  DeclarationDto,
  DriftAlertsDto,
  DeclarationResultDto,
  PlannedRealisedDto,
  PlannedRealisedQueryDto,
  PlannedRealisedTotalsDto,
  PlannedRealisedTotalsQueryDto,
  MissingDeclarationsDto,
  MonthImportDto,
  MonthImportResultDto,
  RealisedRemindedDto,
  ReplanDto,
  ReplanRequestDto,
  ReplanRequestedDto,
  ReplanSummaryDto,
} from './dto/contract.dto';

/** After the award: the lots won and lost, and the contract's planned split. */
@ApiTags('contract')
@Controller('bids/:bidId')
export class ContractController {
  constructor(
    private readonly awards: ContractAwardService,
    private readonly periods: ContractPeriodsService,
    private readonly realised: RealisedFiguresService,
    private readonly replans: ReplansService,
    private readonly reminders: RealisedRemindersService,
    private readonly drifts: DriftAlertsService,
  ) {}

  @Post('award')
  @Change(Permission.BID_MANAGE)
  @NoContent()
  @ApiOperation({
    summary: 'Enregistrer l’attribution lot par lot (gagné avec son montant, ou perdu)',
    description:
      'Une fois, sur une candidature attribuée. La répartition signée restreinte aux lots gagnés ' +
      'devient la répartition prévue du marché ; un montant attribué différent de l’offre est ' +
      'réparti au plus fort reste, au centime près.',
  })
  async award(
    @IdParam('bidId') bidId: string,
    @Body() body: AwardDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.awards.record(bidId, body, actor);
  }

  @Get('award')
  @Access(Permission.BID_READ)
  @ApiOperation({
    summary: 'L’attribution et la répartition prévue du marché',
    description:
      'Chacun voit ses propres cellules ; celles des autres membres selon la transparence de la ' +
      'candidature (OPEN), comme leurs offres.',
  })
  @ApiOkResponse({ type: ContractAwardDto })
  async read(
    @IdParam('bidId') bidId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<ContractAwardDto> {
    return this.awards.read(bidId, visibleOfferMembers(principal, scope));
  }

  @Post('award/contracts')
  @Change(Permission.BID_MANAGE)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Fixer le marché d’un lot gagné : début, durée, périodes (mensuelles par défaut)',
    description:
      'Une fois par lot. La répartition prévue de chaque membre est étalée sur les périodes ' +
      'au plus fort reste : les périodes totalisent la cellule au centime près.',
  })
  @ApiOkResponse({ type: ContractSetDto })
  async setContract(
    @IdParam('bidId') bidId: string,
    @Body() body: ContractTermsDto,
    @CurrentActor() actor: Actor,
  ): Promise<ContractSetDto> {
    return this.periods.set(bidId, body, actor);
  }

  @Post('members/:memberId/realised')
  @Change(Permission.MEMBER_REPORT)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Déclarer le réalisé d’un membre : heures, chiffre d’affaires, insertion',
    description:
      'Par période, lot et cellule ; tout ou rien. Un chiffre déjà déclaré est corrigé par une ' +
      'nouvelle entrée avec son motif (reason), jamais modifié. Un coordinateur peut déclarer ' +
      'pour le membre (enregistré comme tel). Refusés en nommant le champ : lot perdu, période ' +
      'hors du marché, membre parti, chiffres négatifs.',
  })
  @ApiOkResponse({ type: DeclarationResultDto })
  async declare(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @Body() body: DeclarationDto,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<DeclarationResultDto> {
    return this.realised.declare(bidId, memberId, body.entries, body.reason ?? null, {
      actor,
      onBehalf: declaresOnBehalf(principal, scope, memberId),
    });
  }

  @Post('realised/import')
  @Change(Permission.BID_MANAGE)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Importer le mois : le réalisé de tous les membres pour une période',
    description:
      'Par la coordination, pour le compte des membres (enregistré comme tel) ; tout ou rien : ' +
      'une ligne refusée (membre inconnu ou parti, lot perdu, période hors du marché, chiffres ' +
      'négatifs…) est nommée (lines[i].champ) et rien n’est écrit. Un chiffre déjà déclaré est ' +
      'corrigé par une nouvelle entrée avec son motif (reason), jamais modifié. Les dérives ' +
      'révélées sont signalées une fois.',
  })
  @ApiOkResponse({ type: MonthImportResultDto })
  async importMonth(
    @IdParam('bidId') bidId: string,
    @Body() body: MonthImportDto,
    @CurrentActor() actor: Actor,
  ): Promise<MonthImportResultDto> {
    return this.realised.importMonth(
      bidId,
      { period: body.period, lines: body.lines, reason: body.reason ?? null },
      actor,
    );
  }

  @Get('realised')
  @Access(Permission.BID_READ)
  @ApiOperation({
    summary: 'Prévu contre réalisé par membre, lot, cellule et période, avec les cumuls',
    description:
      'Chaque membre voit ses propres lignes ; celles des autres selon la transparence de la ' +
      'candidature (OPEN). Les chiffres en vigueur sont les dernières entrées.',
  })
  @ApiOkResponse({ type: PlannedRealisedDto })
  async plannedAgainstRealised(
    @IdParam('bidId') bidId: string,
    @Query() query: PlannedRealisedQueryDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<PlannedRealisedDto> {
    const visible = visibleOfferMembers(principal, scope);
    const members = visible === 'ALL' ? null : visible;
    const lines = await this.realised.plannedAgainstRealised(
      bidId,
      query.member === undefined
        ? members
        : (members ?? [query.member]).filter((id) => id === query.member),
      query.lot ?? null,
    );
    return { lines };
  }

  @Get('realised/totals')
  @Access(Permission.BID_READ)
  @ApiOperation({
    summary: 'Prévu contre réalisé par membre, lot et période, avec les cumuls',
    description:
      'La page du suivi : les sommes des cellules de chaque membre par lot et période (le ' +
      'détail par cellule sur /realised?member=&lot=). Même visibilité que /realised.',
  })
  @ApiOkResponse({ type: PlannedRealisedTotalsDto })
  async plannedAgainstRealisedTotals(
    @IdParam('bidId') bidId: string,
    @Query() query: PlannedRealisedTotalsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<PlannedRealisedTotalsDto> {
    const visible = visibleOfferMembers(principal, scope);
    const totals = await this.realised.plannedAgainstRealisedTotals(
      bidId,
      visible === 'ALL' ? null : visible,
      query.lot ?? null,
    );
    return { totals };
  }

  @Get('realised/drifts')
  @Access(Permission.BID_READ)
  @ApiOperation({
    summary: 'Les alertes d’écart levées : membre, lot, première période, date, courriels partis',
    description:
      'Une alerte par écart (plus de 15 % en deçà du prévu cumulé deux périodes de suite). ' +
      'Chaque membre voit les siennes ; celles des autres selon la transparence de la ' +
      'candidature (OPEN), comme /realised.',
  })
  @ApiOkResponse({ type: DriftAlertsDto })
  async driftAlerts(
    @IdParam('bidId') bidId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<DriftAlertsDto> {
    const visible = visibleOfferMembers(principal, scope);
    return { alerts: await this.drifts.list(bidId, visible === 'ALL' ? null : visible) };
  }

  @Post('award/replans')
  @Change(Permission.BID_MANAGE)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Replanifier le marché à partir d’une période (coordinateurs)',
    description:
      'Le worker relance la répartition en trois étapes sur la demande restante, le réalisé des ' +
      'périodes précédentes restant acquis ; les périodes précédentes ne changent pas. Suivez le ' +
      'job : validating, coverage, proximity, fairness, apportioning, saving. Refusé en nommant ' +
      'le champ : première période, période hors du marché, aucun lot attribué.',
  })
  @ApiAcceptedResponse({ type: ReplanRequestedDto })
  async replan(
    @IdParam('bidId') bidId: string,
    @Body() body: ReplanRequestDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReplanRequestedDto> {
    return this.replans.request(bidId, body.fromPeriod, actor);
  }

  @Get('award/replans')
  @Access(Permission.BID_READ)
  @ApiOperation({ summary: 'Les replanifications du marché, dans l’ordre' })
  @ApiOkResponse({ type: [ReplanSummaryDto] })
  async replanList(@IdParam('bidId') bidId: string): Promise<ReplanSummaryDto[]> {
    return this.replans.list(bidId);
  }

  @Get('award/replans/:number')
  @Access(Permission.BID_READ)
  @ApiProblems('NOT_FOUND')
  @ApiOperation({
    summary: 'Une replanification : la nouvelle répartition des périodes restantes',
    description:
      'Chaque membre voit ses propres lignes ; celles des autres selon la transparence de la ' +
      'candidature (OPEN). La part non couverte est toujours visible.',
  })
  @ApiOkResponse({ type: ReplanDto })
  async replanRead(
    @IdParam('bidId') bidId: string,
    @Param('number', VersionNumberParam) number: number,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<ReplanDto> {
    return this.replans.read(bidId, number, visibleOfferMembers(principal, scope));
  }

  @Get('realised/missing')
  @Access(Permission.BID_MANAGE)
  @ApiProblems('WORKFLOW_RULE_VIOLATED')
  @ApiOperation({
    summary: 'Les déclarations de réalisé manquantes (coordinateurs)',
    description:
      'Par membre, lot et période close : ce qui n’est pas déclaré, avec la date de la relance.',
  })
  @ApiOkResponse({ type: MissingDeclarationsDto })
  async missing(@IdParam('bidId') bidId: string): Promise<MissingDeclarationsDto> {
    return { missing: await this.reminders.missing(bidId) };
  }

  @Post('realised/reminders')
  @Access(Permission.BID_MANAGE)
  @HttpCode(HttpStatus.OK)
  @ApiProblems('INVALID_TRANSITION', 'WORKFLOW_RULE_VIOLATED')
  @ApiOperation({
    summary: 'Relancer les membres qui n’ont pas déclaré une période close (coordinateurs)',
    description:
      'Une fois par membre, lot et période, quel que soit le nombre de clics ; les courriels ' +
      'partent par la file d’envoi. 409 quand il n’y a personne à relancer.',
  })
  @ApiOkResponse({ type: RealisedRemindedDto })
  async remindMissing(
    @IdParam('bidId') bidId: string,
    @CurrentActor() actor: Actor,
  ): Promise<RealisedRemindedDto> {
    return this.reminders.remind(bidId, actor);
  }
}
