import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AllocationRunsService,
  AllocationVersionsService,
  SplitSummaryService,
} from '@cordage/application';
import {
  type Actor,
  type BidAccessScope,
  Permission,
  type Principal,
  visibleOfferMembers,
} from '@cordage/domain';
import { Access, Change } from '../access/access.decorator';
import { CurrentActor, CurrentBid, CurrentPrincipal } from '../access/access.params';
import { ApiFile } from '../common/api-answers.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdParam, VersionNumberParam } from '../common/param.pipe';
import {
  AllocationComparisonDto,
  AllocationRequestedDto,
  AllocationVersionDto,
  AllocationVersionSummaryDto,
  CompareQueryDto,
  MoveDto,
  OverrideCreatedDto,
  OverrideDto,
} from './dto/allocations.dto';
import { toVersionDto, toVersionSummaryDto } from './dto/allocations.mapper';

@ApiTags('allocations')
@Controller('bids/:bidId/allocations')
export class AllocationsController {
  constructor(
    private readonly runs: AllocationRunsService,
    private readonly versions: AllocationVersionsService,
    private readonly summaries: SplitSummaryService,
  ) {}

  @Post()
  @Access(Permission.BID_MANAGE)
  @ApiProblems('WORKFLOW_RULE_VIOLATED')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Calculer la répartition (coordinateurs)',
    description:
      'Le worker calcule une nouvelle version ; si rien n’a changé depuis la dernière, il le dit ' +
      'et n’en crée pas. Suivez le job : validating, coverage, proximity, fairness, apportioning, saving.',
  })
  @ApiAcceptedResponse({ type: AllocationRequestedDto })
  async run(
    @IdParam('bidId') bidId: string,
    @CurrentActor() actor: Actor,
  ): Promise<AllocationRequestedDto> {
    return this.runs.request(bidId, actor);
  }

  @Get()
  @Access(Permission.BID_READ)
  @ApiOperation({ summary: 'Les versions de la répartition, la plus récente d’abord' })
  @ApiOkResponse({ type: [AllocationVersionSummaryDto] })
  async list(@IdParam('bidId') bidId: string): Promise<AllocationVersionSummaryDto[]> {
    return (await this.versions.list(bidId)).map(toVersionSummaryDto);
  }

  @Get('compare')
  @Access(Permission.BID_READ)
  @ApiOperation({
    summary: 'Comparer deux versions : qui gagne, qui perd, de combien (heures, centimes)',
  })
  @ApiOkResponse({ type: AllocationComparisonDto })
  async compare(
    @IdParam('bidId') bidId: string,
    @Query() query: CompareQueryDto,
  ): Promise<AllocationComparisonDto> {
    return this.versions.compare(bidId, query.from, query.to);
  }

  @Post(':number/overrides')
  @Change(Permission.BID_MANAGE)
  @ApiOperation({
    summary: 'Modifier une ligne à la main (coordinateurs)',
    description:
      'Vérifiée à nouveau contre chaque contrainte (offre, demande, plafonds) et chaque total au ' +
      'centime ; refusée avec la raison sinon. Crée une version nouvelle, marquée comme modifiée, ' +
      'avec l’auteur et le motif.',
  })
  @ApiOkResponse({ type: OverrideCreatedDto })
  async override(
    @IdParam('bidId') bidId: string,
    @Param('number', VersionNumberParam) number: number,
    @Body() change: OverrideDto,
    @CurrentActor() actor: Actor,
  ): Promise<OverrideCreatedDto> {
    return this.versions.override(bidId, number, change, actor);
  }

  @Post(':number/moves')
  @Change(Permission.BID_MANAGE)
  @ApiOperation({
    summary: 'Déplacer des heures d’un membre à un autre sur un territoire (coordinateurs)',
    description:
      'Une seule modification : le membre qui cède perd les heures que l’autre reprend, la ' +
      'couverture du territoire et le montant du lot restent les mêmes. Refusée avec la raison ' +
      'si le membre qui reprend n’a pas d’offre, pas assez d’offre, ou dépasserait un plafond.',
  })
  @ApiOkResponse({ type: OverrideCreatedDto })
  async move(
    @IdParam('bidId') bidId: string,
    @Param('number', VersionNumberParam) number: number,
    @Body() move: MoveDto,
    @CurrentActor() actor: Actor,
  ): Promise<OverrideCreatedDto> {
    return this.versions.move(bidId, number, move, actor);
  }

  @Get(':number')
  @Access(Permission.BID_READ)
  @ApiOperation({
    summary:
      'Une version : lignes, totaux par membre, non couvert, optima, règles, avertissements, explications',
  })
  @ApiOkResponse({ type: AllocationVersionDto })
  async find(
    @IdParam('bidId') bidId: string,
    @Param('number', VersionNumberParam) number: number,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<AllocationVersionDto> {
    return toVersionDto(
      await this.versions.find(bidId, number, visibleOfferMembers(principal, scope)),
    );
  }

  @Get(':number/summary')
  @Access(Permission.BID_READ)
  @ApiOperation({
    summary: 'Le résumé imprimable d’une version (PDF d’une page, pour les instances des membres)',
    description:
      'La candidature, ses lots, le montant HT et la part de chaque membre par lot, son total et ' +
      'sa part de l’ensemble, la part non couverte et les totaux, qui sont la somme de leurs ' +
      'lignes au centime ; le numéro de la version et où elle en est (soumise au vote, ' +
      'approuvée). Rendu à la demande, rien n’est conservé. Lisible par quiconque lit la ' +
      'candidature, comme la version elle-même.',
  })
  @ApiFile('Le résumé (PDF/A)', 'application/pdf')
  async summaryPdf(
    @IdParam('bidId') bidId: string,
    @Param('number', VersionNumberParam) number: number,
  ): Promise<StreamableFile> {
    const file = await this.summaries.render(bidId, number);
    return new StreamableFile(file.content, {
      type: 'application/pdf',
      length: file.content.length,
      // Inline: the browser opens it, ready to print.
      disposition: `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    });
  }
}
