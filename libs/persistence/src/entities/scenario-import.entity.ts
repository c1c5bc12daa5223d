import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ManyToOne,
  PrimaryColumn,
  JoinColumn,
} from 'typeorm';
import type { ImportedBid, Problem } from '@cordage/domain';
import { BidEntity } from './bid.entity';

export type ScenarioImportStatus = 'PENDING' | 'DONE' | 'FAILED';

export interface ScenarioImportFailure {
  code: string;
  message: string;
  problems: Problem[];
}

/**
 * A request to import a scenario file. Its id is also the outbox message's and the job's, so one
 * id follows the request from the api to the worker and back.
 */
@Entity('scenario_imports')
@Check(`"status" IN ('PENDING', 'DONE', 'FAILED')`)
export class ScenarioImportEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 8, default: 'PENDING' })
  status!: ScenarioImportStatus;

  /** The file as received; cleared once imported (the bid then holds the data). */
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Column({ name: 'source_bytes', type: 'integer' })
  sourceBytes!: number;

  /** The network the bid will belong to, and who asked: they may follow the job. */
  @Column({ name: 'network_id', type: 'uuid' })
  networkId!: string;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  @ManyToOne(() => BidEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'bid_id' })
  bid!: BidEntity | null;

  @Column({ name: 'bid_id', type: 'uuid', nullable: true })
  bidId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  result!: ImportedBid | null;

  @Column({ type: 'jsonb', nullable: true })
  failure!: ScenarioImportFailure | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
