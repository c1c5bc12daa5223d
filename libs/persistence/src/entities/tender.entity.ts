import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { IdentifierScheme, Reservation } from '@cordage/domain';
import { CreatedAt } from './references';

@Entity('tenders')
/**
 * A bid's copy of the tender it answers. Several consortia may answer one tender (each its own
 * copy, as each may answer other lots): the rules between them are the domain's (same-tender.ts).
 */
@Index('tenders_buyer_reference_idx', ['buyerIdScheme', 'buyerIdValue', 'reference'])
@Check(`"reserved" IN ('NONE', 'L2113_12', 'L2113_13', 'L2113_12_13')`)
export class TenderEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The buyer's reference, unique per buyer. */
  @Column({ type: 'varchar', length: 100 })
  reference!: string;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ name: 'buyer_name', type: 'varchar', length: 300 })
  buyerName!: string;

  @Column({ name: 'buyer_id_scheme', type: 'varchar', length: 8 })
  buyerIdScheme!: IdentifierScheme;

  @Column({ name: 'buyer_id_value', type: 'varchar', length: 20 })
  buyerIdValue!: string;

  @Column({ type: 'timestamptz' })
  deadline!: Date;

  @Column({ type: 'varchar', length: 16, default: 'NONE' })
  reserved!: Reservation;

  /** The tender forbids an operator to be a member of several consortia (R2142-21). */
  @Column({ name: 'exclusive_membership', type: 'boolean', default: false })
  exclusiveMembership!: boolean;

  @CreatedAt()
  createdAt!: Date;
}
