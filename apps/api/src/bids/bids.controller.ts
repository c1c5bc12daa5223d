import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BidReadRepository } from '@cordage/persistence';
import { UuidParamPipe, notFound } from '../common/uuid-param.pipe';
import { BidDto } from './dto/bid.dto';
import { OfferPageDto, OffersQueryDto } from './dto/offers.dto';

@ApiTags('bids')
@Controller('bids')
export class BidsController {
  constructor(private readonly bids: BidReadRepository) {}

  @Get(':id')
  @ApiOperation({ summary: 'Une candidature : consultation, lots, membres, totaux' })
  @ApiOkResponse({ type: BidDto })
  @ApiNotFoundResponse()
  async find(@Param('id', new UuidParamPipe('Candidature')) id: string): Promise<BidDto> {
    const bid = await this.bids.findBid(id);
    if (!bid) throw notFound('Candidature', id);
    return bid;
  }

  @Get(':id/offers')
  @ApiOperation({ summary: 'Les offres des membres, page par page' })
  @ApiOkResponse({ type: OfferPageDto })
  @ApiNotFoundResponse()
  async offers(
    @Param('id', new UuidParamPipe('Candidature')) id: string,
    @Query() query: OffersQueryDto,
  ): Promise<OfferPageDto> {
    if (!(await this.bids.exists(id))) throw notFound('Candidature', id);
    return this.bids.findOffers(id, query);
  }
}
