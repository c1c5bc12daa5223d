import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type ScenarioImportFailure, ScenarioImportEntity } from '../entities';

@Injectable()
export class ScenarioImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    manager: EntityManager,
    request: {
      id: string;
      source: string;
      networkId: string;
      requestedBy: string;
      requestId: string | null;
    },
  ): Promise<void> {
    const { source } = request;
    await manager.insert(ScenarioImportEntity, {
      ...request,
      sourceBytes: Buffer.byteLength(source),
      status: 'PENDING',
    });
  }

  async findById(id: string): Promise<ScenarioImportEntity | null> {
    return this.dataSource.manager.findOneBy(ScenarioImportEntity, { id });
  }

  async markFailed(id: string, failure: ScenarioImportFailure): Promise<void> {
    await this.dataSource.manager.update(
      ScenarioImportEntity,
      { id, status: 'PENDING' },
      { status: 'FAILED', failure, source: null, finishedAt: new Date() },
    );
  }
}
