import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, type CharterVersion, DomainError, DomainErrorCode } from '@cordage/domain';
import { CharterAcceptanceEntity, CharterEntity } from '../entities';
import { AuditLogRepository } from './audit-log.repository';

/** Networks' charters, versioned, and the organisations' acceptances. */
@Injectable()
export class ChartersRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLogRepository,
  ) {}

  async current(networkId: string): Promise<(CharterVersion & { id: string }) | null> {
    return this.dataSource.manager.findOne(CharterEntity, {
      where: { networkId },
      order: { version: 'DESC' },
      select: { id: true, version: true, title: true, text: true },
    });
  }

  /** A new version: every member accepts it again before declaring. */
  async publish(
    networkId: string,
    charter: { title: string; text: string },
    actor: Actor,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM networks WHERE id = $1 FOR UPDATE', [networkId]);
      const [{ next }] = await manager.query<{ next: number }[]>(
        'SELECT coalesce(max(version), 0) + 1 AS next FROM charters WHERE network_id = $1',
        [networkId],
      );
      const { identifiers } = await manager.insert(CharterEntity, {
        networkId,
        version: next,
        ...charter,
        createdBy: actor.userId,
      });
      await this.audit.append(manager, actor, {
        action: 'charter.published',
        entityType: 'charter',
        entityId: identifiers[0].id as string,
        after: { networkId, version: next, title: charter.title },
      });
      return next;
    });
  }

  /** Accepts the current version; accepting an older one (the page was stale) is refused. */
  async accept(
    networkId: string,
    organisationId: string,
    version: number,
    actor: Actor,
    bidId: string,
  ): Promise<void> {
    const current = await this.current(networkId);
    if (!current || current.version !== version) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        current
          ? `La charte en vigueur est la version ${current.version} : relisez-la avant de l’accepter.`
          : 'Ce réseau n’a pas de charte à accepter.',
        [{ path: 'version', code: 'NOT_CURRENT_CHARTER', message: `version ${version}` }],
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(CharterAcceptanceEntity)
        .values({ charterId: current.id, organisationId, userId: actor.userId })
        .orIgnore()
        .execute();
      if (inserted.identifiers.length === 0 || !inserted.identifiers[0]) return;
      await this.audit.append(manager, actor, {
        action: 'charter.accepted',
        entityType: 'charter',
        entityId: current.id,
        bidId,
        after: { organisationId, version },
      });
    });
  }

  /** The latest version each organisation accepted (absent: none). */
  async acceptedVersions(
    networkId: string,
    organisationIds: string[],
  ): Promise<Map<string, number>> {
    const rows = await this.dataSource.query<{ organisation_id: string; version: number }[]>(
      `SELECT a.organisation_id, max(c.version) AS version FROM charter_acceptances a
       JOIN charters c ON c.id = a.charter_id
       WHERE c.network_id = $1 AND a.organisation_id = ANY($2::uuid[]) GROUP BY a.organisation_id`,
      [networkId, organisationIds],
    );
    return new Map(rows.map((row) => [row.organisation_id, row.version]));
  }
}
