import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TerritoryLevel } from '@cordage/domain';
// Type-only: a site's bid is named by string so that territories and bids do not import each other.
import type { BidEntity } from './bid.entity';
import { ManyToOneRef, RefColumn, CreatedAt } from './references';

/**
 * The name as people search it: lower case, without accents, hyphens or apostrophes ("ile saint
 * denis" for "L'Île-Saint-Denis"). The search normalises what is typed the same way.
 */
export const searchNameSql = (text: string) =>
  `translate(lower(${text}), 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ-''’', 'aaaaaaceeeeiiiinooooouuuuyy   ')`;
const SEARCH_NAME = searchNameSql('name');

@Entity('territories')
@Check(`"level" IN ('REG', 'DEP', 'EPT', 'EPCI', 'COM', 'BE', 'SITE')`)
@Check(`("level" = 'SITE') = ("bid_id" IS NOT NULL)`)
@Index('territories_code_official_key', ['code'], { unique: true, where: '"bid_id" IS NULL' })
@Index('territories_bid_code_key', ['bid', 'code'], { unique: true, where: '"bid_id" IS NOT NULL' })
export class TerritoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Qualified code: COM:93066, DEP:93, EPT:200057867, BE:21004, SITE:col-jean-vilar. */
  @Column({ type: 'varchar', length: 80 })
  code!: string;

  @Column({ type: 'varchar', length: 8 })
  level!: TerritoryLevel;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({
    name: 'search_name',
    type: 'varchar',
    length: 300,
    generatedType: 'STORED',
    asExpression: SEARCH_NAME,
    insert: false,
    update: false,
  })
  searchName!: string;

  @ManyToOneRef(() => TerritoryEntity, { onDelete: 'RESTRICT', nullable: true })
  parent!: TerritoryEntity | null;

  @Index()
  @RefColumn('parent_id', { nullable: true })
  parentId!: string | null;

  /** Set for SITE territories only: a site belongs to the bid that declared it. */
  @ManyToOneRef('BidEntity', { onDelete: 'CASCADE', nullable: true })
  bid!: BidEntity | null;

  @RefColumn('bid_id', { nullable: true })
  bidId!: string | null;

  @CreatedAt()
  createdAt!: Date;
}
