import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@cordage/domain';
import { TerritoriesService } from '@cordage/application';
import { Access } from '../access/access.decorator';
import { TerritoryDto, TerritorySearchQueryDto } from './dto/territory.dto';

@ApiTags('territories')
@Controller('territories')
export class TerritoriesController {
  constructor(private readonly territories: TerritoriesService) {}

  @Get()
  @Access(Permission.SIGNED_IN)
  @ApiOperation({
    summary: 'Chercher un territoire officiel (commune, EPT, EPCI, département, région, Belgique)',
    description: 'Sans tenir compte des accents, des tirets ni des majuscules ; ou par code.',
  })
  @ApiOkResponse({ type: [TerritoryDto] })
  search(@Query() query: TerritorySearchQueryDto): Promise<TerritoryDto[]> {
    return this.territories.search(query.q, query.limit, query.near?.split(',') ?? []);
  }
}
