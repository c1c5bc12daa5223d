import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  type Actor,
  DomainError,
  DomainErrorCode,
  type ReplanInput,
  type ReplanLot,
  checkReplanPeriod,
  contractPeriods,
  hasLeft,
} from '@cordage/domain';
import {
  BidLockRepository,
  BidScenarioRepository,
  ContractRepository,
  JobRequestsRepository,
  OutboxRepository,
  type ReplanEntity,
  type ReplanResult,
  ReplansRepository,
  Transactional,
} from '@cordage/persistence';
import { JobName, QUEUE_OF_JOB } from '@cordage/queue';
import { RequestedWorkRefused } from '../allocations/requested-work-refused';
import { RequestedWorkService } from '../allocations/requested-work.service';
import { AuditTrail } from '../audit';

const refused = (path: string, code: string, message: string) =>
  new DomainError(DomainErrorCode.WORKFLOW_RULE_VIOLATED, `Replanification refusée : ${message}.`, [
    { path, code, message },
  ]);

/** What the worker finds when it takes a re-plan: done already, or the input to compute. */
export type ReplanStart =
  { done: { number: number } } | { compute: { bidId: string; input: ReplanInput; actor: Actor } };

/** A re-plan as read back: its lines restricted to the members the reader may see. */
export interface ReplanView {
  number: number;
  fromPeriod: number;
  status: ReplanEntity['status'];
  failure: { code: string; message: string } | null;
  createdAt: string;
  finishedAt: string | null;
  result: ReplanResult | null;
}

function summaryOf(row: ReplanEntity): Omit<ReplanView, 'result'> {
  return {
    number: row.number,
    fromPeriod: row.fromPeriod,
    status: row.status,
    failure: row.failure,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Re-planning (docs/after-award.md): a coordinator asks for a new plan of the remaining periods,
 * the worker computes it with the allocation engine, the result is kept as a numbered re-plan.
 */
@Injectable()
export class ReplansService {
  constructor(
    private readonly bidLock: BidLockRepository,
    private readonly contract: ContractRepository,
    private readonly replans: ReplansRepository,
    private readonly jobRequests: JobRequestsRepository,
    private readonly requestedWork: RequestedWorkService,
    private readonly scenarios: BidScenarioRepository,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Records the request, its re-plan row and its job (through the outbox). The same first period
   * asked again while the first request waits gets the first one's job.
   */
  @Transactional()
  async request(
    bidId: string,
    fromPeriod: number,
    actor: Actor,
  ): Promise<{ jobId: string; number: number; statusUrl: string }> {
    await this.bidLock.lock(bidId);
    checkReplanPeriod(fromPeriod, await this.wonLots(bidId));
    const run = await this.jobRequests.insertUnlessWaiting({
      id: randomUUID(),
      kind: 'REPLAN',
      bidId,
      inputHash: `replan-from-${fromPeriod}`,
      parameters: { fromPeriod },
      requestedBy: actor.userId,
      requestId: actor.requestId,
    });
    if (!run.created) {
      const waiting = await this.replans.find(run.id);
      if (!waiting) throw new Error(`re-plan ${run.id} has no row`);
      return { jobId: run.id, number: waiting.number, statusUrl: `/api/jobs/${run.id}` };
    }
    const number = await this.replans.nextNumber(bidId);
    await this.replans.insert({
      id: run.id,
      bidId,
      number,
      fromPeriod,
      requestedBy: actor.userId,
    });
    await this.outbox.add({
      id: run.id,
      queueName: QUEUE_OF_JOB[JobName.CONTRACT_REPLAN],
      jobName: JobName.CONTRACT_REPLAN,
      payload: { replanId: run.id },
    });
    await this.audit.append(actor, {
      action: 'contract.replan_requested',
      entityType: 'replan',
      entityId: run.id,
      bidId,
      after: { number, fromPeriod },
    });
    return { jobId: run.id, number, statusUrl: `/api/jobs/${run.id}` };
  }

  /** The worker takes the re-plan: what it gave if done, else the input read from the bid. */
  async start(replanId: string): Promise<ReplanStart> {
    const run = await this.requestedWork.start(replanId, 'REPLAN');
    if (!run?.bidId) throw new RequestedWorkRefused(`re-plan ${replanId} does not exist`);
    if (run.status === 'FAILED') throw new RequestedWorkRefused(run.failure?.message ?? 'failed');
    const row = await this.replans.find(replanId);
    if (!row) throw new RequestedWorkRefused(`re-plan ${replanId} has no row`);
    if (run.result) return { done: run.result };
    const actor = { userId: run.requestedBy, label: 'worker', requestId: run.requestId };
    return { compute: { bidId: run.bidId, input: await this.input(row), actor } };
  }

  /** Records the computed plan once, whatever the retries or twin jobs. */
  @Transactional()
  async recordResult(replanId: string, result: ReplanResult, actor: Actor): Promise<number> {
    const run = await this.jobRequests.lock(replanId, 'REPLAN');
    const row = await this.replans.find(replanId);
    if (!run || !row) throw new Error(`re-plan ${replanId} does not exist`);
    if (run.status === 'DONE' || run.status === 'FAILED') return row.number;
    await this.replans.markDone(replanId, result);
    await this.jobRequests.markDone(replanId, 'REPLAN', { number: row.number });
    await this.audit.append(actor, {
      action: 'contract.replanned',
      entityType: 'replan',
      entityId: replanId,
      bidId: row.bidId,
      after: { number: row.number, fromPeriod: row.fromPeriod, optima: result.optima },
    });
    return row.number;
  }

  /** The re-plan can never be computed as asked: FAILED for good, with the reason. */
  @Transactional()
  async markFailed(
    replanId: string,
    failure: { code: string; message: string },
    actor: Actor,
  ): Promise<void> {
    await this.replans.markFailed(replanId, failure);
    await this.requestedWork.markFailed(replanId, { ...failure, problems: [] }, actor);
  }

  /** The bid's re-plans, without their lines. */
  async list(bidId: string): Promise<Omit<ReplanView, 'result'>[]> {
    return (await this.replans.list(bidId)).map(summaryOf);
  }

  /** One re-plan; other members' lines only where `memberIds` allows (uncovered part always). */
  async read(
    bidId: string,
    number: number,
    memberIds: 'ALL' | readonly string[],
  ): Promise<ReplanView> {
    const row = await this.replans.findByNumber(bidId, number);
    if (!row) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Replanification introuvable.');
    let result = row.result;
    if (result && memberIds !== 'ALL') {
      const members = await this.contract.members(bidId);
      const visible = new Set(
        [...members.values()].filter((m) => memberIds.includes(m.id)).map((m) => m.key),
      );
      result = {
        ...result,
        lines: result.lines.filter((line) => line.org === null || visible.has(line.org)),
      };
    }
    return { ...summaryOf(row), result };
  }

  /** The won lots with their contract's periods; refused when there is none. */
  private async wonLots(bidId: string): Promise<ReplanLot[]> {
    const contracts = await this.contract.lotContracts(bidId);
    const won = contracts.filter((lot) => lot.outcome === 'WON');
    if (won.length === 0) {
      throw refused('award', 'NO_AWARD', 'aucun lot gagné n’est enregistré pour cette candidature');
    }
    const awards = await this.contract.awards(bidId);
    return won.map((lot) => {
      if (lot.startOn === null || lot.durationMonths === null || lot.periodMonths === null) {
        throw refused(
          'award',
          'CONTRACT_NOT_SET',
          `le marché du lot ${lot.lot} (début, durée, périodes) n’est pas encore fixé`,
        );
      }
      const awarded = awards.find((award) => award.lot === lot.lot)?.awardedCents;
      if (!awarded) throw new Error(`lot ${lot.lot}: won without an amount`);
      return {
        lot: lot.lot,
        awardedCents: awarded,
        periods: contractPeriods({
          startOn: lot.startOn,
          durationMonths: lot.durationMonths,
          periodMonths: lot.periodMonths,
        }),
      };
    });
  }

  private async input(row: ReplanEntity): Promise<ReplanInput> {
    const scenario = await this.scenarios.exportScenario(row.bidId);
    if (!scenario) throw new RequestedWorkRefused(`bid ${row.bidId} does not exist`);
    const lots = await this.wonLots(row.bidId);
    const members = await this.contract.members(row.bidId);
    const uncovered = (await this.contract.plannedCells(row.bidId, []))
      .filter((cell) => cell.memberId === null)
      .map(({ lot, territory, amountCents, insertionHours }) => ({
        lot,
        territory,
        amountCents,
        insertionHours,
      }));
    return {
      scenario,
      fromPeriod: row.fromPeriod,
      lots,
      planned: await this.replans.plannedPeriods(row.bidId),
      uncovered,
      realised: await this.replans.realisedBefore(row.bidId, row.fromPeriod),
      leftOrgs: [...members.values()]
        .filter((member) => hasLeft(member.status))
        .map((member) => member.key),
    };
  }
}
