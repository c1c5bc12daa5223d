import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import {
  ACTIVE_CHANGE_REQUEST_STATUSES,
  type ChangeRequestReason,
  type ChangeRequestStatus,
  type MemberStatus,
} from '@cordage/domain';
import { ChangeRequestEntity, MemberEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

export interface LeavingOrganisation {
  amendmentNumber: number;
  reason: ChangeRequestReason;
  justification: string;
  createdAt: Date;
  legalName: string;
  idScheme: string;
  idValue: string;
}

export interface NewChangeRequest {
  bidId: string;
  memberId: string;
  previousMemberStatus: MemberStatus;
  reason: ChangeRequestReason;
  justification: string;
  amendmentNumber: number;
  createdBy: string | null;
}

/**
 * Changes of membership after the freeze (R2142-26): the leaving member is withdrawn at once, the
 * others share its work again (a new allocation version), approve it and sign an amendment.
 */
@Injectable()
export class ChangeRequestsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** The bid's change request under way, if any. */
  async active(bidId: string): Promise<ChangeRequestEntity | null> {
    return this.db.tx.findOneBy(ChangeRequestEntity, {
      bidId,
      status: In([...ACTIVE_CHANGE_REQUEST_STATUSES]),
    });
  }

  async list(bidId: string): Promise<ChangeRequestEntity[]> {
    return this.db.tx.find(ChangeRequestEntity, {
      where: { bidId },
      order: { createdAt: 'DESC' },
    });
  }

  async find(bidId: string, id: string): Promise<ChangeRequestEntity | null> {
    return this.db.tx.findOneBy(ChangeRequestEntity, { bidId, id });
  }

  async findById(id: string): Promise<ChangeRequestEntity | null> {
    return this.db.tx.findOneBy(ChangeRequestEntity, { id });
  }

  async countClosed(bidId: string): Promise<number> {
    return this.db.tx.countBy(ChangeRequestEntity, { bidId, status: 'CLOSED' });
  }

  async add(request: NewChangeRequest): Promise<ChangeRequestEntity> {
    const { identifiers } = await this.db.tx.insert(ChangeRequestEntity, {
      ...request,
      status: 'OPEN',
    });
    return this.db.tx.findOneByOrFail(ChangeRequestEntity, { id: String(identifiers[0]?.id) });
  }

  async update(
    id: string,
    change: { status: ChangeRequestStatus; allocationVersionId: string | null },
  ): Promise<void> {
    await this.db.tx.update(ChangeRequestEntity, { id }, change);
  }

  /** The member leaves (WITHDRAWN), or comes back to the status it had (the change rejected). */
  async setMemberStatus(memberId: string, status: MemberStatus): Promise<void> {
    await this.db.tx.update(
      MemberEntity,
      { id: memberId },
      { status, statusChangedAt: () => 'now()' },
    );
  }

  /** The change and the organisation that leaves, as the amendment and the letter cite them. */
  async leavingOrganisation(changeRequestId: string): Promise<LeavingOrganisation | null> {
    const row = await this.db.tx
      .createQueryBuilder(ChangeRequestEntity, 'change')
      .innerJoin('change.member', 'member')
      .innerJoin('member.organisation', 'organisation')
      .select('change.amendmentNumber', 'amendmentNumber')
      .addSelect('change.reason', 'reason')
      .addSelect('change.justification', 'justification')
      .addSelect('change.createdAt', 'createdAt')
      .addSelect('organisation.legalName', 'legalName')
      .addSelect('organisation.idScheme', 'idScheme')
      .addSelect('organisation.idValue', 'idValue')
      .where('change.id = :changeRequestId', { changeRequestId })
      .getRawOne<LeavingOrganisation>();
    return row ?? null;
  }
}
