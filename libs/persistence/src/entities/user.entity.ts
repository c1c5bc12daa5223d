import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAt } from './references';

@Entity('users')
@Unique('users_email_key', ['email'])
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Lower-cased: an address is one person however it is typed. */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ name: 'platform_admin', type: 'boolean', default: false })
  platformAdmin!: boolean;

  @CreatedAt()
  createdAt!: Date;
}
