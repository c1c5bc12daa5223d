import { Body, Controller, Get, HttpCode, HttpStatus, Post, StreamableFile } from '@nestjs/common';
import { ScenarioImportsService, ScenarioWorkbooksService } from '@cordage/application';
import {
  type Actor,
  DOCUMENT_MEDIA_TYPES,
  DomainError,
  DomainErrorCode,
  Permission,
} from '@cordage/domain';
import { Access } from '../access/access.decorator';
import { CurrentActor, CurrentNetwork } from '../access/access.params';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { ApiFile } from '../common/api-answers.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ImportAcceptedDto } from './dto/import-accepted.dto';
import { ScenariosService } from './scenarios.service';

const XLSX_MEDIA_TYPE = DOCUMENT_MEDIA_TYPES.XLSX;

/** The optional networkId both imports take (@CurrentNetwork reads it). */
const ApiOwnerNetworkQuery = () =>
  ApiQuery({
    name: 'networkId',
    required: false,
    description: 'Réseau propriétaire (facultatif si vous n’en coordonnez qu’un)',
  });

@ApiTags('scenarios')
@Controller('scenarios')
export class ScenariosController {
  constructor(
    private readonly imports: ScenarioImportsService,
    private readonly scenarios: ScenariosService,
    private readonly workbooks: ScenarioWorkbooksService,
  ) {}

  @Get('template')
  @Access(Permission.NETWORK_CREATE_BID)
  @ApiOwnerNetworkQuery()
  @ApiOperation({
    summary: 'Le modèle XLSX d’une candidature à importer',
    description:
      'Une petite candidature d’exemple, valide telle quelle : montants en euros, territoires ' +
      'par leur nom et leur code, préférences en français, et une feuille « Aide ».',
  })
  @ApiFile('Le modèle à remplir', XLSX_MEDIA_TYPE)
  async template(@CurrentNetwork() _networkId: string): Promise<StreamableFile> {
    const content = await this.workbooks.template();
    return new StreamableFile(content, {
      type: XLSX_MEDIA_TYPE,
      length: content.length,
      disposition: 'attachment; filename="modele-candidature.xlsx"',
    });
  }

  @Post()
  @Access(Permission.NETWORK_CREATE_BID)
  @ApiProblems('INVALID_SCENARIO', 'DUPLICATE_TENDER')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOwnerNetworkQuery()
  @ApiOperation({
    summary: 'Importe un fichier de scénario cordage.scenario/1',
    description:
      'Le fichier est vérifié immédiatement (422 avec chaque problème et son chemin JSON, 409 si la ' +
      'consultation existe déjà), puis importé en entier ou pas du tout par le worker : suivez le job.',
  })
  @ApiBody({
    description: 'Le scénario (voir docs/scenario-format.md)',
    schema: { type: 'object' },
  })
  @ApiAcceptedResponse({ type: ImportAcceptedDto })
  async importScenario(
    @Body() file: unknown,
    @CurrentNetwork() networkId: string,
    @CurrentActor() actor: Actor,
  ): Promise<ImportAcceptedDto> {
    return this.imports.request(file, networkId, actor);
  }

  @Post('xlsx')
  @Access(Permission.NETWORK_CREATE_BID)
  @ApiProblems('INVALID_SCENARIO', 'DUPLICATE_TENDER')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOwnerNetworkQuery()
  @ApiOperation({
    summary: 'Importe un scénario depuis un classeur XLSX (mêmes colonnes que le JSON)',
    description:
      'Corps : le fichier .xlsx brut. Vérifié immédiatement (422 : chaque problème nommé par ' +
      'feuille, ligne et colonne ; rien n’est écrit), puis importé comme un fichier JSON.',
  })
  @ApiConsumes(XLSX_MEDIA_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiAcceptedResponse({ type: ImportAcceptedDto })
  async importWorkbook(
    @Body() file: unknown,
    @CurrentNetwork() networkId: string,
    @CurrentActor() actor: Actor,
  ): Promise<ImportAcceptedDto> {
    if (!Buffer.isBuffer(file) || file.length === 0) {
      throw new DomainError(
        DomainErrorCode.INVALID_SCENARIO,
        `Envoyez le classeur comme corps de la requête (Content-Type: ${XLSX_MEDIA_TYPE}).`,
        [{ path: 'body', code: 'MISSING_WORKBOOK', message: 'classeur XLSX attendu' }],
      );
    }
    return this.scenarios.requestWorkbookImport(file, networkId, actor);
  }
}
