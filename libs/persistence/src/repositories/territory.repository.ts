import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TerritoryDirectory } from '@cordage/domain';
import { bulkInsert } from '../bulk-insert';
import { type OfficialTerritory, officialTerritories } from '../territories/official-territories';

/** The official levels a person can pick (sites are the bid's own). */
export const TERRITORY_SEARCH_LEVELS = ['REG', 'DEP', 'EPT', 'EPCI', 'COM', 'BE'] as const;

export interface TerritoryMatch {
  code: string;
  level: (typeof TERRITORY_SEARCH_LEVELS)[number];
  name: string;
  parentName: string | null;
}

export interface SeedReport {
  territories: number;
  byLevel: Record<string, number>;
}

@Injectable()
export class TerritoryRepository implements TerritoryDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findExisting(codes: readonly string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows: { code: string }[] = await this.dataSource.query(
      'SELECT code FROM territories WHERE bid_id IS NULL AND code = ANY($1::text[])',
      [codes],
    );
    return new Set(rows.map((row) => row.code));
  }

  /**
   * Official territories whose name contains the words typed, or whose code starts with the
   * digits typed; names that begin with them first, then the larger territories.
   */
  async search(text: string, limit: number): Promise<TerritoryMatch[]> {
    const words = text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .replace(/[-'’]/g, ' ')
      .trim();
    const pattern = words.replace(/[\\%_]/g, (c) => `\\${c}`);
    return this.dataSource.query(
      `SELECT t.code, t.level, t.name, p.name AS "parentName"
         FROM territories t LEFT JOIN territories p ON p.id = t.parent_id
        WHERE t.bid_id IS NULL
          AND (t.search_name LIKE '%' || $1 || '%' OR split_part(t.code, ':', 2) LIKE $1 || '%')
        ORDER BY (t.search_name = $1) DESC, (t.search_name LIKE $1 || '%') DESC,
                 array_position(ARRAY['REG','DEP','EPT','EPCI','COM','BE'], t.level::text), length(t.name), t.name, t.code
        LIMIT $2`,
      [pattern, limit],
    );
  }

  /** The official names of these codes (those that have one), for the documents. */
  async namesOf(codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows: { code: string; name: string }[] = await this.dataSource.query(
      'SELECT code, name FROM territories WHERE bid_id IS NULL AND code = ANY($1::text[])',
      [codes],
    );
    return new Map(rows.map((row) => [row.code, row.name]));
  }

  /**
   * Loads the official geography; idempotent (names and parents are brought up to date, nothing
   * is deleted since bids may reference a territory that a later COG merged away).
   */
  async seedOfficial(
    territories: OfficialTerritory[] = officialTerritories(),
  ): Promise<SeedReport> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`CREATE TEMPORARY TABLE territory_seed
        (code text, level text, name text, parent_code text) ON COMMIT DROP`);
      await bulkInsert(
        manager,
        'territory_seed',
        [
          { name: 'code', type: 'text', value: (t: OfficialTerritory) => t.code },
          { name: 'level', type: 'text', value: (t) => t.level },
          { name: 'name', type: 'text', value: (t) => t.name },
          { name: 'parent_code', type: 'text', value: (t) => t.parentCode },
        ],
        territories,
      );
      await manager.query(`INSERT INTO territories (code, level, name)
        SELECT code, level, name FROM territory_seed
        ON CONFLICT (code) WHERE bid_id IS NULL DO UPDATE SET name = excluded.name`);
      await manager.query(`UPDATE territories t SET parent_id = p.id
        FROM territory_seed s JOIN territories p ON p.code = s.parent_code AND p.bid_id IS NULL
        WHERE t.code = s.code AND t.bid_id IS NULL AND t.parent_id IS DISTINCT FROM p.id`);
    });
    const byLevel: Record<string, number> = {};
    for (const territory of territories)
      byLevel[territory.level] = (byLevel[territory.level] ?? 0) + 1;
    return { territories: territories.length, byLevel };
  }
}
