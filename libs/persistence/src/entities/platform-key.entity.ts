import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAt } from './references';

export type PlatformKeyPurpose = 'CA' | 'SEAL';

/**
 * The platform's own keys: its certificate authority (issues the signers' certificates) and the
 * seal of the proof files, each made once on first start; private keys sealed with the master key.
 */
@Entity('platform_keys')
@Check(`"purpose" IN ('CA', 'SEAL')`)
export class PlatformKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  purpose!: PlatformKeyPurpose;

  @Column({ name: 'certificate_pem', type: 'text' })
  certificatePem!: string;

  @Column({ name: 'sealed_private_key', type: 'text' })
  sealedPrivateKey!: string;

  @CreatedAt()
  createdAt!: Date;
}
