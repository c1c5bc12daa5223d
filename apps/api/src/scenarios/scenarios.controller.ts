import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ImportAcceptedDto } from './dto/import-accepted.dto';
import { ScenariosService } from './scenarios.service';

@ApiTags('scenarios')
@Controller('scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
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
  @ApiUnprocessableEntityResponse({
    description: 'Fichier invalide : problems liste chaque erreur',
  })
  @ApiConflictResponse({ description: 'Consultation déjà importée' })
  async importScenario(@Body() file: unknown): Promise<ImportAcceptedDto> {
    return this.scenarios.requestImport(file);
  }
}
