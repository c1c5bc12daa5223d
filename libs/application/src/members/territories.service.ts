import { Injectable } from '@nestjs/common';
import { type SeedReport, TerritoryRepository, Transactional } from '@cordage/persistence';

/** The official geography: searched by people, loaded by operators. */
@Injectable()
export class TerritoriesService {
  constructor(private readonly territories: TerritoryRepository) {}

  /**
   * Territories as people type them. `context` is where the search happens (the bid's cells, its
   * members' and the person's organisations' territories): those territories and the ones in the
   * same département come first, so that Montreuil (Seine-Saint-Denis) comes before Montreuil
   * (Eure-et-Loir) for a bid in Seine-Saint-Denis.
   */
  async search(text: string, limit: number, context: readonly string[] = []) {
    const near = [...new Set([...context, ...(await this.territories.parentsOf(context))])];
    return this.territories.search(text, limit, near);
  }

  /** Loads the official French geography, in one transaction (idempotent). */
  @Transactional()
  async seedOfficial(): Promise<SeedReport> {
    return this.territories.seedOfficial();
  }
}
