import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { NetworkEntity } from './network.entity';
import { ManyToOneRef, RefColumn, CreatedAt } from './references';

/** A network's charter, versioned: a member accepts the current version before declaring. */
@Entity('charters')
@Unique('charters_network_version_key', ['networkId', 'version'])
export class CharterEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOneRef(() => NetworkEntity, { onDelete: 'CASCADE' })
  network!: NetworkEntity;

  @RefColumn('network_id')
  networkId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  text!: string;

  @RefColumn('created_by', { nullable: true })
  createdBy!: string | null;

  @CreatedAt()
  createdAt!: Date;
}
