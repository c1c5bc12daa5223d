import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ConfigOf, InjectConfig, authConfig } from '@cordage/config';
import {
  type Actor,
  type BidAccessScope,
  Permission,
  type Principal,
  declaresOnBehalf,
} from '@cordage/domain';
import {
  BidQueries,
  InvitationsService,
  MemberRemindersService,
  MembershipService,
  OrganisationParticularsService,
} from '@cordage/application';
import { Access, Change } from '../access/access.decorator';
import { CurrentActor, CurrentBid, CurrentPrincipal } from '../access/access.params';
import { OfferPageDto, OffersQueryDto } from '../bids/dto/offers.dto';
import { NoContent } from '../common/api-answers.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdParam } from '../common/param.pipe';
import {
  InvitationDto,
  InvitationLinksRevokedDto,
  InvitationResultDto,
  MemberDataDto,
  MemberParticularsDto,
  MemberRemindedDto,
  MembersRemindedDto,
  OffersDto,
  OffersSavedDto,
  ParticularsDto,
  ReasonDto,
  ReminderDto,
  SignatoryDesignatedDto,
  SignatoryDto,
} from './dto/members.dto';

@ApiTags('members')
@Controller('bids/:bidId')
export class MembersController {
  constructor(
    private readonly members: MembershipService,
    private readonly invitations: InvitationsService,
    private readonly bids: BidQueries,
    private readonly particulars: OrganisationParticularsService,
    private readonly reminders: MemberRemindersService,
    @InjectConfig(authConfig) private readonly config: ConfigOf<typeof authConfig>,
  ) {}

  @Get('members/:memberId/particulars')
  @Access(Permission.MEMBER_READ)
  @ApiOperation({
    summary: 'Les informations de l’organisation du membre que la convention imprime',
    description:
      'Forme juridique, adresse du siège, agrément et autorité qui l’a délivré, qualité du ' +
      'représentant : saisies une fois par le réseau pour l’organisation, reprises dans toutes ' +
      'les candidatures de ce réseau ; un autre réseau ne les voit pas.',
  })
  @ApiOkResponse({ type: MemberParticularsDto })
  async readParticulars(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
  ): Promise<MemberParticularsDto> {
    return this.particulars.read(bidId, memberId);
  }

  @Put('members/:memberId/particulars')
  @Access(Permission.MEMBER_PARTICULARS_EDIT)
  @ApiOperation({
    summary: 'Saisir les informations de l’organisation (éditeur du membre ou coordinateurs)',
    description: 'Toutes à la fois ; null pour une information encore inconnue.',
  })
  @ApiOkResponse({ type: MemberParticularsDto })
  async replaceParticulars(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @Body() body: ParticularsDto,
    @CurrentActor() actor: Actor,
  ): Promise<MemberParticularsDto> {
    return this.particulars.replace(bidId, memberId, body, actor);
  }

  @Put('members/:memberId/signatory')
  @Change(Permission.MEMBER_PARTICULARS_EDIT)
  @ApiOperation({
    summary: 'Changer ou désigner le signataire du membre (éditeur du membre ou coordinateurs)',
    description:
      'Nom, qualité et adresse de la personne qui signe la convention pour l’organisation ; ' +
      'enregistré dans l’historique. Refusé (422, CONVENTION_IN_SIGNATURE) pendant la signature ' +
      'd’une convention de l’organisation. Si l’organisation a déjà des représentants, ils ' +
      'confirment d’abord la personne (PENDING).',
  })
  @ApiOkResponse({ type: SignatoryDesignatedDto })
  async designateSignatory(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @Body() body: SignatoryDto,
    @CurrentActor() actor: Actor,
  ): Promise<SignatoryDesignatedDto> {
    return this.invitations.designateSignatory(bidId, memberId, body, actor);
  }

  @Post('invitations')
  @Change(Permission.BID_MANAGE, 'ALREADY_MEMBER')
  @ApiOperation({
    summary: 'Inviter une organisation (coordinateurs) : un lien d’invitation part par mail',
    description:
      'Le lien vaut plusieurs jours (INVITATION_LINK_TTL_DAYS), une seule fois. Si l’organisation ' +
      'a déjà des représentants, la personne invitée n’a aucun rôle avant que l’un d’eux (ou un ' +
      'administrateur) ne le confirme : ils en sont avertis par mail.',
  })
  @ApiOkResponse({ type: InvitationResultDto })
  async invite(
    @IdParam('bidId') bidId: string,
    @Body() invitation: InvitationDto,
    @CurrentActor() actor: Actor,
  ): Promise<InvitationResultDto> {
    return this.invitations.invite(bidId, invitation, actor, {
      ttlDays: this.config.INVITATION_LINK_TTL_DAYS,
    });
  }

  @Post('members/:memberId/invitation-link')
  @Access(Permission.BID_MANAGE)
  @ApiProblems('INVALID_INPUT', 'INVALID_TRANSITION')
  @NoContent()
  @ApiOperation({
    summary: 'Renvoyer le lien d’invitation (coordinateurs) : les liens précédents sont révoqués',
  })
  async resendInvitationLink(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.invitations.resendLink(bidId, memberId, actor, {
      ttlDays: this.config.INVITATION_LINK_TTL_DAYS,
    });
  }

  @Delete('members/:memberId/invitation-link')
  @Access(Permission.BID_MANAGE)
  @ApiProblems('INVALID_TRANSITION')
  @ApiOperation({ summary: 'Révoquer le lien d’invitation encore valable (coordinateurs)' })
  @ApiOkResponse({ type: InvitationLinksRevokedDto })
  async revokeInvitationLink(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @CurrentActor() actor: Actor,
  ): Promise<InvitationLinksRevokedDto> {
    return { revoked: await this.members.revokeInvitationLinks(bidId, memberId, actor) };
  }

  @Post('members/:memberId/reminders')
  @Access(Permission.BID_MANAGE)
  @ApiProblems('INVALID_TRANSITION')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Relancer un membre pour l’étape en cours : déclaration, vote ou signature (coordinateurs)',
    description:
      'Un mail à ceux qui agissent pour le membre, une fois par clic (clickId). 409 si le membre a ' +
      'déjà fait l’étape, n’en a pas à faire, ou si aucune étape n’attend les membres.',
  })
  @ApiOkResponse({ type: MemberRemindedDto })
  async remind(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @Body() body: ReminderDto,
    @CurrentActor() actor: Actor,
  ): Promise<MemberRemindedDto> {
    const reminded = await this.reminders.remindOne(bidId, memberId, body.clickId, actor);
    return { ...reminded, lastRemindedAt: reminded.lastRemindedAt.toISOString() };
  }

  @Post('reminders')
  @Access(Permission.BID_MANAGE)
  @ApiProblems('INVALID_TRANSITION')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Relancer tous les membres en retard pour l’étape en cours (coordinateurs)',
    description: 'Une fois par clic (clickId). 409 si personne n’est en retard.',
  })
  @ApiOkResponse({ type: MembersRemindedDto })
  async remindLate(
    @IdParam('bidId') bidId: string,
    @Body() body: ReminderDto,
    @CurrentActor() actor: Actor,
  ): Promise<MembersRemindedDto> {
    const reminded = await this.reminders.remindLate(bidId, body.clickId, actor);
    return {
      reminded: reminded.map((one) => ({
        ...one,
        lastRemindedAt: one.lastRemindedAt.toISOString(),
      })),
    };
  }

  @Post('members/:memberId/accept')
  @Change(Permission.MEMBER_EDIT)
  @NoContent()
  @ApiOperation({ summary: 'Accepter l’invitation (éditeur du membre)' })
  async accept(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.members.changeStatus(bidId, memberId, 'ACCEPTED', actor);
  }

  @Post('members/:memberId/decline')
  @Change(Permission.MEMBER_EDIT)
  @NoContent()
  @ApiOperation({ summary: 'Décliner l’invitation, avec la raison (éditeur du membre)' })
  async decline(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @Body() body: ReasonDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.members.changeStatus(bidId, memberId, 'DECLINED', actor, body.reason);
  }

  @Post('members/:memberId/withdraw')
  @Change(Permission.BID_MANAGE)
  @NoContent()
  @ApiOperation({ summary: 'Retirer un membre de la candidature (coordinateurs)' })
  async withdraw(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @Body() body: ReasonDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.members.changeStatus(bidId, memberId, 'WITHDRAWN', actor, body.reason);
  }

  @Patch('members/:memberId')
  @Change(Permission.MEMBER_EDIT)
  @NoContent()
  @ApiOperation({
    summary: 'Les données du membre : heures d’insertion, plafonds (éditeur du membre)',
  })
  async update(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @Body() data: MemberDataDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.members.updateData(bidId, memberId, data, actor);
  }

  @Get('members/:memberId/offers')
  @Access(Permission.MEMBER_OFFERS_READ)
  @ApiOperation({ summary: 'Les offres d’un membre' })
  @ApiOkResponse({ type: OfferPageDto })
  async offers(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @Query() query: OffersQueryDto,
  ): Promise<OfferPageDto> {
    return this.bids.memberOffers(bidId, memberId, query);
  }

  @Put('members/:memberId/offers')
  @Change(Permission.MEMBER_REPORT)
  @ApiOperation({
    summary:
      'Déclarer ses capacités : toutes ses offres d’un coup (éditeur du membre, ou coordinateur ' +
      'pour son compte)',
    description:
      'Avec, si donnés, les heures d’insertion et les plafonds : tout est enregistré, ou rien. ' +
      'Un coordinateur peut saisir ou corriger la déclaration pour le membre (au téléphone) : ' +
      'c’est enregistré comme tel (qui, pour qui, quand) dans l’historique et sur les offres, ' +
      'et le membre le voit.',
  })
  @ApiOkResponse({ type: OffersSavedDto })
  async declare(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @Body() body: OffersDto,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<OffersSavedDto> {
    const { offers, ...data } = body;
    return this.members.declareOffers(
      bidId,
      memberId,
      offers,
      actor,
      data,
      declaresOnBehalf(principal, scope, memberId),
    );
  }
}
