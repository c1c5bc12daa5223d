import { Body, Controller, Get, Patch, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BidQueries, BidSettingsService, ScenarioWorkbooksService } from '@cordage/application';
import {
  type Actor,
  type BidAccessScope,
  DOCUMENT_MEDIA_TYPES,
  Permission,
  type Principal,
} from '@cordage/domain';
import { Access, Change } from '../access/access.decorator';
import {
  CurrentActor,
  CurrentBid,
  CurrentBidRevision,
  CurrentPrincipal,
} from '../access/access.params';
import { ApiFile, NoContent } from '../common/api-answers.decorator';
import { notFound } from '../common/not-found';
import { IdParam } from '../common/param.pipe';
import { BidDto, BidSettingsDto, BidSummaryDto } from './dto/bid.dto';
import { HistoryPageDto, HistoryQueryDto } from './dto/history.dto';
import { OfferPageDto, OffersQueryDto } from './dto/offers.dto';

@ApiTags('bids')
@Controller('bids')
export class BidsController {
  constructor(
    private readonly bids: BidQueries,
    private readonly settings: BidSettingsService,
    private readonly workbooks: ScenarioWorkbooksService,
  ) {}

  @Get()
  @Access(Permission.SIGNED_IN)
  @ApiOperation({
    summary: 'Mes candidatures : celles que je coordonne, où je suis membre ou observateur',
  })
  @ApiOkResponse({ type: [BidSummaryDto] })
  async list(@CurrentPrincipal() principal: Principal): Promise<BidSummaryDto[]> {
    return this.bids.list(principal);
  }

  @Get(':bidId')
  @Access(Permission.BID_READ)
  @ApiOperation({ summary: 'Une candidature : consultation, lots, membres, totaux' })
  @ApiOkResponse({ type: BidDto })
  async find(
    @IdParam('bidId') bidId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
    @CurrentBidRevision() revision: string | null,
  ): Promise<BidDto> {
    const bid = await this.bids.find(bidId, principal, scope, revision);
    if (!bid) throw notFound('Candidature', bidId);
    return bid;
  }

  @Patch(':bidId')
  @Change(Permission.BID_MANAGE)
  @NoContent()
  @ApiOperation({ summary: 'Réglages de la candidature (coordinateurs)' })
  async update(
    @IdParam('bidId') bidId: string,
    @Body() settings: BidSettingsDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.settings.change(bidId, settings, actor);
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
    @IdParam('bidId') bidId: string,
    @Query() query: OffersQueryDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<OfferPageDto> {
    return this.bids.offers(bidId, query, principal, scope);
  }

  @Get(':bidId/history')
  @Access(Permission.BID_READ)
  @ApiOperation({
    summary: 'L’historique des changements de la candidature, le plus récent d’abord',
  })
  @ApiOkResponse({ type: HistoryPageDto })
  async history(
    @IdParam('bidId') bidId: string,
    @Query() query: HistoryQueryDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<HistoryPageDto> {
    return this.bids.history(bidId, query, principal, scope);
  }

  @Get(':bidId/workbook')
  @Access(Permission.BID_MANAGE)
  @ApiOperation({
    summary: 'La candidature en classeur XLSX, à modifier et importer de nouveau (coordinateurs)',
    description:
      'Les colonnes du modèle d’import : consultation, lots, cellules, organisations, offres, ' +
      'limites et sous-traitances, montants en euros, territoires nommés. Les membres retirés ' +
      'ou qui ont décliné n’y figurent pas.',
  })
  @ApiFile('Le classeur de la candidature', DOCUMENT_MEDIA_TYPES.XLSX)
  async workbook(@IdParam('bidId') bidId: string): Promise<StreamableFile> {
    const content = await this.workbooks.bidWorkbook(bidId);
    if (!content) throw notFound('Candidature', bidId);
    return new StreamableFile(content, {
      type: DOCUMENT_MEDIA_TYPES.XLSX,
      length: content.length,
      disposition: `attachment; filename="candidature-${bidId}.xlsx"`,
    });
  }
}
