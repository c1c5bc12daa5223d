import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConventionPreviewService } from '@cordage/application';
import { Permission } from '@cordage/domain';
import { Change } from '../access/access.decorator';
import { IdParam } from '../common/param.pipe';
import { ConventionArticleDto, ConventionPreviewRequestDto } from './dto/convention-preview.dto';

@ApiTags('documents')
@Controller('bids/:bidId/convention')
export class ConventionPreviewController {
  constructor(private readonly preview: ConventionPreviewService) {}

  @Post('preview')
  @Change(Permission.BID_MANAGE)
  // Settings that do not fit the bid's dates, or no split computed yet.
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Aperçu des articles de la convention que des paramètres changent (coordinateurs)',
    description:
      'Les articles que touchent les paramètres envoyés, rédigés comme dans le PDF avec ces ' +
      'paramètres, sur la version approuvée de la répartition (à défaut, celle soumise au vote ' +
      'ou la dernière). Rien n’est enregistré ni généré ; les paramètres sont vérifiés comme ' +
      'lors de leur enregistrement.',
  })
  @ApiOkResponse({ type: [ConventionArticleDto] })
  async articles(
    @IdParam('bidId') bidId: string,
    @Body() body: ConventionPreviewRequestDto,
  ): Promise<ConventionArticleDto[]> {
    return this.preview.preview(bidId, body.settings);
  }
}
