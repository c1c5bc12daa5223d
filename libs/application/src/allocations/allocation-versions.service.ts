import { Injectable } from '@nestjs/common';
import {
  type Actor,
  DomainError,
  DomainErrorCode,
  type LineOverride,
  assertVersionCurrent,
  compareAllocations,
  overrideLine,
} from '@cordage/domain';
import {
  type AllocationOverrideRecord,
  AllocationsRepository,
  type AllocationVersionEntity,
  type AllocationVersionSummary,
  BidLockRepository,
  BidScenarioRepository,
  BidWorkflowRepository,
  ChangeRequestsRepository,
  type NewVersion,
  TerritoryRepository,
  Transactional,
} from '@cordage/persistence';
import { assertMayAllocate } from './may-allocate';
import { AuditTrail } from '../audit';

const versionNotFound = (number: number) =>
  new DomainError(DomainErrorCode.NOT_FOUND, `Version ${number} introuvable.`);

/** The versions of a bid's allocation: read, compared, and changed by hand into a new one. */
@Injectable()
export class AllocationVersionsService {
  constructor(
    private readonly bidLock: BidLockRepository,
    private readonly allocations: AllocationsRepository,
    private readonly scenarios: BidScenarioRepository,
    private readonly workflow: BidWorkflowRepository,
    private readonly changeRequests: ChangeRequestsRepository,
    private readonly audit: AuditTrail,
    private readonly territories: TerritoryRepository,
  ) {}

  async list(bidId: string): Promise<AllocationVersionSummary[]> {
    return this.allocations.list(bidId);
  }

  /** A version, with the number of the one it changed (for an override). */
  async find(
    bidId: string,
    number: number,
  ): Promise<{ version: AllocationVersionEntity; basedOn: number | null }> {
    const version = await this.allocations.find(bidId, number);
    if (!version) throw versionNotFound(number);
    const basedOn = version.basedOn ? await this.allocations.numberOf(version.basedOn) : null;
    return { version, basedOn };
  }

  async compare(bidId: string, from: number, to: number) {
    const [before, after] = await Promise.all([
      this.allocations.find(bidId, from),
      this.allocations.find(bidId, to),
    ]);
    if (!before) throw versionNotFound(from);
    if (!after) throw versionNotFound(to);
    return { from, to, ...compareAllocations(before.result, after.result) };
  }

  /**
   * A coordinator's change of one line, checked again against every constraint and cent total,
   * recorded with its author and reason as a new version based on the one changed.
   */
  async override(
    bidId: string,
    number: number,
    change: LineOverride & { reason: string },
    actor: Actor,
  ): Promise<{ number: number }> {
    await assertMayAllocate(bidId, this.workflow, this.changeRequests);
    const version = await this.allocations.find(bidId, number);
    if (!version) throw versionNotFound(number);
    const scenario = await this.scenarios.exportScenario(bidId);
    assertVersionCurrent(scenario, version);
    const { reason, ...line } = change;
    const hoursBefore =
      version.result.lines.find(
        (l) => l.org === line.org && l.lot === line.lot && l.territory === line.territory,
      )?.hours ?? 0;
    // A refusal names the territory as people know it (« Saint-Denis », not COM:93066).
    const names = await this.territories.namesOf([line.territory]);
    const result = overrideLine(scenario, version.result, line, (code) => names.get(code));
    const override = {
      ...line,
      hoursBefore,
      hoursAfter: line.hours,
      reason,
      authorId: actor.userId,
      author: actor.label,
    };
    const created = await this.addVersion(
      { bidId, inputHash: version.inputHash, result, basedOn: version.id, override },
      actor,
    );
    return { number: created.number };
  }

  /** Checked before (reads hold no transaction); numbered and audited under the bid's lock. */
  @Transactional()
  private async addVersion(
    version: NewVersion & { override: AllocationOverrideRecord },
    actor: Actor,
  ): Promise<AllocationVersionEntity> {
    // Versions are numbered one at a time per bid: no gaps, no twins.
    await this.bidLock.lock(version.bidId);
    const created = await this.allocations.insertVersion(version, actor.userId);
    await this.audit.append(actor, {
      action: 'allocation.overridden',
      entityType: 'allocation_version',
      entityId: created.id,
      bidId: version.bidId,
      after: { number: created.number, optima: version.result.optima, override: version.override },
    });
    return created;
  }
}
