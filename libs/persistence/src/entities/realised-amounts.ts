import { Column } from 'typeorm';
import { centsTransformer, decimalTransformer } from './column-transformers';

/**
 * The four realised amounts, written once for the entries and the figure in force that copies
 * the latest of them. Abstract, not an entity: each table declares its own key and checks.
 */
export abstract class RealisedAmountColumns {
  @Column({ type: 'numeric', precision: 12, scale: 2, transformer: decimalTransformer })
  hours!: number;

  @Column({ name: 'revenue_cents', type: 'bigint', transformer: centsTransformer })
  revenueCents!: number;

  @Column({
    name: 'insertion_hours',
    type: 'numeric',
    precision: 12,
    scale: 2,
    transformer: decimalTransformer,
  })
  insertionHours!: number;

  @Column({ name: 'insertion_people', type: 'integer' })
  insertionPeople!: number;
}
