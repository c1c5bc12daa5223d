import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  type BidAccessScope,
  Permission,
  type Principal,
  redactBidView,
  visibleOfferMembers,
} from '@cordage/domain';
import {
  AccessRepository,
  AuditLogRepository,
  BidReadRepository,
  BidSettingsRepository,
} from '@cordage/persistence';
import { Access } from '../access/access.decorator';
import { CurrentActor, CurrentBid, CurrentPrincipal } from '../access/access.params';
import { notFound } from '../common/not-found';
import { UuidParam } from '../common/param.pipe';
import { BidDto, BidSettingsDto, BidSummaryDto } from './dto/bid.dto';
import { HistoryPageDto, HistoryQueryDto } from './dto/history.dto';
import { OfferPageDto, OffersQueryDto } from './dto/offers.dto';

@ApiTags('bids')
@Controller('bids')
export class BidsController {
  constructor(
    private readonly bids: BidReadRepository,
    private readonly settings: BidSettingsRepository,
    private readonly access: AccessRepository,
    private readonly audit: AuditLogRepository,
  ) {}

  @Get()
  @Access(Permission.SIGNED_IN)
  @ApiOperation({
    summary: 'Mes candidatures : celles que je coordonne, où je suis membre ou observateur',
  })
  @ApiOkResponse({ type: [BidSummaryDto] })
  async list(@CurrentPrincipal() principal: Principal): Promise<BidSummaryDto[]> {
    return this.bids.summaries(await this.access.visibleBidIds(principal));
  }

  @Get(':bidId')
  @Access(Permission.BID_READ)
  @ApiOperation({ summary: 'Une candidature : consultation, lots, membres, totaux' })
  @ApiOkResponse({ type: BidDto })
  @ApiNotFoundResponse()
  async find(
    @Param('bidId', UuidParam) bidId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<BidDto> {
    const bid = await this.bids.findBid(bidId);
    if (!bid) throw notFound('Candidature', bidId);
    return redactBidView(bid, visibleOfferMembers(principal, scope));
  }

  @Patch(':bidId')
  @Access(Permission.BID_MANAGE)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Réglages de la candidature (coordinateurs)' })
  async update(
    @Param('bidId', UuidParam) bidId: string,
    @Body() settings: BidSettingsDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    if (settings.transparency)
      await this.settings.setTransparency(bidId, settings.transparency, actor);
    if (settings.convention)
      await this.settings.changeConventionSettings(bidId, settings.convention, actor);
  }

  @Get(':bidId/offers')
  @Access(Permission.BID_READ)
  @ApiOperation({
    summary: 'Les offres, page par page',
    description:
      'Tous les membres si la candidature partage les offres, sinon les vôtres seulement.',
  })
  @ApiOkResponse({ type: OfferPageDto })
  async offers(
    @Param('bidId', UuidParam) bidId: string,
    @Query() query: OffersQueryDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<OfferPageDto> {
    const visible = visibleOfferMembers(principal, scope);
    return this.bids.findOffers(bidId, {
      ...query,
      ...(visible !== 'ALL' && { memberIds: visible }),
    });
  }

  @Get(':bidId/history')
  @Access(Permission.BID_READ)
  @ApiOperation({
    summary: 'L’historique des changements de la candidature, le plus récent d’abord',
  })
  @ApiOkResponse({ type: HistoryPageDto })
  async history(
    @Param('bidId', UuidParam) bidId: string,
    @Query() query: HistoryQueryDto,
  ): Promise<HistoryPageDto> {
    const entries = await this.audit.forBid(bidId, query);
    return {
      items: entries.map((entry) => ({
        seq: entry.seq,
        occurredAt: entry.occurredAt,
        actor: entry.actor,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        before: entry.before,
        after: entry.after,
      })),
      next: entries.length === query.limit ? entries[entries.length - 1].seq : null,
    };
  }
}
