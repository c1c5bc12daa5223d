import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  JoinColumn,
} from 'typeorm';
import type { TerritoryLevel } from '@cordage/domain';
// Type-only: a site's bid is named by string so that territories and bids do not import each other.
import type { BidEntity } from './bid.entity';

/**
 * The name as people search it: lower case, without accents, hyphens or apostrophes ("ile saint
 * denis" for "L'Île-Saint-Denis"). The search normalises what is typed the same way.
 */
const SEARCH_NAME = `translate(lower(name), 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ-''’', 'aaaaaaceeeeiiiinooooouuuuyy   ')`;

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

  @ManyToOne(() => TerritoryEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent!: TerritoryEntity | null;

  @Index()
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  /** Set for SITE territories only: a site belongs to the bid that declared it. */
  @ManyToOne('BidEntity', { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id' })
  bid!: BidEntity | null;

  @Column({ name: 'bid_id', type: 'uuid', nullable: true })
  bidId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
