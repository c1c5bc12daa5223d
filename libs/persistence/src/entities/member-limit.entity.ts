import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { centsTransformer, decimalTransformer } from './column-transformers';
import { MemberEntity } from './member.entity';

/** A member's caps over the whole bid: total hours and total revenue. */
@Entity('member_limits')
@Check(`"max_hours" IS NOT NULL OR "max_revenue_cents" IS NOT NULL`)
@Check(`"max_hours" > 0`)
@Check(`"max_revenue_cents" >= 0`)
export class MemberLimitEntity {
  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @OneToOne(() => MemberEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member!: MemberEntity;

  @Column({ name: 'max_hours', type: 'numeric', nullable: true, transformer: decimalTransformer })
  maxHours!: number | null;

  @Column({
    name: 'max_revenue_cents',
    type: 'bigint',
    nullable: true,
    transformer: centsTransformer,
  })
  maxRevenueCents!: number | null;
}
