import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrdersService } from '@cordage/application';
import {
  type Actor,
  type BidAccessScope,
  Permission,
  type Principal,
  visibleOfferMembers,
} from '@cordage/domain';
import { Access, Change } from '../access/access.decorator';
import { CurrentActor, CurrentBid, CurrentPrincipal } from '../access/access.params';
import { IdParam } from '../common/param.pipe';
import {
  OrderDto,
  OrderProposalDto,
  OrderProposalRequestDto,
  OrderRecordedDto,
  OrdersDto,
} from './dto/orders.dto';

/** Orders (« bons de commande ») of framework contracts and their split among the members. */
@ApiTags('contract')
@Controller('bids/:bidId/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  // Who records is decided by the use case: the coordinators and the mandataire's editors.
  @Change(Permission.BID_READ, 'FORBIDDEN')
  @ApiOperation({
    summary: 'Enregistrer un bon de commande et son attribution aux membres',
    description:
      'Le mandataire (ou un coordinateur) : date, lot, cellules, montant HT en centimes, numéro ' +
      'de l’acheteur. Sans répartition, Cordage applique celle qu’il propose d’après la ' +
      'répartition prévue en vigueur (au plus fort reste, au centime près) ; une répartition ' +
      'ajustée doit totaliser le montant du bon. Refusés en nommant le champ : lot perdu, date ' +
      'hors du marché, cellule hors du lot, montant négatif, numéro déjà enregistré.',
  })
  @ApiCreatedResponse({ type: OrderRecordedDto })
  async record(
    @IdParam('bidId') bidId: string,
    @Body() body: OrderDto,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<OrderRecordedDto> {
    return this.orders.record(bidId, body, { actor, principal, scope });
  }

  @Post('proposal')
  @Change(Permission.BID_READ, 'FORBIDDEN')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'L’attribution que Cordage propose pour un bon de commande (rien n’est enregistré)',
    description:
      'Le montant du bon réparti entre les membres en proportion de leur part prévue en vigueur ' +
      'sur ses cellules pour sa période, au plus fort reste. Mêmes droits et mêmes refus que ' +
      'l’enregistrement.',
  })
  @ApiOkResponse({ type: OrderProposalDto })
  async propose(
    @IdParam('bidId') bidId: string,
    @Body() body: OrderProposalRequestDto,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<OrderProposalDto> {
    return this.orders.propose(bidId, body, { actor, principal, scope });
  }

  @Get()
  @Access(Permission.BID_READ)
  @ApiOperation({
    summary: 'Les bons de commande, les parts des membres et leur réalisé',
    description:
      'Du plus récent au plus ancien. Chaque membre voit sa part ; celles des autres selon la ' +
      'transparence de la candidature (OPEN), comme le réalisé.',
  })
  @ApiOkResponse({ type: OrdersDto })
  async list(
    @IdParam('bidId') bidId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<OrdersDto> {
    const visible = visibleOfferMembers(principal, scope);
    return { orders: await this.orders.list(bidId, visible === 'ALL' ? null : visible) };
  }
}
