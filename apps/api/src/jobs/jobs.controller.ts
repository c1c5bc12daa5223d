import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScenarioImportRepository } from '@cordage/persistence';
import { JobStatusService } from '@cordage/queue';
import { UuidParamPipe, notFound } from '../common/uuid-param.pipe';
import { JobStatusDto } from './dto/job-status.dto';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobStatusService,
    private readonly imports: ScenarioImportRepository,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'État et progression d’un job' })
  @ApiOkResponse({ type: JobStatusDto })
  @ApiNotFoundResponse()
  async find(@Param('id', new UuidParamPipe('Job')) id: string): Promise<JobStatusDto> {
    const status = await this.jobs.find(id);
    if (!status) throw notFound('Job', id);
    const request = await this.imports.findById(id);
    return { ...status, failure: request?.failure ?? null };
  }
}
