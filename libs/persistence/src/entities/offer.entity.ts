import { Check, Column, Entity, Unique } from 'typeorm';
import type { Preference } from '@cordage/domain';
import { CreatedAt, ManyToOneRef, RefColumn } from './references';
import { MemberCellHoursRow } from './owned-rows';
import { CorrigendumEntity } from './corrigendum.entity';

/** What a member can do on one cell of a lot: hours, on a primary or secondary territory. */
@Entity('offers')
@Unique('offers_member_cell_key', ['member', 'lotCell'])
@Check(`"hours" > 0`)
@Check(`"preference" IN ('PRIMARY', 'SECONDARY')`)
export class OfferEntity extends MemberCellHoursRow {
  @Column({ type: 'varchar', length: 16 })
  preference!: Preference;

  /** The corrigendum that made it outdated, and why in French; null while it holds. */
  @ManyToOneRef(() => CorrigendumEntity, { onDelete: 'SET NULL', nullable: true })
  outdatedBy!: CorrigendumEntity | null;

  @RefColumn('outdated_by_id', { nullable: true })
  outdatedById!: string | null;

  @Column({ name: 'outdated_reason', type: 'varchar', length: 500, nullable: true })
  outdatedReason!: string | null;

  /** Who entered it: the member's editor, or a coordinator on its behalf; null when imported. */
  @RefColumn('entered_by_id', { nullable: true })
  enteredById!: string | null;

  /** True when a coordinator entered it for the member (by phone, say): shown to the member. */
  @Column({ name: 'on_behalf', type: 'boolean', default: false })
  onBehalf!: boolean;

  @CreatedAt('entered_at')
  enteredAt!: Date;
}
