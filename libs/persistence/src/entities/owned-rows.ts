import { Column, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer } from './column-transformers';
import { BidOwnedRow } from './bid-owned-row';
import { BidEntity } from './bid.entity';
import { LotCellEntity } from './lot-cell.entity';
import { LotEntity } from './lot.entity';
import { MemberEntity } from './member.entity';
import { ManyToOneRef, ManyToOneWithin, RefColumn } from './references';
import { UserEntity } from './user.entity';

/**
 * The leading columns many tables share, written once: a row of one member of a bid, of one of
 * its lots, or a member's figures per period. Abstract classes, not entities: each table still
 * declares its own name, keys and checks, and its columns come after these.
 */

/** A row of one member of a bid: goes when the member or the bid goes. */
export abstract class MemberOwnedRow extends BidOwnedRow {
  @ManyToOneRef(() => MemberEntity, { onDelete: 'CASCADE' })
  member!: MemberEntity;

  @RefColumn('member_id')
  memberId!: string;
}

/** A row of one member on one lot of the bid. */
export abstract class MemberLotRow extends MemberOwnedRow {
  @ManyToOneRef(() => LotEntity, { onDelete: 'CASCADE' })
  lot!: LotEntity;

  @RefColumn('lot_id')
  lotId!: string;
}

/** A row of one member with its own uuid, without the bid's key: goes when the member goes. */
export abstract class OfMemberRow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOneRef(() => MemberEntity, { onDelete: 'CASCADE' })
  member!: MemberEntity;

  @RefColumn('member_id')
  memberId!: string;
}

/**
 * A member's hours on one lot cell (an offer to the buyer, a subcontractor's capacity); each
 * table keeps one per member and cell, and more than zero hours.
 */
export abstract class MemberCellHoursRow extends OfMemberRow {
  @ManyToOneRef(() => LotCellEntity, { onDelete: 'CASCADE' })
  lotCell!: LotCellEntity;

  @Index()
  @RefColumn('lot_cell_id')
  lotCellId!: string;

  @Column({ type: 'numeric', transformer: decimalTransformer })
  hours!: number;
}

/** A row of one person acting for a member (a link, a code): goes with the member or the person. */
export abstract class MemberUserRow extends OfMemberRow {
  @ManyToOneRef(() => UserEntity, { onDelete: 'CASCADE' })
  user!: UserEntity;

  @RefColumn('user_id')
  userId!: string;
}

/**
 * The key of a member's figures per period, without an id of its own: the bid leads, so that a
 * bid's lines come from one index range.
 */
export abstract class MemberPeriodKey {
  @PrimaryColumn({ name: 'bid_id', type: 'uuid' })
  bidId!: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @ManyToOneRef(() => BidEntity, { onDelete: 'CASCADE' })
  bid!: BidEntity;

  @ManyToOneRef(() => MemberEntity, { onDelete: 'CASCADE' })
  member!: MemberEntity;

  @ManyToOneRef(() => LotEntity, { onDelete: 'CASCADE' })
  lot!: LotEntity;
}

/** A member's figures for one lot cell and period (planned or in force); the lot is kept too. */
export abstract class MemberCellPeriodKey extends MemberPeriodKey {
  @PrimaryColumn({ name: 'lot_cell_id', type: 'uuid' })
  lotCellId!: string;

  @PrimaryColumn({ name: 'period_number', type: 'integer' })
  periodNumber!: number;

  @ManyToOneRef(() => LotCellEntity, { onDelete: 'CASCADE' })
  lotCell!: LotCellEntity;

  @RefColumn('lot_id')
  lotId!: string;
}

/** The row's member, a member of the row's own bid: one key on (bid_id, member_id). */
export const MemberOfItsBid = (): PropertyDecorator =>
  ManyToOneWithin(() => MemberEntity, {
    scope: ['bid_id', 'bidId'],
    column: 'member_id',
    onDelete: 'CASCADE',
  });

/** The row's lot cell, a cell of the row's own lot: one key on (lot_id, lot_cell_id). */
export const CellOfItsLot = (): PropertyDecorator =>
  ManyToOneWithin(() => LotCellEntity, {
    scope: ['lot_id', 'lotId'],
    column: 'lot_cell_id',
    onDelete: 'CASCADE',
  });
