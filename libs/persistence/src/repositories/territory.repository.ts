import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import type { NamedTerritory, TerritoryDirectory, TerritoryGazetteer } from '@cordage/domain';
import { bulkInsert } from '../bulk-insert';
import { TerritoryEntity, searchNameSql } from '../entities';
import { type OfficialTerritory, officialTerritories } from '../territories/official-territories';
import { type Db, InjectDb } from '../unit-of-work';

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
export class TerritoryRepository implements TerritoryDirectory, TerritoryGazetteer {
  constructor(@InjectDb() private readonly db: Db) {}

  async findExisting(codes: readonly string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await this.db.tx.find(TerritoryEntity, {
      where: { bidId: IsNull(), code: In([...codes]) },
      select: { id: true, code: true },
    });
    return new Set(rows.map((row) => row.code));
  }

  /** The id of an official territory by its code, or null. */
  async officialId(code: string): Promise<string | null> {
    const territory = await this.db.tx.findOne(TerritoryEntity, {
      where: { bidId: IsNull(), code },
      select: { id: true },
    });
    return territory?.id ?? null;
  }

  /**
   * Official territories whose name contains the words typed, or whose code starts with the
   * digits typed. First those that are, or lie directly within, one of `near` (the use case
   * chooses them); then exact names, names that begin with the words, the larger territories.
   */
  async search(
    text: string,
    limit: number,
    near: readonly string[] = [],
  ): Promise<TerritoryMatch[]> {
    const words = text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .replace(/[-'’]/g, ' ')
      .trim();
    const pattern = words.replace(/[\\%_]/g, (c) => `\\${c}`);
    return this.db.tx
      .createQueryBuilder(TerritoryEntity, 't')
      .leftJoin(TerritoryEntity, 'p', 'p.id = t.parentId')
      .select('t.code', 'code')
      .addSelect('t.level', 'level')
      .addSelect('t.name', 'name')
      .addSelect('p.name', 'parentName')
      .where('t.bidId IS NULL')
      .andWhere(
        `(t.searchName LIKE '%' || :pattern || '%' OR split_part(t.code, ':', 2) LIKE :pattern || '%')`,
        { pattern },
      )
      .orderBy('(t.code = ANY(:near) OR p.code IS NOT NULL AND p.code = ANY(:near))', 'DESC')
      .setParameter('near', [...near])
      .addOrderBy('(t.searchName = :pattern)', 'DESC')
      .addOrderBy(`(t.searchName LIKE :pattern || '%')`, 'DESC')
      .addOrderBy(`array_position(ARRAY['REG','DEP','EPT','EPCI','COM','BE'], t.level::text)`)
      .addOrderBy('length(t.name)')
      .addOrderBy('t.name')
      .addOrderBy('t.code')
      .limit(limit)
      .getRawMany<TerritoryMatch>();
  }

  /**
   * The official territories whose name is each of these, compared as the search compares them
   * (lower case, no accents, hyphens and apostrophes as spaces). Belgian codes are left out: the
   * table names them by their code.
   */
  async named(names: readonly string[]): Promise<Map<string, NamedTerritory[]>> {
    return this.byName(names, 't.search_name = q.key');
  }

  /**
   * Territories whose name begins like each of these and is about as long, or contains it: what
   * a typo or a missing article is close to. The caller ranks them.
   */
  async near(names: readonly string[]): Promise<Map<string, NamedTerritory[]>> {
    return this.byName(
      names,
      `(t.search_name LIKE q.prefix || '%' AND abs(length(t.search_name) - length(q.key)) <= 2)
        OR t.search_name LIKE '%' || q.pattern || '%'`,
    );
  }

  /** Raw SQL: the names come as one array, matched in one query (a workbook names thousands). */
  private async byName(
    names: readonly string[],
    match: string,
  ): Promise<Map<string, NamedTerritory[]>> {
    const found = new Map<string, NamedTerritory[]>(names.map((name) => [name, []]));
    if (names.length === 0) return found;
    const escaped = (text: string) =>
      `replace(replace(replace(${text}, '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;
    const rows = await this.db.tx.query<(NamedTerritory & { query: string })[]>(
      `WITH k AS (SELECT u.name, ${searchNameSql('u.name')} AS key FROM unnest($1::text[]) AS u(name)),
        q AS (SELECT name, key, ${escaped('key')} AS pattern, ${escaped('left(key, 3)')} AS prefix FROM k)
      SELECT q.name AS "query", t.code, t.name,
        CASE WHEN t.level = 'COM'
          THEN coalesce(CASE WHEN p.level = 'DEP' THEN p.name END, CASE WHEN g.level = 'DEP' THEN g.name END)
          ELSE p.name END AS "within"
      FROM q
      JOIN territories t ON t.bid_id IS NULL AND t.level <> 'BE' AND (${match})
      LEFT JOIN territories p ON p.id = t.parent_id
      LEFT JOIN territories g ON g.id = p.parent_id
      ORDER BY t.code`,
      [[...names]],
    );
    for (const { query, ...territory } of rows) found.get(query)?.push(territory);
    return found;
  }

  /** The codes of the official parents of these codes (a commune's département…). */
  async parentsOf(codes: readonly string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await this.db.tx
      .createQueryBuilder(TerritoryEntity, 't')
      .innerJoin(TerritoryEntity, 'p', 'p.id = t.parentId')
      .select('DISTINCT p.code', 'code')
      .where('t.bidId IS NULL')
      .andWhere('t.code IN (:...codes)', { codes: [...codes] })
      .getRawMany<{ code: string }>();
    return rows.map((row) => row.code);
  }

  /** The official names of these codes (those that have one), for the documents. */
  async namesOf(codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.db.tx.find(TerritoryEntity, {
      where: { bidId: IsNull(), code: In([...codes]) },
      select: { id: true, code: true, name: true },
    });
    return new Map(rows.map((row) => [row.code, row.name]));
  }

  /**
   * Loads the official geography; idempotent (names and parents are brought up to date, nothing
   * is deleted since bids may reference a territory that a later COG merged away). Runs inside a
   * use case's transaction: the staging table lives until its commit. Raw SQL: a temporary table
   * and an UPDATE … FROM have no query-builder form.
   */
  async seedOfficial(
    territories: OfficialTerritory[] = officialTerritories(),
  ): Promise<SeedReport> {
    if (!this.db.isTransactionActive()) {
      throw new Error("The official territories are seeded inside a use case's transaction.");
    }
    const manager = this.db.tx;
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
    const byLevel: Record<string, number> = {};
    for (const territory of territories)
      byLevel[territory.level] = (byLevel[territory.level] ?? 0) + 1;
    return { territories: territories.length, byLevel };
  }
}
