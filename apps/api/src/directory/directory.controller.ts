import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CommitmentsService, DirectoryService } from '@cordage/application';
import {
  type Actor,
  DOCUMENT_MEDIA_TYPES,
  DomainError,
  DomainErrorCode,
  Permission,
} from '@cordage/domain';
import { Access } from '../access/access.decorator';
import { CurrentActor } from '../access/access.params';
import { ApiFile } from '../common/api-answers.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdParam } from '../common/param.pipe';
import {
  DirectoryEntryDto,
  DirectoryImportDto,
  DirectoryOrganisationPageDto,
  DirectoryPageDto,
  DirectoryPatchDto,
  DirectoryQueryDto,
  NewDirectoryOrganisationDto,
  OverCommitmentsDto,
  RegistryQueryDto,
  RegistryRecordDto,
} from './dto/directory.dto';

export const CSV_MEDIA_TYPE = 'text/csv';
const XLSX_MEDIA_TYPE = DOCUMENT_MEDIA_TYPES.XLSX;

/**
 * The network's directory of organisations and the commitments across its bids: its
 * coordinators read and change it; another network sees none of it.
 */
@ApiTags('directory')
@Controller('networks/:networkId')
export class DirectoryController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly commitments: CommitmentsService,
  ) {}

  @Get('organisations')
  @Access(Permission.NETWORK_DIRECTORY_READ)
  @ApiOperation({
    summary: 'L’annuaire des organisations du réseau, avec recherche et filtres',
    description: 'Par raison sociale ou identifiant, type de structure, territoire, taille.',
  })
  @ApiOkResponse({ type: DirectoryPageDto })
  async list(
    @IdParam('networkId') networkId: string,
    @Query() query: DirectoryQueryDto,
  ): Promise<DirectoryPageDto> {
    return this.directory.list(networkId, query) as unknown as Promise<DirectoryPageDto>;
  }

  @Get('organisations/template')
  @Access(Permission.NETWORK_DIRECTORY_READ)
  @ApiOperation({ summary: 'Le modèle XLSX du fichier des membres à importer' })
  @ApiFile('Le modèle à remplir', XLSX_MEDIA_TYPE)
  async template(@IdParam('networkId') _networkId: string): Promise<StreamableFile> {
    const content = await this.directory.template();
    return new StreamableFile(content, {
      type: XLSX_MEDIA_TYPE,
      length: content.length,
      disposition: 'attachment; filename="modele-annuaire.xlsx"',
    });
  }

  @Post('organisations')
  @Access(Permission.NETWORK_MANAGE)
  @ApiProblems('INVALID_INPUT', 'ALREADY_IN_DIRECTORY')
  @ApiOperation({
    summary: 'Ajouter une organisation à l’annuaire (coordinateurs)',
    description:
      'Une organisation déjà connue de Cordage (par un autre réseau, une candidature) garde sa ' +
      'raison sociale et son type ; tout le reste est propre à ce réseau. Une organisation ' +
      'qu’une candidature a fait entrer sans fiche reçoit la sienne ; 409 si le réseau a déjà ' +
      'sa fiche.',
  })
  @ApiCreatedResponse({ type: DirectoryEntryDto })
  async create(
    @IdParam('networkId') networkId: string,
    @Body() body: NewDirectoryOrganisationDto,
    @CurrentActor() actor: Actor,
  ): Promise<DirectoryEntryDto> {
    return (await this.directory.create(networkId, body, actor)) as unknown as DirectoryEntryDto;
  }

  @Post('organisations/import')
  @Access(Permission.NETWORK_MANAGE)
  @ApiProblems('INVALID_INPUT')
  @ApiOperation({
    summary: 'Importer les membres du réseau depuis un fichier CSV ou XLSX (coordinateurs)',
    description:
      'Corps : le fichier brut (text/csv ou XLSX), aux colonnes du modèle. Tout ou rien : 422 ' +
      'avec chaque problème situé par ligne et colonne, et rien n’est écrit.',
  })
  @ApiConsumes(CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: DirectoryImportDto })
  async import(
    @IdParam('networkId') networkId: string,
    @Body() file: unknown,
    @Headers('content-type') contentType: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<DirectoryImportDto> {
    const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
    if (
      !Buffer.isBuffer(file) ||
      file.length === 0 ||
      (type !== CSV_MEDIA_TYPE && type !== XLSX_MEDIA_TYPE)
    ) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `Envoyez le fichier comme corps de la requête (Content-Type: ${CSV_MEDIA_TYPE} ou ${XLSX_MEDIA_TYPE}).`,
        [{ path: 'fichier', code: 'MISSING_FILE', message: 'fichier CSV ou XLSX attendu' }],
      );
    }
    return this.directory.importFile(
      networkId,
      file,
      type === CSV_MEDIA_TYPE ? 'CSV' : 'XLSX',
      actor,
    );
  }

  @Get('organisations/:organisationId')
  @Access(Permission.NETWORK_DIRECTORY_READ)
  @ApiProblems('NOT_FOUND')
  @ApiOperation({
    summary: 'La fiche d’une organisation : ses candidatures dans le réseau et ses engagements',
    description:
      'Ce qu’elle a déclaré et ce qui lui a été attribué dans chaque candidature ouverte du ' +
      'réseau, face aux limites déclarées dans l’annuaire.',
  })
  @ApiOkResponse({ type: DirectoryOrganisationPageDto })
  async read(
    @IdParam('networkId') networkId: string,
    @IdParam('organisationId') organisationId: string,
  ): Promise<DirectoryOrganisationPageDto> {
    return (await this.directory.read(
      networkId,
      organisationId,
    )) as unknown as DirectoryOrganisationPageDto;
  }

  @Patch('organisations/:organisationId')
  @Access(Permission.NETWORK_MANAGE)
  @ApiProblems('INVALID_INPUT', 'NOT_FOUND')
  @ApiOperation({
    summary: 'Modifier ce que le réseau sait d’une organisation (coordinateurs)',
    description:
      'Seuls les champs donnés changent ; l’identifiant, la raison sociale et le type sont ' +
      'partagés entre réseaux et ne se changent pas ici.',
  })
  @ApiOkResponse({ type: DirectoryEntryDto })
  async update(
    @IdParam('networkId') networkId: string,
    @IdParam('organisationId') organisationId: string,
    @Body() body: DirectoryPatchDto,
    @CurrentActor() actor: Actor,
  ): Promise<DirectoryEntryDto> {
    return (await this.directory.update(
      networkId,
      organisationId,
      body,
      actor,
    )) as unknown as DirectoryEntryDto;
  }

  @Get('registry')
  @Access(Permission.NETWORK_DIRECTORY_READ)
  @ApiProblems('INVALID_INPUT', 'NOT_FOUND')
  @ApiOperation({
    summary: 'Préremplir une fiche depuis les registres officiels SIAE et EA (enregistrés)',
    description:
      'Les registres ne sont pas interrogés en ligne : Cordage lit un fichier enregistré ' +
      '(voir docs/directory.md).',
  })
  @ApiOkResponse({ type: RegistryRecordDto })
  async registry(
    @IdParam('networkId') _networkId: string,
    @Query() query: RegistryQueryDto,
  ): Promise<RegistryRecordDto> {
    return this.directory.prefill(query.idScheme, query.id);
  }

  @Get('commitments')
  @Access(Permission.NETWORK_DIRECTORY_READ)
  @ApiOperation({
    summary:
      'Les sur-engagements : organisations au-delà de leurs limites sur les candidatures ouvertes',
  })
  @ApiOkResponse({ type: OverCommitmentsDto })
  @HttpCode(HttpStatus.OK)
  async overCommitments(@IdParam('networkId') networkId: string): Promise<OverCommitmentsDto> {
    return { items: await this.commitments.overCommitments(networkId) } as OverCommitmentsDto;
  }
}
