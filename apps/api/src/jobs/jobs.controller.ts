import { Controller, Get } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { JobStatusService, RequestedWorkService } from '@cordage/application';
import { Permission } from '@cordage/domain';
import { Access } from '../access/access.decorator';
import { notFound } from '../common/not-found';
import { IdParam } from '../common/param.pipe';
import { JobStatusDto } from './dto/job-status.dto';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobStatusService,
    private readonly requestedWork: RequestedWorkService,
  ) {}

  @Get(':jobId')
  @Access(Permission.JOB_READ)
  @ApiOperation({
    summary: 'État et progression d’un job (celui qui l’a lancé, les coordinateurs)',
  })
  @ApiOkResponse({ type: JobStatusDto })
  @ApiServiceUnavailableResponse({ description: 'Redis ne répond pas : réessayer plus tard' })
  async find(@IdParam('jobId') jobId: string): Promise<JobStatusDto> {
    const status = await this.jobs.find(jobId);
    if (!status) throw notFound('Job', jobId);
    return { ...status, failure: await this.requestedWork.reportedFailure(jobId) };
  }
}
