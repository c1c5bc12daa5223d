import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { NetworkEntity } from './network.entity';
import { OrganisationEntity } from './organisation.entity';

@Entity('network_organisations')
export class NetworkOrganisationEntity {
  @PrimaryColumn({ name: 'network_id', type: 'uuid' })
  networkId!: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => NetworkEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_id' })
  network!: NetworkEntity;

  @ManyToOne(() => OrganisationEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation!: OrganisationEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
