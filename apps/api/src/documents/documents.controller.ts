import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { BidDocumentsService } from '@cordage/application';
import {
  type Actor,
  type BidAccessScope,
  Permission,
  type Principal,
  visibleOfferMembers,
} from '@cordage/domain';
import { Access, Change } from '../access/access.decorator';
import { CurrentActor, CurrentBid, CurrentPrincipal } from '../access/access.params';
import { ApiFile, NoContent } from '../common/api-answers.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdParam } from '../common/param.pipe';
import { DocumentsService } from './documents.service';
import {
  DocumentDownloadQueryDto,
  DocumentDto,
  DocumentsRequestDto,
  DocumentsRequestedDto,
} from './dto/documents.dto';

@ApiTags('documents')
@Controller('bids/:bidId/documents')
export class DocumentsController {
  constructor(
    private readonly bidDocuments: BidDocumentsService,
    private readonly documents: DocumentsService,
  ) {}

  @Post()
  @Access(Permission.BID_MANAGE)
  @ApiProblems('INVALID_INPUT')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Générer les documents d’une version de la répartition (coordinateurs)',
    description:
      'Le worker génère la convention de groupement (PDF/A), ou les documents pour l’acheteur ' +
      '(fiches DC1 et DC4, XLSX, CSV, OCDS), les conserve avec leur SHA-256 et les numérote. ' +
      'Refusé si les données de la candidature ont changé depuis cette version. Suivez le job.',
  })
  @ApiAcceptedResponse({ type: DocumentsRequestedDto })
  async request(
    @IdParam('bidId') bidId: string,
    @Body() body: DocumentsRequestDto,
    @CurrentActor() actor: Actor,
  ): Promise<DocumentsRequestedDto> {
    return this.bidDocuments.request(bidId, body.allocationVersion, body.set, actor);
  }

  @Get()
  @Access(Permission.BID_READ)
  @ApiOperation({ summary: 'Les documents de la candidature, la version la plus récente d’abord' })
  @ApiOkResponse({ type: [DocumentDto] })
  async list(
    @IdParam('bidId') bidId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<DocumentDto[]> {
    return this.documents.list(bidId, visibleOfferMembers(principal, scope) === 'ALL');
  }

  @Get(':documentId')
  @Access(Permission.BID_READ)
  @ApiProblems('FORBIDDEN')
  @ApiOperation({
    summary: 'Télécharger un document',
    description:
      'L’en-tête ETag porte le SHA-256 du contenu, vérifié avant l’envoi. Avec inline=1, le ' +
      'navigateur l’affiche (aperçu de la convention) au lieu de l’enregistrer. Les fichiers ' +
      'des rapports d’exécution suivent la transparence de la candidature.',
  })
  @ApiFile(
    'Le document, de son type',
    'application/pdf',
    'application/json',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  async download(
    @IdParam('bidId') bidId: string,
    @IdParam('documentId') documentId: string,
    @Query() query: DocumentDownloadQueryDto,
    @Res({ passthrough: true }) response: Response,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<StreamableFile> {
    const { document, content } = await this.documents.content(
      bidId,
      documentId,
      visibleOfferMembers(principal, scope) === 'ALL',
    );
    response.setHeader('ETag', `"${document.sha256}"`);
    response.setHeader('Cache-Control', 'private, max-age=0, must-revalidate');
    return new StreamableFile(content, {
      type: document.mediaType,
      length: content.length,
      disposition: `${query.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(document.filename)}`,
    });
  }

  @Post(':documentId/freeze')
  @Change(Permission.BID_MANAGE)
  @NoContent()
  @ApiOperation({
    summary: 'Figer la convention pour la signature (coordinateurs)',
    description: 'Une convention figée ne change plus et ne se supprime plus : on la signe.',
  })
  async freeze(
    @IdParam('bidId') bidId: string,
    @IdParam('documentId') documentId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.bidDocuments.freeze(bidId, documentId, actor);
  }
}
