import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type AllocationResult,
  DomainError,
  DomainErrorCode,
  type HoursMove,
  type LineOverride,
  type Scenario,
  type TerritoryNames,
  assertVersionCurrent,
  redactAllocationResult,
  compareAllocations,
  moveHours,
  overrideLine,
} from '@cordage/domain';
import {
  AccessRepository,
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
    private readonly access: AccessRepository,
  ) {}

  async list(bidId: string): Promise<AllocationVersionSummary[]> {
    return this.allocations.list(bidId);
  }

  /**
   * A version, with the number of the one it changed (for an override), and its result as a
   * reader who sees `visibleMembers`' offers may read it (`redactAllocationResult`).
   */
  async find(
    bidId: string,
    number: number,
    visibleMembers: 'ALL' | readonly string[],
  ): Promise<{
    version: AllocationVersionEntity;
    basedOn: number | null;
    result: AllocationResult;
  }> {
    const version = await this.allocations.find(bidId, number);
    if (!version) throw versionNotFound(number);
    const basedOn = version.basedOn ? await this.allocations.numberOf(version.basedOn) : null;
    const keys =
      visibleMembers === 'ALL' ? 'ALL' : await this.allocations.memberKeys(bidId, visibleMembers);
    return { version, basedOn, result: redactAllocationResult(version.result, keys) };
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
    const { reason, ...line } = change;
    return this.changeVersion(bidId, number, line.territory, actor, (scenario, base, names) => ({
      result: overrideLine(scenario, base, line, names),
      record: { ...line, ...hoursChange(base, line.org, line, line.hours), reason },
    }));
  }

  /**
   * Hours moved from one member to another on one cell, as one change that keeps every total
   * (moveHours), recorded like an override with both members' hours before and after.
   */
  async move(
    bidId: string,
    number: number,
    change: HoursMove & { reason: string },
    actor: Actor,
  ): Promise<{ number: number }> {
    const { reason, from, to, hours, ...cell } = change;
    return this.changeVersion(bidId, number, cell.territory, actor, (scenario, base, names) => {
      const taken = hoursOn(base, to, cell);
      const given = hoursOn(base, from, cell);
      return {
        result: moveHours(scenario, base, change, names),
        record: {
          org: to,
          ...cell,
          ...hoursChange(base, to, cell, taken + hours),
          from: { org: from, ...hoursChange(base, from, cell, given - hours) },
          reason,
        },
      };
    });
  }

  /** The checks and the writing common to every change by hand of a version. */
  private async changeVersion(
    bidId: string,
    number: number,
    territory: string,
    actor: Actor,
    change: (
      scenario: Scenario,
      base: AllocationResult,
      names: TerritoryNames,
    ) => {
      result: AllocationResult;
      record: Omit<AllocationOverrideRecord, 'authorId' | 'author'>;
    },
  ): Promise<{ number: number }> {
    await assertMayAllocate(bidId, this.workflow, this.changeRequests);
    const version = await this.allocations.find(bidId, number);
    if (!version) throw versionNotFound(number);
    const scenario = await this.scenarios.exportScenario(bidId);
    assertVersionCurrent(scenario, version);
    // A refusal names the territory as people know it (« Saint-Denis », not COM:93066).
    const names = await this.territories.namesOf([territory]);
    const { result, record } = change(scenario, version.result, (code) => names.get(code));
    // The version says « par Claire Martin », not an e-mail address, wherever a name is known.
    const user = await this.access.findUserByEmail(actor.label);
    const override = {
      ...record,
      authorId: actor.userId,
      author: user?.displayName ?? actor.label,
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

type Cell = { lot: number; territory: string };

const hoursOn = (result: AllocationResult, org: string, cell: Cell) =>
  result.lines.find(
    (line) => line.org === org && line.lot === cell.lot && line.territory === cell.territory,
  )?.hours ?? 0;

/** A member's hours on a cell before the change and after it, to the hundredth. */
const hoursChange = (base: AllocationResult, org: string, cell: Cell, after: number) => ({
  hoursBefore: hoursOn(base, org, cell),
  hoursAfter: Math.round(after * 100) / 100,
});
