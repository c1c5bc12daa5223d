import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { type ConfigOf, InjectConfig, httpConfig } from '@cordage/config';
import { Permission } from '@cordage/domain';
import { Access } from '../access/access.decorator';
import { ProblemDto } from '../common/dto/problem.dto';
import { HealthDto } from './dto/health.dto';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    @InjectConfig(httpConfig) private readonly config: ConfigOf<typeof httpConfig>,
  ) {}

  @Get()
  @Access(Permission.PUBLIC)
  // Terminus's own schema is OpenAPI 3.0 (`nullable`), and its 503 is not what the api answers.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ summary: 'Postgres et Redis répondent (503 sinon)' })
  @ApiOkResponse({ type: HealthDto })
  @ApiResponse({
    status: HttpStatus.SERVICE_UNAVAILABLE,
    description: 'SERVICE_UNAVAILABLE : `details` dit quel service ne répond pas',
    type: ProblemDto,
  })
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: this.config.DEPENDENCY_TIMEOUT_MS }),
      () => this.redis.isHealthy('redis'),
    ]);
  }
}
