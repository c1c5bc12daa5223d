import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { centsTransformer } from './column-transformers';
import { TenderEntity } from './tender.entity';
import { ManyToOneRef, RefColumn } from './references';

@Entity('lots')
@Unique('lots_tender_number_key', ['tender', 'number'])
@Check(`"amount_cents" > 0`)
@Check(`"insertion_hours" >= 0`)
export class LotEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOneRef(() => TenderEntity, { onDelete: 'CASCADE' })
  tender!: TenderEntity;

  @RefColumn('tender_id')
  tenderId!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  /** What the members do on the lot, printed in annex A; null: the title says it. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  nature!: string | null;

  /** Excl. VAT, in euro cents. */
  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsTransformer })
  amountCents!: number;

  @Column({ name: 'insertion_hours', type: 'integer' })
  insertionHours!: number;
}
