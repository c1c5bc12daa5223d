import { Injectable } from '@nestjs/common';
import { ChangeRequestService } from '@cordage/application';
import type { Actor } from '@cordage/domain';
import {
  AllocationsRepository,
  type ChangeRequestEntity,
  ReplansRepository,
} from '@cordage/persistence';
import type { ChangeRequestCreateDto, ChangeRequestTransitionDto } from './dto/workflow.dto';

/** Changes of membership after the signature; the members' mails are queued with each step. */
@Injectable()
export class ChangeRequestsService {
  constructor(
    private readonly changeRequests: ChangeRequestService,
    private readonly allocations: AllocationsRepository,
    private readonly replans: ReplansRepository,
  ) {}

  async open(bidId: string, request: ChangeRequestCreateDto, actor: Actor) {
    return this.changeDto(await this.changeRequests.open(bidId, request, actor));
  }

  async list(bidId: string) {
    return Promise.all((await this.changeRequests.list(bidId)).map((c) => this.changeDto(c)));
  }

  async step(bidId: string, id: string, step: ChangeRequestTransitionDto, actor: Actor) {
    return this.changeRequests.transition(bidId, id, step.event, actor, {
      ...(step.allocationVersion !== undefined && { allocationVersion: step.allocationVersion }),
    });
  }

  private async changeDto(change: ChangeRequestEntity) {
    const version = change.allocationVersionId
      ? await this.allocations.findById(change.allocationVersionId)
      : null;
    const replan = change.replanId ? await this.replans.find(change.replanId) : null;
    return {
      id: change.id,
      memberId: change.memberId,
      reason: change.reason,
      replan: replan?.number ?? null,
      justification: change.justification,
      status: change.status,
      amendmentNumber: change.amendmentNumber,
      allocationVersion: version?.number ?? null,
      createdAt: change.createdAt.toISOString(),
    };
  }
}
