import { Entity, PrimaryColumn } from 'typeorm';
import { NetworkEntity } from './network.entity';
import { OrganisationEntity } from './organisation.entity';
import { ManyToOneRef, CreatedAt } from './references';

@Entity('network_organisations')
export class NetworkOrganisationEntity {
  @PrimaryColumn({ name: 'network_id', type: 'uuid' })
  networkId!: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOneRef(() => NetworkEntity, { onDelete: 'CASCADE' })
  network!: NetworkEntity;

  @ManyToOneRef(() => OrganisationEntity, { onDelete: 'CASCADE' })
  organisation!: OrganisationEntity;

  @CreatedAt()
  createdAt!: Date;
}
