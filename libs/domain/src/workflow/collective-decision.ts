import { formatCount, formatEuros } from '../allocation';
import type { DecisionRule } from '../documents';
import { DomainError, DomainErrorCode, type Problem } from '../errors';
import type { MemberStatus } from '../members';
import { isConsortiumMember } from './member-composition';

export const VOTE_CHOICES = ['APPROVE', 'OBJECT'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

/** A member's vote on one allocation version. */
export interface Vote {
  readonly memberKey: string;
  readonly choice: VoteChoice;
  /** Required with an objection: it tells the coordinator what to revise. */
  readonly comment?: string;
  /**
   * The member's share of the bid as shown when it voted, kept for the record; the decision
   * weighs the version's amounts (EligibleVoter.amountCents), never this rounded figure.
   */
  readonly sharePermilleOfBid?: number;
}

/** A member who votes on a version, with its amount in that version (the weight under WEIGHTED). */
export interface EligibleVoter {
  readonly memberKey: string;
  readonly amountCents: number;
}

export type VoteOutcome = 'PENDING' | 'APPROVED' | 'REJECTED';

export interface VoteDecision {
  readonly outcome: VoteOutcome;
  /** Keys, in the order of the eligible members. */
  readonly approvals: readonly string[];
  readonly objections: readonly string[];
  readonly missing: readonly string[];
  /** In the rule's unit: members under CONSENSUS and MAJORITY, cents under WEIGHTED. */
  readonly tally: {
    readonly approving: number;
    readonly objecting: number;
    readonly total: number;
  };
  readonly explanation: string;
}

function invalidVote(message: string, problem: Problem): DomainError {
  return new DomainError(DomainErrorCode.INVALID_INPUT, message, [problem]);
}

/** An objection without a reason cannot be acted on: refuse it before it is recorded. */
export function validateVote(vote: Vote): void {
  if (vote.choice === 'OBJECT' && (vote.comment ?? '').trim() === '') {
    throw invalidVote(
      'Une objection doit être motivée : dites ce qui doit changer dans la répartition.',
      {
        path: 'comment',
        code: 'OBJECTION_COMMENT_REQUIRED',
        message: 'commentaire obligatoire avec une objection',
      },
    );
  }
}

function assertVoters(rule: DecisionRule, eligible: readonly EligibleVoter[]): void {
  if (eligible.length === 0) {
    throw invalidVote('Aucun membre ne peut voter sur cette version.', {
      path: 'eligibleMembers',
      code: 'NO_ELIGIBLE_VOTERS',
      message: 'aucun votant',
    });
  }
  const seen = new Set<string>();
  let total = 0;
  for (const [index, voter] of eligible.entries()) {
    if (seen.has(voter.memberKey)) {
      throw invalidVote(`Le membre ${voter.memberKey} figure deux fois parmi les votants.`, {
        path: `eligibleMembers[${index}].memberKey`,
        code: 'DUPLICATE_VOTER',
        message: voter.memberKey,
      });
    }
    seen.add(voter.memberKey);
    if (!Number.isSafeInteger(voter.amountCents) || voter.amountCents < 0) {
      throw new RangeError(`${voter.amountCents} is not a whole, non-negative number of cents`);
    }
    total += voter.amountCents;
  }
  // Sums of safe integers stay exact as long as the total is itself safe.
  if (!Number.isSafeInteger(total)) throw new RangeError(`total ${total} cents is not exact`);
  if (rule === 'WEIGHTED' && total === 0) {
    throw invalidVote(
      'Un vote pondéré par les montants suppose qu’au moins un membre ait une part.',
      {
        path: 'eligibleMembers',
        code: 'NO_WEIGHT',
        message: 'montant total nul',
      },
    );
  }
}

const RULE_LABELS: Readonly<Record<DecisionRule, string>> = {
  CONSENSUS: 'Consensus',
  MAJORITY: 'Majorité, un membre une voix',
  WEIGHTED: 'Majorité pondérée par les montants',
};

function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count > 1 ? many : one}`;
}

/**
 * The outcome of the vote on one allocation version under the bid's rule.
 * - CONSENSUS: approved once every eligible member approved; rejected by the first objection.
 * - MAJORITY: one member, one vote; approved when approvals are more than half of the eligible
 *   members, rejected once objections make that impossible (a tie rejects).
 * - WEIGHTED: the same with each member's amount in the version as its weight, in whole cents.
 * A member with no amount votes under CONSENSUS and MAJORITY (it is a party and may be bound by the
 * convention) and weighs nothing under WEIGHTED. Votes from members not eligible (one who left) are
 * ignored; a member may change its vote while the outcome is pending, the latest vote counts. Once
 * APPROVED or REJECTED, further votes from those who had not voted never change the outcome.
 */
export function decideVote(
  rule: DecisionRule,
  eligibleMembers: readonly EligibleVoter[],
  votes: readonly Vote[],
): VoteDecision {
  assertVoters(rule, eligibleMembers);
  const latest = new Map<string, Vote>();
  for (const vote of votes) {
    validateVote(vote);
    latest.set(vote.memberKey, vote);
  }
  const approvals: string[] = [];
  const objections: string[] = [];
  const missing: string[] = [];
  let approving = 0;
  let objecting = 0;
  let total = 0;
  for (const voter of eligibleMembers) {
    const weight = rule === 'WEIGHTED' ? voter.amountCents : 1;
    total += weight;
    const choice = latest.get(voter.memberKey)?.choice;
    if (choice === 'APPROVE') {
      approvals.push(voter.memberKey);
      approving += weight;
    } else if (choice === 'OBJECT') {
      objections.push(voter.memberKey);
      objecting += weight;
    } else {
      missing.push(voter.memberKey);
    }
  }

  // Compared without doubling (a > total - a rather than 2a > total): exact for any safe total.
  let outcome: VoteOutcome;
  if (rule === 'CONSENSUS') {
    outcome = objections.length > 0 ? 'REJECTED' : missing.length === 0 ? 'APPROVED' : 'PENDING';
  } else if (approving > total - approving) {
    outcome = 'APPROVED';
  } else if (total - objecting <= objecting) {
    outcome = 'REJECTED';
  } else {
    outcome = 'PENDING';
  }

  const tally = { approving, objecting, total };
  return {
    outcome,
    approvals,
    objections,
    missing,
    tally,
    explanation: explain(rule, outcome, tally, objections, missing),
  };
}

function explain(
  rule: DecisionRule,
  outcome: VoteOutcome,
  tally: VoteDecision['tally'],
  objections: readonly string[],
  missing: readonly string[],
): string {
  const amount = (value: number) => (rule === 'WEIGHTED' ? formatEuros(value) : formatCount(value));
  const counts =
    rule === 'WEIGHTED'
      ? `approbations pour ${amount(tally.approving)}, objections pour ` +
        `${amount(tally.objecting)}, sur ${amount(tally.total)} HT ; il faut plus de la moitié ` +
        'du montant'
      : rule === 'MAJORITY'
        ? `${plural(tally.approving, 'approbation', 'approbations')} et ` +
          `${plural(tally.objecting, 'objection', 'objections')} sur ` +
          `${plural(tally.total, 'membre', 'membres')} ; il faut ` +
          `${plural(Math.floor(tally.total / 2) + 1, 'approbation', 'approbations')}`
        : `${plural(tally.approving, 'approbation', 'approbations')} sur ` +
          `${plural(tally.total, 'membre', 'membres')} ; il faut l’accord de tous`;
  const verdict =
    outcome === 'APPROVED'
      ? 'version approuvée.'
      : outcome === 'REJECTED'
        ? `version rejetée (objection de ${objections.join(', ')}) : le coordinateur révise la ` +
          'répartition et soumet une nouvelle version au vote.'
        : `vote en cours, en attente de ${missing.join(', ')}.`;
  return `${RULE_LABELS[rule]} : ${counts} — ${verdict}`;
}

/** A member of the bid as the vote sees it: its role and where it stands. */
export interface BallotMember {
  readonly key: string;
  /** Co-contractor or subcontractor: only co-contractors are parties to the consortium. */
  readonly role: string;
  readonly status: MemberStatus;
}

/** One line of a version's split: an organisation's amount on one lot. */
export interface VersionShare {
  readonly org: string;
  readonly amountCents: number;
}

/** A vote as recorded: a comment is absent (null) on an approval. */
export interface RecordedVote {
  readonly memberKey: string;
  readonly choice: VoteChoice;
  readonly comment: string | null;
}

/**
 * Who votes on a split: the co-contractors who joined the consortium. Subcontractors only work for
 * a member, and a member who left or declined is no longer bound by the convention.
 */
export function isVoter(member: Pick<BallotMember, 'role' | 'status'>): boolean {
  return member.role === 'COTRAITANT' && isConsortiumMember(member.status);
}

/** A ballot from someone who does not vote is refused before it is recorded. */
export function assertMayVote(member: Pick<BallotMember, 'role' | 'status'>): void {
  if (isVoter(member)) return;
  const message = 'Seuls les membres qui ont rejoint le groupement votent sur la répartition.';
  throw new DomainError(DomainErrorCode.INVALID_INPUT, message, [
    { path: 'memberId', code: 'NOT_A_VOTER', message },
  ]);
}

/**
 * The vote on one version, counted from the facts alone: the voters are the members who vote (see
 * isVoter) in the order given, each weighing its amount in the version (the sum of its lines, 0
 * when it has none), and the outcome is decided under the bid's rule (see decideVote).
 */
export function tallyVote(
  rule: DecisionRule,
  members: readonly BallotMember[],
  shares: readonly VersionShare[],
  votes: readonly RecordedVote[],
): VoteDecision {
  const amounts = new Map<string, number>();
  for (const share of shares) {
    amounts.set(share.org, (amounts.get(share.org) ?? 0) + share.amountCents);
  }
  const voters = members
    .filter(isVoter)
    .map((member) => ({ memberKey: member.key, amountCents: amounts.get(member.key) ?? 0 }));
  return decideVote(
    rule,
    voters,
    votes.map((vote) => ({
      memberKey: vote.memberKey,
      choice: vote.choice,
      ...(vote.comment !== null && { comment: vote.comment }),
    })),
  );
}
