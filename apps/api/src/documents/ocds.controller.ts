import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Permission } from '@cordage/domain';
import { Access } from '../access/access.decorator';
import { IdParam, VersionNumberParam } from '../common/param.pipe';
import { DocumentsService } from './documents.service';

/** The OCDS package of an allocation version, where its own `uri` points. */
@ApiTags('documents')
@Controller('bids/:bidId/allocations/:number/ocds')
export class OcdsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @Access(Permission.BID_READ)
  @ApiOperation({
    summary: 'Le paquet OCDS d’une version de la répartition (l’adresse de son champ uri)',
    description:
      'Le paquet de publication OCDS 1.1.5 généré avec les documents pour l’acheteur de cette ' +
      'version (le plus récent s’il a été généré plusieurs fois), tel qu’il a été conservé. ' +
      'Introuvable tant que ces documents n’ont pas été générés.',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({
    description: 'Le paquet (release package OCDS 1.1.5)',
    schema: { type: 'object', additionalProperties: true },
  })
  async find(
    @IdParam('bidId') bidId: string,
    @Param('number', VersionNumberParam) number: number,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { document, content } = await this.documents.ocdsPackage(bidId, number);
    response.setHeader('ETag', `"${document.sha256}"`);
    response.setHeader('Cache-Control', 'private, max-age=0, must-revalidate');
    return new StreamableFile(content, {
      type: document.mediaType,
      length: content.length,
      disposition: `inline; filename*=UTF-8''${encodeURIComponent(document.filename)}`,
    });
  }
}
