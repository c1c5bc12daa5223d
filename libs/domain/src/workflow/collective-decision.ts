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

/**
 * The bars of the DOUBLE_MAJORITY rule, in whole percent: the approving members must be more than
 * membersPercent of the eligible members and hold more than amountPercent of their amount.
 */
export interface DoubleMajorityThresholds {
  readonly membersPercent: number;
  readonly amountPercent: number;
}

/** More than half of the members and more than half of the amount. */
export const DEFAULT_DOUBLE_MAJORITY: DoubleMajorityThresholds = {
  membersPercent: 50,
  amountPercent: 50,
};

/** The thresholds as the convention's settings hold them. */
export function doubleMajorityOf(settings: {
  readonly doubleMajorityMembersPercent: number;
  readonly doubleMajorityAmountPercent: number;
}): DoubleMajorityThresholds {
  return {
    membersPercent: settings.doubleMajorityMembersPercent,
    amountPercent: settings.doubleMajorityAmountPercent,
  };
}

export interface VoteDecision {
  readonly outcome: VoteOutcome;
  /** Keys, in the order of the eligible members. */
  readonly approvals: readonly string[];
  readonly objections: readonly string[];
  readonly missing: readonly string[];
  /** In the rule's unit: members under CONSENSUS, MAJORITY and DOUBLE_MAJORITY, cents under WEIGHTED. */
  readonly tally: Tally;
  /** Under DOUBLE_MAJORITY only: the same votes weighed by the members' amounts, in cents. */
  readonly amountTally?: Tally;
  readonly explanation: string;
}

export interface Tally {
  readonly approving: number;
  readonly objecting: number;
  readonly total: number;
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
  if ((rule === 'WEIGHTED' || rule === 'DOUBLE_MAJORITY') && total === 0) {
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
  DOUBLE_MAJORITY: 'Double majorité des membres et des montants',
};

const NBSP = '\u00a0';

function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count > 1 ? many : one}`;
}

/**
 * The outcome of the vote on one allocation version under the bid's rule.
 * - CONSENSUS: approved once every eligible member approved; rejected by the first objection.
 * - MAJORITY: one member, one vote; approved when approvals are more than half of the eligible
 *   members, rejected once objections make that impossible (a tie rejects).
 * - WEIGHTED: the same with each member's amount in the version as its weight, in whole cents.
 * - DOUBLE_MAJORITY: approved when the approving members are more than the thresholds' share of
 *   the members AND hold more than their share of the amount; rejected once objections make either
 *   impossible. The largest members cannot carry it alone, nor the many small ones.
 * Majorities are of the eligible members, not of those who voted: a member who abstains (does not
 * vote) counts as not approving. A member with no amount votes under CONSENSUS, MAJORITY and
 * DOUBLE_MAJORITY (it is a party and may be bound by the convention) and weighs nothing in an
 * amount. Votes from members not eligible (one who left) are ignored; a member may change its vote
 * while the outcome is pending, the latest vote counts. Once APPROVED or REJECTED, further votes
 * from those who had not voted never change the outcome.
 */
export function decideVote(
  rule: DecisionRule,
  eligibleMembers: readonly EligibleVoter[],
  votes: readonly Vote[],
  thresholds: DoubleMajorityThresholds = DEFAULT_DOUBLE_MAJORITY,
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
  const heads = { approving: 0, objecting: 0, total: 0 };
  const cents = { approving: 0, objecting: 0, total: 0 };
  for (const voter of eligibleMembers) {
    heads.total += 1;
    cents.total += voter.amountCents;
    const choice = latest.get(voter.memberKey)?.choice;
    if (choice === 'APPROVE') {
      approvals.push(voter.memberKey);
      heads.approving += 1;
      cents.approving += voter.amountCents;
    } else if (choice === 'OBJECT') {
      objections.push(voter.memberKey);
      heads.objecting += 1;
      cents.objecting += voter.amountCents;
    } else {
      missing.push(voter.memberKey);
    }
  }

  let outcome: VoteOutcome;
  if (rule === 'CONSENSUS') {
    outcome = objections.length > 0 ? 'REJECTED' : missing.length === 0 ? 'APPROVED' : 'PENDING';
  } else if (rule === 'DOUBLE_MAJORITY') {
    const members = (count: number) => above(count, heads.total, thresholds.membersPercent);
    const amount = (value: number) => above(value, cents.total, thresholds.amountPercent);
    if (members(heads.approving) && amount(cents.approving)) outcome = 'APPROVED';
    // What those who did not object could still bring: short of either bar, it cannot pass.
    else if (!members(heads.total - heads.objecting) || !amount(cents.total - cents.objecting)) {
      outcome = 'REJECTED';
    } else outcome = 'PENDING';
  } else {
    const tally = rule === 'WEIGHTED' ? cents : heads;
    outcome = above(tally.approving, tally.total, 50)
      ? 'APPROVED'
      : above(tally.total - tally.objecting, tally.total, 50)
        ? 'PENDING'
        : 'REJECTED';
  }

  const tally = rule === 'WEIGHTED' ? cents : heads;
  return {
    outcome,
    approvals,
    objections,
    missing,
    tally,
    ...(rule === 'DOUBLE_MAJORITY' && { amountTally: cents }),
    explanation: explain(rule, thresholds, outcome, heads, cents, objections, missing),
  };
}

/**
 * Whether part is strictly more than percent % of total, exactly: in BigInt, as a hundred times
 * a safe number of cents may not be safe any more.
 */
function above(part: number, total: number, percent: number): boolean {
  return BigInt(part) * 100n > BigInt(total) * BigInt(percent);
}

/** The fewest members that are more than percent % of total. */
function fewestAbove(total: number, percent: number): number {
  return Math.floor((total * percent) / 100) + 1;
}

function explain(
  rule: DecisionRule,
  thresholds: DoubleMajorityThresholds,
  outcome: VoteOutcome,
  heads: Tally,
  cents: Tally,
  objections: readonly string[],
  missing: readonly string[],
): string {
  let counts: string;
  switch (rule) {
    case 'WEIGHTED':
      counts =
        `approbations pour ${formatEuros(cents.approving)}, objections pour ` +
        `${formatEuros(cents.objecting)}, sur ${formatEuros(cents.total)} HT ; il faut plus de ` +
        'la moitié du montant';
      break;
    case 'MAJORITY':
      counts =
        `${plural(heads.approving, 'approbation', 'approbations')} et ` +
        `${plural(heads.objecting, 'objection', 'objections')} sur ` +
        `${plural(heads.total, 'membre', 'membres')} ; il faut ` +
        `${plural(fewestAbove(heads.total, 50), 'approbation', 'approbations')}`;
      break;
    case 'DOUBLE_MAJORITY':
      counts =
        `${plural(heads.approving, 'approbation', 'approbations')} et ` +
        `${plural(heads.objecting, 'objection', 'objections')} sur ` +
        `${plural(heads.total, 'membre', 'membres')}, approbations pour ` +
        `${formatEuros(cents.approving)} sur ${formatEuros(cents.total)} HT ; il faut à la fois ` +
        `${plural(fewestAbove(heads.total, thresholds.membersPercent), 'approbation', 'approbations')} ` +
        `(plus de ${thresholds.membersPercent}${NBSP}% des membres) et plus de ` +
        `${thresholds.amountPercent}${NBSP}% du montant`;
      break;
    case 'CONSENSUS':
      counts =
        `${plural(heads.approving, 'approbation', 'approbations')} sur ` +
        `${plural(heads.total, 'membre', 'membres')} ; il faut l’accord de tous`;
      break;
  }
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
  thresholds: DoubleMajorityThresholds = DEFAULT_DOUBLE_MAJORITY,
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
    thresholds,
  );
}
