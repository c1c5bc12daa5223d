import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { NetworkEntity } from './network.entity';

/** A network's charter, versioned: a member accepts the current version before declaring. */
@Entity('charters')
@Unique('charters_network_version_key', ['networkId', 'version'])
export class CharterEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => NetworkEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_id' })
  network!: NetworkEntity;

  @Column({ name: 'network_id', type: 'uuid' })
  networkId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
