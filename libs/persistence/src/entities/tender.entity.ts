import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { IdentifierScheme, Reservation } from '@cordage/domain';
import { CreatedAt } from './references';

@Entity('tenders')
@Unique('tenders_buyer_reference_key', ['buyerIdScheme', 'buyerIdValue', 'reference'])
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

  @CreatedAt()
  createdAt!: Date;
}
