import { Injectable } from '@nestjs/common';
import { ChangeRequestService } from '@cordage/application';
import type { Actor } from '@cordage/domain';
import { AllocationsRepository, type ChangeRequestEntity } from '@cordage/persistence';
import type { ChangeRequestCreateDto, ChangeRequestTransitionDto } from './dto/workflow.dto';
import { WorkflowNotifier } from './workflow.notifier';

/** Changes of membership after the signature; the members are mailed once a step is recorded. */
@Injectable()
export class ChangeRequestsService {
  constructor(
    private readonly changeRequests: ChangeRequestService,
    private readonly allocations: AllocationsRepository,
    private readonly notifier: WorkflowNotifier,
  ) {}

  async open(bidId: string, request: ChangeRequestCreateDto, actor: Actor) {
    return this.changeDto(await this.changeRequests.open(bidId, request, actor));
  }

  async list(bidId: string) {
    return Promise.all((await this.changeRequests.list(bidId)).map((c) => this.changeDto(c)));
  }

  async step(bidId: string, id: string, step: ChangeRequestTransitionDto, actor: Actor) {
    const transition = await this.changeRequests.transition(bidId, id, step.event, actor, {
      ...(step.allocationVersion !== undefined && { allocationVersion: step.allocationVersion }),
    });
    await this.notifier.afterChangeStep(bidId, transition);
    return transition;
  }

  private async changeDto(change: ChangeRequestEntity) {
    const version = change.allocationVersionId
      ? await this.allocations.findById(change.allocationVersionId)
      : null;
    return {
      id: change.id,
      memberId: change.memberId,
      reason: change.reason,
      justification: change.justification,
      status: change.status,
      amendmentNumber: change.amendmentNumber,
      allocationVersion: version?.number ?? null,
      createdAt: change.createdAt.toISOString(),
    };
  }
}
