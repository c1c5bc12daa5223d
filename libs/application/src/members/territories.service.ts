import { Injectable } from '@nestjs/common';
import { type SeedReport, TerritoryRepository, Transactional } from '@cordage/persistence';

/** The official geography: searched by people, loaded by operators. */
@Injectable()
export class TerritoriesService {
  constructor(private readonly territories: TerritoryRepository) {}

  search(text: string, limit: number) {
    return this.territories.search(text, limit);
  }

  /** Loads the official French geography, in one transaction (idempotent). */
  @Transactional()
  async seedOfficial(): Promise<SeedReport> {
    return this.territories.seedOfficial();
  }
}
