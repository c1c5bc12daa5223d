import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type Actor,
  type BidEvent,
  type BidStanding,
  type ChangeRequestStatus,
  type Principal,
  type BidStatus,
  type BidTransition,
  type DecisionRule,
  DomainError,
  DomainErrorCode,
  type MemberFacts,
  type MembershipRules,
  type ReminderKind,
  type Vote,
  type VoteChoice,
  type VoteDecision,
  type VoteOutcome,
  assertBidAllows,
  assertVersionCurrent,
  conventionSettingsSchema,
  decideBidTransition,
  decideVote,
  isConsortiumMember,
  membersToRemind,
  validateVote,
} from '@cordage/domain';
import { AllocationVersionEntity } from '../entities';
import { AuditLogRepository } from './audit-log.repository';
import { BidScenarioRepository } from './bid-scenario.repository';

/** A bid as its workflow sees it: status, rules, deadlines, members, versions. */
export interface BidWorkflowFacts {
  bidId: string;
  networkId: string;
  reference: string;
  status: BidStatus;
  rules: MembershipRules;
  decisionRule: DecisionRule;
  applicationDeadline: Date;
  capacityDeadline: Date | null;
  reminderDays: number[];
  proposedVersionId: string | null;
  agreedVersionId: string | null;
  members: (MemberFacts & { id: string; role: string; organisationId: string })[];
}

/** What a step may carry: the capacity call's deadline, the version put to the vote. */
export interface TransitionInput {
  capacityDeadline?: Date;
  reminderDays?: number[];
  allocationVersion?: number;
}

export interface VoteState {
  versionNumber: number;
  decision: VoteDecision;
  votes: { memberKey: string; choice: VoteChoice; comment: string | null; votedAt: Date }[];
}

/** Runs inside the transition's transaction: what else the step does (jobs to schedule…). */
export type TransitionEffects = (
  manager: EntityManager,
  transition: BidTransition,
  facts: BidWorkflowFacts,
) => Promise<void>;

const invalid = (path: string, code: string, message: string) =>
  new DomainError(DomainErrorCode.INVALID_INPUT, message, [{ path, code, message }]);

/**
 * The bid's workflow on the database: each step decided by the domain's state machine on facts
 * read under the bid's lock, written with its audit entry in the same transaction.
 */
@Injectable()
export class BidWorkflowRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLogRepository,
    private readonly scenarios: BidScenarioRepository,
  ) {}

  async facts(bidId: string, manager = this.dataSource.manager): Promise<BidWorkflowFacts> {
    const [bid] = await manager.query<
      {
        network_id: string;
        reference: string;
        status: BidStatus;
        min_members: number | null;
        min_of_kind: MembershipRules['minOfKind'];
        min_small_members: number | null;
        small_below_employees: number;
        convention_settings: Record<string, unknown>;
        deadline: Date;
        capacity_deadline: Date | null;
        reminder_days: number[];
        proposed_version_id: string | null;
        agreed_version_id: string | null;
      }[]
    >(
      `SELECT b.network_id, t.reference, b.status, b.min_members, b.min_of_kind, b.min_small_members,
         b.small_below_employees, b.convention_settings, t.deadline, b.capacity_deadline,
         b.reminder_days, b.proposed_version_id, b.agreed_version_id
       FROM bids b JOIN tenders t ON t.id = b.tender_id WHERE b.id = $1`,
      [bidId],
    );
    if (!bid) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Candidature introuvable.');
    const members = await manager.query<
      {
        id: string;
        key: string;
        role: string;
        status: MemberFacts['status'];
        organisation_id: string;
        kind: MemberFacts['kind'];
        employees: number;
      }[]
    >(
      `SELECT m.id, m.key, m.role, m.status, m.organisation_id, o.kind, o.employees
       FROM members m JOIN organisations o ON o.id = m.organisation_id
       WHERE m.bid_id = $1 ORDER BY m.key`,
      [bidId],
    );
    return {
      bidId,
      networkId: bid.network_id,
      reference: bid.reference,
      status: bid.status,
      rules: {
        ...(bid.min_members !== null && { minMembers: bid.min_members }),
        ...(Object.keys(bid.min_of_kind ?? {}).length > 0 && { minOfKind: bid.min_of_kind }),
        ...(bid.min_small_members !== null && { minSmallMembers: bid.min_small_members }),
        smallBelowEmployees: bid.small_below_employees,
      },
      decisionRule: conventionSettingsSchema.parse(bid.convention_settings).decisionRule,
      applicationDeadline: bid.deadline,
      capacityDeadline: bid.capacity_deadline,
      reminderDays: bid.reminder_days,
      proposedVersionId: bid.proposed_version_id,
      agreedVersionId: bid.agreed_version_id,
      members: members.map((member) => ({
        id: member.id,
        key: member.key,
        role: member.role,
        status: member.status,
        organisationId: member.organisation_id,
        kind: member.kind,
        employees: member.employees,
      })),
    };
  }

  /**
   * Who a reminder goes to: for capacities, the editors of the members who have not declared; for
   * signatures, the signatories of the parties who have not signed the agreed convention. The
   * organisation's representative when no one holds that role.
   */
  async reminderRecipients(
    facts: BidWorkflowFacts,
    kind: ReminderKind,
  ): Promise<{ email: string; organisation: string }[]> {
    const waiting =
      kind === 'CAPACITY'
        ? membersToRemind('CAPACITY', facts.members).map((member) => member.key)
        : await this.unsignedParties(this.dataSource.manager, facts);
    return this.recipients(facts.bidId, waiting, kind === 'CAPACITY' ? 'EDITOR' : 'SIGNATORY');
  }

  /**
   * Who acts for these members (all the co-contractors still in when `memberKeys` is absent): the
   * holders of the role, or the organisation's representative when no one holds it.
   */
  async recipients(
    bidId: string,
    memberKeys: readonly string[] | null,
    role: 'EDITOR' | 'SIGNATORY',
  ): Promise<{ email: string; organisation: string }[]> {
    return this.dataSource.query<{ email: string; organisation: string }[]>(
      `SELECT DISTINCT coalesce(u.email, o.representative_email) AS email, o.legal_name AS organisation
       FROM members m JOIN organisations o ON o.id = m.organisation_id
       LEFT JOIN role_assignments r ON r.organisation_id = o.id AND r.role = $3
       LEFT JOIN users u ON u.id = r.user_id
       WHERE m.bid_id = $1 AND ($2::text[] IS NULL OR m.key = ANY($2::text[]))
         AND m.role = 'COTRAITANT' AND m.status NOT IN ('WITHDRAWN', 'DECLINED')
       ORDER BY 1`,
      [bidId, memberKeys, role],
    );
  }

  /**
   * Mails `send` once per job and recipient, whatever the retries or the number of workers: the
   * delivery is recorded in the transaction that sends, so a second sender waits, then skips.
   */
  async deliverOnce(jobId: string, recipient: string, send: () => Promise<void>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager.query<{ recipient: string }[]>(
        `INSERT INTO reminder_deliveries (job_id, recipient) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING recipient`,
        [jobId, recipient],
      );
      if (inserted.length === 0) return false;
      await send();
      return true;
    });
  }

  async coordinatorEmails(networkId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ email: string }[]>(
      `SELECT DISTINCT u.email FROM role_assignments r JOIN users u ON u.id = r.user_id
       WHERE r.role = 'COORDINATOR' AND r.network_id = $1 ORDER BY u.email`,
      [networkId],
    );
    return rows.map((row) => row.email);
  }

  /**
   * Where a bid stands for one person: the members they edit or sign for, what those have done
   * (answer, charter, declaration, vote, signature), and whether they coordinate it.
   */
  async standing(bidId: string, principal: Principal): Promise<BidStanding> {
    const facts = await this.facts(bidId);
    const manager = this.dataSource.manager;
    const [change] = await manager.query<
      { status: ChangeRequestStatus; allocation_version_id: string | null }[]
    >(
      `SELECT status, allocation_version_id FROM change_requests
       WHERE bid_id = $1 AND status IN ('OPEN', 'REALLOCATED', 'AMENDMENT_SIGNING')`,
      [bidId],
    );
    const voteVersion =
      change?.status === 'REALLOCATED'
        ? change.allocation_version_id
        : facts.status === 'PROPOSED'
          ? facts.proposedVersionId
          : null;
    const signed: [string, string | null] | null =
      change?.status === 'AMENDMENT_SIGNING'
        ? ['AMENDMENT', change.allocation_version_id]
        : facts.status === 'SIGNING'
          ? ['CONVENTION', facts.agreedVersionId]
          : null;
    const rows = await manager.query<
      {
        id: string;
        declared: boolean;
        charter_accepted: boolean;
        charter_required: boolean;
        voted: boolean;
        signed: boolean;
      }[]
    >(
      `WITH charter AS (
         SELECT id FROM charters WHERE network_id = $2 ORDER BY version DESC LIMIT 1)
       SELECT m.id,
         EXISTS (SELECT 1 FROM offers o WHERE o.member_id = m.id) AS declared,
         EXISTS (SELECT 1 FROM charter) AS charter_required,
         EXISTS (SELECT 1 FROM charter_acceptances a JOIN charter c ON c.id = a.charter_id
                 WHERE a.organisation_id = m.organisation_id) AS charter_accepted,
         EXISTS (SELECT 1 FROM allocation_votes v
                 WHERE v.member_id = m.id AND v.allocation_version_id = $3) AS voted,
         EXISTS (SELECT 1 FROM signatures s JOIN documents d ON d.id = s.document_id
                 WHERE s.member_id = m.id AND d.kind = $4 AND d.frozen_at IS NOT NULL
                   AND d.allocation_version_id = $5) AS signed
       FROM members m WHERE m.bid_id = $1`,
      [bidId, facts.networkId, voteVersion, signed?.[0] ?? null, signed?.[1] ?? null],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return {
      bidId,
      reference: facts.reference,
      status: facts.status,
      coordinates: principal.coordinatorOf.has(facts.networkId),
      charterRequired: rows[0]?.charter_required ?? false,
      vote: voteVersion ? (await this.tally(manager, facts, voteVersion)).decision.outcome : null,
      changeRequest: change?.status ?? null,
      members: facts.members
        .filter((member) => member.role === 'COTRAITANT')
        .map((member) => {
          const row = byId.get(member.id)!;
          return {
            memberId: member.id,
            status: member.status,
            editing: principal.editorOf.has(member.organisationId),
            signing: principal.signatoryOf.has(member.organisationId),
            declared: row.declared,
            charterAccepted: row.charter_accepted,
            voted: row.voted,
            signed: row.signed,
          };
        }),
    };
  }

  /** The bid's status and agreed version: what the api's gates look at. */
  async status(bidId: string): Promise<{ status: BidStatus; agreedVersionId: string | null }> {
    const [bid] = await this.dataSource.query<
      { status: BidStatus; agreed_version_id: string | null }[]
    >('SELECT status, agreed_version_id FROM bids WHERE id = $1', [bidId]);
    if (!bid) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Candidature introuvable.');
    return { status: bid.status, agreedVersionId: bid.agreed_version_id };
  }

  /**
   * Moves the bid by `event` if the state machine allows it now; `effects` runs in the same
   * transaction (it schedules the deadlines' jobs, for instance).
   */
  async transition(
    bidId: string,
    event: BidEvent,
    actor: Actor,
    input: TransitionInput = {},
    effects?: TransitionEffects,
  ): Promise<BidTransition> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM bids WHERE id = $1 FOR UPDATE', [bidId]);
      return this.apply(manager, await this.facts(bidId, manager), event, actor, input, effects);
    });
  }

  /** The vote on the version put to the vote (or the last one voted on), as it stands. */
  /** The vote under way or last held: on a change request's new split, or on the bid's version. */
  async voteState(bidId: string): Promise<VoteState | null> {
    const manager = this.dataSource.manager;
    const facts = await this.facts(bidId);
    const change = await this.changeUnderWay(manager, bidId);
    const versionId =
      change?.allocation_version_id ?? facts.proposedVersionId ?? facts.agreedVersionId;
    return versionId ? this.tally(manager, facts, versionId) : null;
  }

  /** The change request being carried out after the signature, if any. */
  private async changeUnderWay(manager: EntityManager, bidId: string) {
    const [change] = await manager.query<
      { status: ChangeRequestStatus; allocation_version_id: string | null }[]
    >(
      `SELECT status, allocation_version_id FROM change_requests
       WHERE bid_id = $1 AND status IN ('OPEN', 'REALLOCATED', 'AMENDMENT_SIGNING')`,
      [bidId],
    );
    return change;
  }

  /**
   * Records a member's vote on the version put to the vote; when the bid's rule says the members
   * agree, the bid moves to AGREED in the same transaction. Returns the vote as it stands, and its
   * outcome just before this ballot (so that a caller knows whether this one decided it).
   */
  async vote(
    bidId: string,
    memberId: string,
    ballot: { choice: VoteChoice; comment?: string },
    actor: Actor,
  ): Promise<VoteState & { previousOutcome: VoteOutcome }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM bids WHERE id = $1 FOR UPDATE', [bidId]);
      const facts = await this.facts(bidId, manager);
      // After the signature, the vote is on a change request's new split, if one is up for it.
      const change = await this.changeUnderWay(manager, bidId);
      assertBidAllows('VOTE', facts.status, change?.status ?? null);
      const onChange = change?.status === 'REALLOCATED';
      const versionId = onChange ? change.allocation_version_id! : facts.proposedVersionId!;
      const member = facts.members.find((m) => m.id === memberId)!;
      if (member.role !== 'COTRAITANT' || !isConsortiumMember(member.status)) {
        throw invalid(
          'memberId',
          'NOT_A_VOTER',
          'Seuls les membres qui ont rejoint le groupement votent sur la répartition.',
        );
      }
      validateVote({ memberKey: member.key, ...ballot });
      const before = (await this.tally(manager, facts, versionId)).decision.outcome;
      // The same ballot sent again (twice at once, a retry) changes no row: no second event.
      const written = await manager.query<{ member_id: string }[]>(
        `INSERT INTO allocation_votes (allocation_version_id, member_id, choice, comment, user_id)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (allocation_version_id, member_id)
         DO UPDATE SET choice = $3, comment = $4, user_id = $5, voted_at = now()
         WHERE (allocation_votes.choice, allocation_votes.comment, allocation_votes.user_id)
           IS DISTINCT FROM ($3, $4, $5)
         RETURNING member_id`,
        [versionId, memberId, ballot.choice, ballot.comment ?? null, actor.userId],
      );
      const state = await this.tally(manager, facts, versionId);
      if (written.length === 0) return { ...state, previousOutcome: before };
      await this.audit.appendWith(manager, actor, {
        action: 'allocation.voted',
        entityType: 'allocation_version',
        entityId: versionId,
        bidId,
        after: {
          member: member.key,
          choice: ballot.choice,
          comment: ballot.comment ?? null,
          outcome: state.decision.outcome,
        },
      });
      if (!onChange && state.decision.outcome === 'APPROVED') {
        await this.apply(manager, facts, 'AGREE', actor, {}, undefined, true);
      }
      return { ...state, previousOutcome: before };
    });
  }

  private async hasFrozenConvention(
    manager: EntityManager,
    bidId: string,
    versionId: string,
  ): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM documents WHERE bid_id = $1 AND allocation_version_id = $2
          AND kind = 'CONVENTION' AND frozen_at IS NOT NULL LIMIT 1`,
      [bidId, versionId],
    );
    return rows.length > 0;
  }

  private async apply(
    manager: EntityManager,
    facts: BidWorkflowFacts,
    event: BidEvent,
    actor: Actor,
    input: TransitionInput,
    effects?: TransitionEffects,
    agreed?: boolean,
  ): Promise<BidTransition> {
    const now = new Date();
    // Only these steps look at the vote; a tally reads the version's shares, so only then.
    const latestVersionAgreed =
      event === 'OPEN_SIGNING'
        ? facts.agreedVersionId !== null
        : event === 'AGREE' &&
          (agreed ??
            (facts.proposedVersionId !== null &&
              (await this.tally(manager, facts, facts.proposedVersionId)).decision.outcome ===
                'APPROVED'));
    const transition = decideBidTransition(
      {
        status: facts.status,
        rules: facts.rules,
        // Subcontractors only work for a member: they are not in the consortium.
        members: facts.members.filter((member) => member.role === 'COTRAITANT'),
        latestVersionAgreed,
        conventionFrozen:
          event === 'OPEN_SIGNING' &&
          facts.agreedVersionId !== null &&
          (await this.hasFrozenConvention(manager, facts.bidId, facts.agreedVersionId)),
        unsignedParties:
          event === 'COMPLETE_SIGNING' ? await this.unsignedParties(manager, facts) : [],
        now,
        applicationDeadline: facts.applicationDeadline,
      },
      event,
    );
    const changes = await this.changesFor(manager, facts, event, input, now);
    await manager.query(
      `UPDATE bids SET status = $2, capacity_deadline = $3, reminder_days = $4,
         proposed_version_id = $5, agreed_version_id = $6, updated_at = now() WHERE id = $1`,
      [
        facts.bidId,
        transition.to,
        changes.capacityDeadline,
        JSON.stringify(changes.reminderDays),
        changes.proposedVersionId,
        changes.agreedVersionId,
      ],
    );
    await this.audit.appendWith(manager, actor, {
      action: 'bid.transition',
      entityType: 'bid',
      entityId: facts.bidId,
      bidId: facts.bidId,
      before: { status: transition.from },
      after: { status: transition.to, event, ...changes },
    });
    await effects?.(manager, transition, { ...facts, ...changes, status: transition.to });
    return transition;
  }

  /** What a step changes besides the status. */
  private async changesFor(
    manager: EntityManager,
    facts: BidWorkflowFacts,
    event: BidEvent,
    input: TransitionInput,
    now: Date,
  ) {
    const changes = {
      capacityDeadline: facts.capacityDeadline,
      reminderDays: facts.reminderDays,
      proposedVersionId: facts.proposedVersionId,
      agreedVersionId: facts.agreedVersionId,
    };
    switch (event) {
      case 'OPEN_CAPACITY_CALL':
      case 'REOPEN_CAPACITY_CALL': {
        const deadline = input.capacityDeadline;
        if (!deadline || deadline <= now || deadline > facts.applicationDeadline) {
          throw invalid(
            'capacityDeadline',
            'INVALID_DEADLINE',
            'L’appel à capacités se clôt à une date à venir, au plus tard à la date limite de ' +
              'remise des candidatures.',
          );
        }
        return {
          ...changes,
          capacityDeadline: deadline,
          reminderDays: input.reminderDays ?? facts.reminderDays,
        };
      }
      case 'PROPOSE': {
        const version =
          input.allocationVersion === undefined
            ? null
            : await manager.findOneBy(AllocationVersionEntity, {
                bidId: facts.bidId,
                number: input.allocationVersion,
              });
        if (!version) {
          throw invalid(
            'allocationVersion',
            'UNKNOWN_VERSION',
            'Indiquez la version de la répartition à soumettre au vote.',
          );
        }
        assertVersionCurrent(await this.scenarios.exportScenario(facts.bidId), version);
        return { ...changes, proposedVersionId: version.id, agreedVersionId: null };
      }
      case 'AGREE':
        return { ...changes, agreedVersionId: facts.proposedVersionId, proposedVersionId: null };
      case 'REVISE':
        return { ...changes, proposedVersionId: null, agreedVersionId: null };
      case 'CLOSE_CAPACITY_CALL':
      case 'OPEN_SIGNING':
      case 'COMPLETE_SIGNING':
      case 'SUBMIT':
      case 'AWARD':
      case 'LOSE':
      case 'WITHDRAW':
        return changes;
    }
  }

  /** The vote on one version under the bid's rule, as it stands. */
  async tally(
    manager: EntityManager,
    facts: BidWorkflowFacts,
    versionId: string,
  ): Promise<VoteState> {
    const version = await manager.findOneOrFail(AllocationVersionEntity, {
      where: { id: versionId },
      select: { id: true, number: true },
    });
    const rows = await manager.query<
      { key: string; choice: VoteChoice; comment: string | null; voted_at: Date }[]
    >(
      `SELECT m.key, v.choice, v.comment, v.voted_at FROM allocation_votes v
       JOIN members m ON m.id = v.member_id WHERE v.allocation_version_id = $1 ORDER BY v.voted_at`,
      [versionId],
    );
    // Each member's amount in the version, summed by Postgres: the lines are never read here.
    const shares = await manager.query<{ org: string; cents: string }[]>(
      `SELECT share ->> 'org' AS org, sum((share ->> 'amountCents')::bigint)::text AS cents
       FROM allocation_versions v, jsonb_array_elements(v.result -> 'members') share
       WHERE v.id = $1 GROUP BY 1`,
      [versionId],
    );
    const amounts = new Map(shares.map((share) => [share.org, Number(share.cents)]));
    const voters = facts.members
      .filter((member) => member.role === 'COTRAITANT' && isConsortiumMember(member.status))
      .map((member) => ({ memberKey: member.key, amountCents: amounts.get(member.key) ?? 0 }));
    const votes: Vote[] = rows.map((row) => ({
      memberKey: row.key,
      choice: row.choice,
      ...(row.comment !== null && { comment: row.comment }),
    }));
    return {
      versionNumber: version.number,
      decision: decideVote(facts.decisionRule, voters, votes),
      votes: rows.map((row) => ({
        memberKey: row.key,
        choice: row.choice,
        comment: row.comment,
        votedAt: row.voted_at,
      })),
    };
  }

  /** The parties who have not signed the frozen convention of the agreed version. */
  private unsignedParties(manager: EntityManager, facts: BidWorkflowFacts) {
    return this.unsigned(manager, facts.bidId, 'CONVENTION', facts.agreedVersionId);
  }

  /** The parties still in who have not signed the frozen document of this kind and version. */
  async unsigned(
    manager: EntityManager,
    bidId: string,
    kind: 'CONVENTION' | 'AMENDMENT',
    versionId: string | null,
  ): Promise<string[]> {
    const rows = await manager.query<{ key: string }[]>(
      `SELECT m.key FROM members m
       WHERE m.bid_id = $1 AND m.role = 'COTRAITANT' AND m.status NOT IN ('WITHDRAWN', 'DECLINED')
         AND NOT EXISTS (
           SELECT 1 FROM signatures s JOIN documents d ON d.id = s.document_id
           WHERE s.member_id = m.id AND d.kind = $3 AND d.frozen_at IS NOT NULL
             AND d.allocation_version_id = $2)
       ORDER BY m.key`,
      [bidId, versionId, kind],
    );
    return rows.map((row) => row.key);
  }
}
