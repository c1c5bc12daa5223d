import { Injectable } from '@nestjs/common';
import { In, IsNull, Not } from 'typeorm';
import {
  type BallotMember,
  type BidStatus,
  type ChangeRequestStatus,
  type DecisionRule,
  type MemberFacts,
  type MembershipRules,
  type AllocationUncovered,
  type RecordedVote,
  type VersionShare,
  type VoteChoice,
  type ConventionSettings,
  conventionSettingsSchema,
} from '@cordage/domain';
import {
  AllocationVersionEntity,
  AllocationVoteEntity,
  BidEntity,
  ChangeRequestEntity,
  CharterAcceptanceEntity,
  DocumentEntity,
  MemberEntity,
  NetworkOrganisationEntity,
  OfferEntity,
  RoleAssignmentEntity,
  SignatureEntity,
} from '../entities';
import { type Db, InjectDb } from '../unit-of-work';
import { recordMemberBallot } from './member-ballots';
import { compositionRules } from './bid-rules.row';

/** A bid as its workflow sees it: status, rules, deadlines, members, versions. */
export interface BidWorkflowFacts {
  bidId: string;
  networkId: string;
  reference: string;
  status: BidStatus;
  rules: MembershipRules;
  decisionRule: DecisionRule;
  /** The convention's settings, as stored (the use case derives the vote's bars from them). */
  conventionSettings: ConventionSettings;
  applicationDeadline: Date;
  capacityDeadline: Date | null;
  reminderDays: number[];
  proposedVersionId: string | null;
  agreedVersionId: string | null;
  /** In the order of their keys. */
  members: (MemberFacts & BallotMember & { id: string; organisationId: string })[];
}

/** What a step writes on the bid. */
export interface BidStep {
  status: BidStatus;
  capacityDeadline: Date | null;
  reminderDays: number[];
  proposedVersionId: string | null;
  agreedVersionId: string | null;
}

/** What a vote is counted from: the version's lines and the ballots, oldest first. */
export interface BallotBox {
  versionNumber: number;
  shares: VersionShare[];
  votes: (RecordedVote & { votedAt: Date })[];
}

/** What each member has done on the bid, as one person's next steps need it. */
export interface MemberProgress {
  declared: boolean;
  charterAccepted: boolean;
  voted: boolean;
  signed: boolean;
}

export type SignedDocumentKind = 'CONVENTION' | 'AMENDMENT';

/**
 * The signed document is the change request's (`:changeRequestId`) for an amendment, none for the
 * convention: two amendments may say the same split (a re-plan's is on the version in force).
 */
const SAME_CHANGE_REQUEST =
  'document.changeRequestId IS NOT DISTINCT FROM CAST(:changeRequestId AS uuid)';

/** Statuses of a change request still under way: at most one per bid. */
const CHANGE_UNDER_WAY: ChangeRequestStatus[] = ['OPEN', 'REALLOCATED', 'AMENDMENT_SIGNING'];

/** Members no longer in the consortium: reminders and signatures skip them. */
const GONE = ['WITHDRAWN', 'DECLINED'] as const;

/**
 * The bid's workflow on the database: reads the facts its use cases decide on, writes the steps
 * and the ballots. Inside a use case, everything goes through its transaction (`db.tx`).
 */
@Injectable()
export class BidWorkflowRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** The bid's workflow facts, or null when there is no such bid (the use case decides what then). */
  async findFacts(bidId: string): Promise<BidWorkflowFacts | null> {
    const bid = await this.db.tx.findOne(BidEntity, {
      where: { id: bidId },
      relations: { tender: true },
      select: {
        id: true,
        networkId: true,
        status: true,
        minMembers: true,
        minOfKind: true,
        minSmallMembers: true,
        maxMembers: true,
        minCoverageLevel: true,
        minCoverageCount: true,
        smallBelowEmployees: true,
        conventionSettings: true,
        capacityDeadline: true,
        reminderDays: true,
        proposedVersionId: true,
        agreedVersionId: true,
        tender: { id: true, reference: true, deadline: true },
      },
    });
    if (!bid) return null;
    const members = await this.db.tx.find(MemberEntity, {
      where: { bidId },
      relations: { organisation: true },
      select: {
        id: true,
        key: true,
        role: true,
        status: true,
        organisationId: true,
        organisation: { id: true, kind: true, legalName: true },
      },
      order: { key: 'ASC' },
    });
    const territories = await this.offeredTerritories(bidId);
    const ownStaff = await this.ownStaff(
      bid.networkId,
      members.map((member) => member.organisationId),
    );
    return {
      bidId,
      networkId: bid.networkId,
      reference: bid.tender.reference,
      status: bid.status,
      rules: compositionRules({
        min_members: bid.minMembers,
        min_of_kind: bid.minOfKind,
        min_small_members: bid.minSmallMembers,
        small_below_employees: bid.smallBelowEmployees,
        max_members: bid.maxMembers,
        min_coverage_level: bid.minCoverageLevel,
        min_coverage_count: bid.minCoverageCount,
      }),
      ...decisionOf(conventionSettingsSchema.parse(bid.conventionSettings)),
      applicationDeadline: bid.tender.deadline,
      capacityDeadline: bid.capacityDeadline,
      reminderDays: bid.reminderDays,
      proposedVersionId: bid.proposedVersionId,
      agreedVersionId: bid.agreedVersionId,
      members: members.map((member) => ({
        id: member.id,
        key: member.key,
        role: member.role,
        status: member.status,
        organisationId: member.organisationId,
        legalName: member.organisation.legalName,
        kind: member.organisation.kind,
        employees: ownStaff.get(member.organisationId) ?? null,
        territories: territories.get(member.id) ?? [],
      })),
    };
  }

  /**
   * The staff the bid's own network entered, per organisation (its directory, an invitation or a
   * scenario file): another network's figure is never read (issue 17); none entered is unknown.
   */
  private async ownStaff(
    networkId: string,
    organisationIds: readonly string[],
  ): Promise<Map<string, number>> {
    if (organisationIds.length === 0) return new Map();
    const rows = await this.db.tx
      .createQueryBuilder(NetworkOrganisationEntity, 'entry')
      .select('entry.organisationId', 'organisationId')
      .addSelect('entry.staff', 'staff')
      .where('entry.networkId = :networkId', { networkId })
      .andWhere('entry.organisationId IN (:...organisationIds)', { organisationIds })
      .andWhere('entry.staff IS NOT NULL')
      .getRawMany<{ organisationId: string; staff: number }>();
    return new Map(rows.map((row) => [row.organisationId, row.staff]));
  }

  /**
   * Per member of the bid, the territories of its offers that still hold (neither outdated nor on a
   * cell a corrigendum removed), a site replaced by its parent: where it works.
   */
  private async offeredTerritories(bidId: string): Promise<Map<string, string[]>> {
    const rows = await this.db.tx
      .createQueryBuilder(OfferEntity, 'offer')
      .innerJoin('offer.member', 'member')
      .innerJoin('offer.lotCell', 'cell')
      .innerJoin('cell.territory', 'territory')
      .leftJoin('territory.parent', 'parent')
      .where('member.bidId = :bidId', { bidId })
      .andWhere('offer.outdatedById IS NULL')
      .andWhere('cell.removedById IS NULL')
      .select('offer.memberId', 'memberId')
      .addSelect(
        "CASE WHEN territory.level = 'SITE' THEN parent.code ELSE territory.code END",
        'code',
      )
      .distinct(true)
      .getRawMany<{ memberId: string; code: string | null }>();
    const territories = new Map<string, string[]>();
    for (const row of rows) {
      if (row.code === null) continue;
      territories.set(row.memberId, [...(territories.get(row.memberId) ?? []), row.code]);
    }
    return territories;
  }

  /** The bid's status and agreed version: what the api's gates look at. */
  async findStatus(
    bidId: string,
  ): Promise<{ status: BidStatus; agreedVersionId: string | null } | null> {
    const bid = await this.db.tx.findOne(BidEntity, {
      where: { id: bidId },
      select: { id: true, status: true, agreedVersionId: true },
    });
    if (!bid) return null;
    return { status: bid.status, agreedVersionId: bid.agreedVersionId };
  }

  async saveStep(bidId: string, step: BidStep): Promise<void> {
    await this.db.tx.update(BidEntity, { id: bidId }, step);
  }

  /** The change request being carried out after the signature, if any. */
  async changeUnderWay(bidId: string): Promise<{
    id: string;
    status: ChangeRequestStatus;
    allocationVersionId: string | null;
  } | null> {
    return this.db.tx.findOne(ChangeRequestEntity, {
      where: { bidId, status: In(CHANGE_UNDER_WAY) },
      select: { id: true, status: true, allocationVersionId: true },
    });
  }

  async versionByNumber(bidId: string, number: number) {
    return this.db.tx.findOne(AllocationVersionEntity, {
      where: { bidId, number },
      select: { id: true, number: true, inputHash: true },
    });
  }

  /** The uncovered part of a version's result: only that part is read. */
  async uncoveredOf(versionId: string): Promise<AllocationUncovered[]> {
    const version = await this.db.tx
      .createQueryBuilder(AllocationVersionEntity, 'version')
      .select("version.result -> 'uncovered'", 'uncovered')
      .where('version.id = :versionId', { versionId })
      .getRawOne<{ uncovered: AllocationUncovered[] }>();
    if (!version) throw new Error(`allocation version ${versionId} not found`);
    return version.uncovered;
  }

  /**
   * The ballots on one version and its lines by member. Only the result's `members` part is read:
   * a version's cell-by-cell lines can be large, and the vote never looks at them.
   */
  async ballotBox(versionId: string): Promise<BallotBox> {
    const version = await this.db.tx
      .createQueryBuilder(AllocationVersionEntity, 'version')
      .select('version.number', 'number')
      .addSelect("version.result -> 'members'", 'shares')
      .where('version.id = :versionId', { versionId })
      .getRawOne<{ number: number; shares: VersionShare[] }>();
    if (!version) throw new Error(`allocation version ${versionId} not found`);
    const votes = await this.db.tx.find(AllocationVoteEntity, {
      where: { allocationVersionId: versionId },
      relations: { member: true },
      select: {
        id: true,
        choice: true,
        comment: true,
        votedAt: true,
        member: { id: true, key: true },
      },
      order: { votedAt: 'ASC' },
    });
    return {
      versionNumber: version.number,
      shares: version.shares.map((share) => ({ org: share.org, amountCents: share.amountCents })),
      votes: votes.map((vote) => ({
        memberKey: vote.member.key,
        choice: vote.choice,
        comment: vote.comment,
        votedAt: vote.votedAt,
      })),
    };
  }

  /**
   * Records a member's ballot on a version, replacing its previous one; false when it is the same
   * ballot again (a retry), which changes nothing. Runs under the bid's lock: no two at once.
   */
  async recordVote(
    versionId: string,
    memberId: string,
    ballot: { choice: VoteChoice; comment: string | null },
    userId: string | null,
  ): Promise<boolean> {
    return recordMemberBallot(
      this.db.tx,
      AllocationVoteEntity,
      { allocationVersionId: versionId, memberId },
      ballot,
      userId,
    );
  }

  async hasFrozenConvention(bidId: string, versionId: string): Promise<boolean> {
    return this.db.tx.exists(DocumentEntity, {
      where: {
        bidId,
        allocationVersionId: versionId,
        kind: 'CONVENTION',
        frozenAt: Not(IsNull()),
      },
    });
  }

  /** The parties still in who have not signed the frozen document of this kind and version. */
  async unsigned(
    bidId: string,
    kind: SignedDocumentKind,
    versionId: string | null,
    changeRequestId: string | null = null,
  ): Promise<string[]> {
    const query = this.db.tx.createQueryBuilder(MemberEntity, 'member');
    const signedIt = query
      .subQuery()
      .select('1')
      .from(SignatureEntity, 'signature')
      .innerJoin(DocumentEntity, 'document', 'document.id = signature.documentId')
      .where('signature.memberId = member.id')
      .andWhere('document.kind = :kind')
      .andWhere('document.frozenAt IS NOT NULL')
      .andWhere('document.allocationVersionId = :versionId')
      .andWhere(SAME_CHANGE_REQUEST)
      .getQuery();
    const parties = await query
      .select(['member.id', 'member.key'])
      .where({ bidId, role: 'COTRAITANT', status: Not(In(GONE)) })
      .andWhere(`NOT EXISTS ${signedIt}`, { kind, versionId, changeRequestId })
      .orderBy('member.key')
      .getMany();
    return parties.map((party) => party.key);
  }

  /**
   * Who acts for these members (all the co-contractors still in when `memberKeys` is null): the
   * holders of the role, or the organisation's representative when no one holds it.
   */
  async recipients(
    bidId: string,
    memberKeys: readonly string[] | null,
    role: 'EDITOR' | 'SIGNATORY',
  ): Promise<{ email: string; organisation: string; memberId: string }[]> {
    if (memberKeys?.length === 0) return [];
    const query = this.db.tx
      .createQueryBuilder(MemberEntity, 'member')
      .innerJoin('member.organisation', 'organisation')
      .leftJoin(
        RoleAssignmentEntity,
        'assignment',
        'assignment.organisationId = organisation.id AND assignment.role = :role',
        { role },
      )
      .leftJoin('assignment.user', 'account')
      // The representative: the bid's own network's entry, never another network's (issue 17).
      .innerJoin('member.bid', 'bid')
      .leftJoin(
        NetworkOrganisationEntity,
        'own',
        'own.networkId = bid.networkId AND own.organisationId = organisation.id',
      )
      .select(`coalesce(account.email, lower(own.representatives->0->>'email'))`, 'email')
      .addSelect('organisation.legalName', 'organisation')
      .addSelect('member.id', 'memberId')
      .distinct(true)
      .where({ bidId, role: 'COTRAITANT', status: Not(In(GONE)) })
      .orderBy('email');
    if (memberKeys) query.andWhere({ key: In(memberKeys) });
    // A directory's organisation a bid of another network brought in has no representative here.
    return (
      await query.getRawMany<{ email: string; organisation: string; memberId: string }>()
    ).filter((recipient) => recipient.email !== '');
  }

  async coordinatorEmails(networkId: string): Promise<string[]> {
    const rows = await this.db.tx
      .createQueryBuilder(RoleAssignmentEntity, 'assignment')
      .innerJoin('assignment.user', 'account')
      .select('account.email', 'email')
      .distinct(true)
      .where({ role: 'COORDINATOR', networkId })
      .orderBy('email')
      .getRawMany<{ email: string }>();
    return rows.map((row) => row.email);
  }

  /**
   * What each member of the bid has done: declared capacities, accepted the charter in force (if
   * any), voted on the version up for the vote, signed the document up for signature.
   */
  async memberProgress(
    bidId: string,
    at: {
      charterId: string | null;
      voteVersionId: string | null;
      signing: {
        kind: SignedDocumentKind;
        versionId: string | null;
        changeRequestId: string | null;
      } | null;
    },
  ): Promise<Map<string, MemberProgress>> {
    const query = this.db.tx.createQueryBuilder(MemberEntity, 'member');
    const exists = (subQuery: string) => `EXISTS ${subQuery}`;
    const declared = query
      .subQuery()
      .select('1')
      .from(OfferEntity, 'offer')
      .where('offer.memberId = member.id')
      .getQuery();
    const accepted = query
      .subQuery()
      .select('1')
      .from(CharterAcceptanceEntity, 'acceptance')
      .where('acceptance.organisationId = member.organisationId')
      .andWhere('acceptance.charterId = :charterId')
      .getQuery();
    const voted = query
      .subQuery()
      .select('1')
      .from(AllocationVoteEntity, 'vote')
      .where('vote.memberId = member.id')
      .andWhere('vote.allocationVersionId = :voteVersionId')
      .getQuery();
    const signed = query
      .subQuery()
      .select('1')
      .from(SignatureEntity, 'signature')
      .innerJoin(DocumentEntity, 'document', 'document.id = signature.documentId')
      .where('signature.memberId = member.id')
      .andWhere('document.kind = :signedKind')
      .andWhere('document.frozenAt IS NOT NULL')
      .andWhere('document.allocationVersionId = :signedVersionId')
      .andWhere(SAME_CHANGE_REQUEST)
      .getQuery();
    const rows = await query
      .select('member.id', 'id')
      .addSelect(exists(declared), 'declared')
      .addSelect(exists(accepted), 'charterAccepted')
      .addSelect(exists(voted), 'voted')
      .addSelect(exists(signed), 'signed')
      .where('member.bidId = :bidId', { bidId })
      .setParameters({
        charterId: at.charterId,
        voteVersionId: at.voteVersionId,
        signedKind: at.signing?.kind ?? null,
        signedVersionId: at.signing?.versionId ?? null,
        changeRequestId: at.signing?.changeRequestId ?? null,
      })
      .getRawMany<MemberProgress & { id: string }>();
    return new Map(rows.map(({ id, ...progress }) => [id, progress]));
  }
}

/** The convention's settings and the rule they name, as the facts carry them. */
const decisionOf = (settings: ConventionSettings) => ({
  decisionRule: settings.decisionRule,
  conventionSettings: settings,
});
