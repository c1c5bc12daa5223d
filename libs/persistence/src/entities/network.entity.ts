import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from './references';

/** A network of the social economy: it groups organisations and owns bids. */
@Entity('networks')
export class NetworkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @CreatedAt()
  createdAt!: Date;
}
