import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  type Actor,
  DomainError,
  DomainErrorCode,
  type LineOverride,
  compareAllocations,
  assertBidAllows,
  assertVersionCurrent,
  overrideLine,
  scenarioHash,
} from '@cordage/domain';
import {
  AllocationsRepository,
  BidScenarioRepository,
  BidWorkflowRepository,
  ChangeRequestsRepository,
  OutboxRepository,
} from '@cordage/persistence';
import { JobName, QUEUE_OF_JOB } from '@cordage/queue';

const versionNotFound = (number: number) =>
  new DomainError(DomainErrorCode.NOT_FOUND, `Version ${number} introuvable.`);

@Injectable()
export class AllocationsService {
  constructor(
    private readonly allocations: AllocationsRepository,
    private readonly outbox: OutboxRepository,
    private readonly scenarios: BidScenarioRepository,
    private readonly workflow: BidWorkflowRepository,
    private readonly changeRequests: ChangeRequestsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Records the request and its job in one transaction; the worker computes. The same request
   * sent twice before the first is done (a double click) gets the first one's job.
   */
  async requestRun(bidId: string, actor: Actor) {
    await this.assertMayAllocate(bidId);
    const scenario = await this.scenarios.exportScenario(bidId);
    if (!scenario) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Candidature introuvable.');
    const inputHash = scenarioHash(scenario);
    const run = await this.dataSource.transaction(async (manager) => {
      const recorded = await this.allocations.createRun(manager, {
        id: randomUUID(),
        bidId,
        inputHash,
        requestedBy: actor.userId,
        requestId: actor.requestId,
      });
      if (recorded.created) {
        await this.outbox.addWith(manager, {
          id: recorded.id,
          queueName: QUEUE_OF_JOB[JobName.ALLOCATION_RUN],
          jobName: JobName.ALLOCATION_RUN,
          payload: { runId: recorded.id },
        });
      }
      return recorded;
    });
    return { jobId: run.id, statusUrl: `/api/jobs/${run.id}` };
  }

  async list(bidId: string) {
    const versions = await this.allocations.list(bidId);
    return versions.map((version) => ({ ...version, createdAt: version.createdAt.toISOString() }));
  }

  async find(bidId: string, number: number) {
    const version = await this.allocations.find(bidId, number);
    if (!version) throw versionNotFound(number);
    const based = version.basedOn ? await this.allocations.numberOf(version.basedOn) : null;
    return {
      number: version.number,
      kind: version.kind,
      basedOn: based,
      createdAt: version.createdAt.toISOString(),
      override: version.override,
      result: {
        ...version.result,
        lines: [...version.result.lines],
        members: [...version.result.members],
        uncovered: [...version.result.uncovered],
        rules: [...version.result.rules],
        warnings: [...version.result.warnings],
      },
    };
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
  ) {
    await this.assertMayAllocate(bidId);
    const version = await this.allocations.find(bidId, number);
    if (!version) throw versionNotFound(number);
    const scenario = await this.scenarios.exportScenario(bidId);
    assertVersionCurrent(scenario, version);
    const { reason, ...line } = change;
    const hoursBefore =
      version.result.lines.find(
        (l) => l.org === line.org && l.lot === line.lot && l.territory === line.territory,
      )?.hours ?? 0;
    const result = overrideLine(scenario, version.result, line);
    const created = await this.allocations.addVersion(
      {
        bidId,
        inputHash: version.inputHash,
        result,
        basedOn: version.id,
        override: {
          ...line,
          hoursBefore,
          hoursAfter: line.hours,
          reason,
          authorId: actor.userId,
          author: actor.label,
        },
      },
      actor,
    );
    return { number: created.number };
  }

  /** While allocating, or after the signature while a change request shares the work again. */
  private async assertMayAllocate(bidId: string): Promise<void> {
    const [bid, change] = await Promise.all([
      this.workflow.status(bidId),
      this.changeRequests.active(bidId),
    ]);
    assertBidAllows('ALLOCATE', bid.status, change?.status ?? null);
  }
}
