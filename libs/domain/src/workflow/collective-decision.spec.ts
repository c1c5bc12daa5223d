import fc from 'fast-check';
import { DECISION_RULES, type DecisionRule } from '../documents';
import { DomainError } from '../errors';
import { at } from '../invariants';
import {
  type EligibleVoter,
  type Vote,
  type VoteOutcome,
  assertMayVote,
  type BallotMember,
  decideVote,
  tallyVote,
  validateVote,
} from './collective-decision';

const approve = (memberKey: string): Vote => ({ memberKey, choice: 'APPROVE' });
const object = (memberKey: string): Vote => ({
  memberKey,
  choice: 'OBJECT',
  comment: 'Le lot 2 dépasse nos capacités.',
});

function voters(amounts: Record<string, number>): EligibleVoter[] {
  return Object.entries(amounts).map(([memberKey, amountCents]) => ({ memberKey, amountCents }));
}

const FOUR = voters({ a: 400_000, b: 300_000, c: 200_000, d: 100_000 });

function problemCode(act: () => unknown): string | undefined {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error.problems[0]?.code;
    throw error;
  }
  return undefined;
}

describe('a vote', () => {
  it('needs a comment to object, and none to approve', () => {
    expect(problemCode(() => validateVote({ memberKey: 'a', choice: 'OBJECT' }))).toBe(
      'OBJECTION_COMMENT_REQUIRED',
    );
    expect(problemCode(() => validateVote({ ...object('a'), comment: '  \n' }))).toBe(
      'OBJECTION_COMMENT_REQUIRED',
    );
    expect(() => validateVote(object('a'))).not.toThrow();
    expect(() => validateVote(approve('a'))).not.toThrow();
  });

  it('is refused inside a decision when it is an objection without a comment', () => {
    const votes: Vote[] = [{ memberKey: 'a', choice: 'OBJECT', comment: '' }];
    expect(problemCode(() => decideVote('CONSENSUS', FOUR, votes))).toBe(
      'OBJECTION_COMMENT_REQUIRED',
    );
  });
});

describe('deciding on a version', () => {
  it('under CONSENSUS waits for everyone, and one objection rejects', () => {
    const pending = decideVote('CONSENSUS', FOUR, ['a', 'b', 'c'].map(approve));
    expect(pending).toMatchObject({ outcome: 'PENDING', missing: ['d'] });
    expect(pending.explanation).toBe(
      'Consensus : 3 approbations sur 4 membres ; il faut l’accord de tous — vote en cours, ' +
        'en attente de d.',
    );
    expect(decideVote('CONSENSUS', FOUR, ['a', 'b', 'c', 'd'].map(approve)).outcome).toBe(
      'APPROVED',
    );
    const rejected = decideVote('CONSENSUS', FOUR, [approve('a'), object('d')]);
    expect(rejected).toMatchObject({
      outcome: 'REJECTED',
      approvals: ['a'],
      objections: ['d'],
      missing: ['b', 'c'],
    });
    expect(rejected.explanation).toContain('version rejetée (objection de d)');
  });

  it('under MAJORITY counts one vote per member, a tie rejecting', () => {
    expect(decideVote('MAJORITY', FOUR, [approve('c'), approve('d')]).outcome).toBe('PENDING');
    expect(decideVote('MAJORITY', FOUR, ['b', 'c', 'd'].map(approve)).outcome).toBe('APPROVED');
    const tie = decideVote('MAJORITY', FOUR, [object('a'), object('b')]);
    expect(tie.outcome).toBe('REJECTED');
    expect(tie.explanation).toBe(
      'Majorité, un membre une voix : 0 approbation et 2 objections sur 4 membres ; il faut ' +
        '3 approbations — version rejetée (objection de a, b) : le coordinateur révise la ' +
        'répartition et soumet une nouvelle version au vote.',
    );
  });

  it('under WEIGHTED weighs each member by its amount, more than half approving', () => {
    // a holds 40 %, so a and d (50 %) are not enough; a and b (70 %) are.
    expect(decideVote('WEIGHTED', FOUR, [approve('a'), approve('d')]).outcome).toBe('PENDING');
    const approved = decideVote('WEIGHTED', FOUR, [approve('a'), approve('b')]);
    expect(approved).toMatchObject({
      outcome: 'APPROVED',
      tally: { approving: 700_000, objecting: 0, total: 1_000_000 },
    });
    expect(approved.explanation).toBe(
      'Majorité pondérée par les montants : approbations pour 7\u202f000,00\u00a0€, objections ' +
        'pour 0,00\u00a0€, sur 10\u202f000,00\u00a0€ HT ; il faut plus de la moitié du montant — ' +
        'version approuvée.',
    );
    // Exactly half objecting makes a majority impossible.
    expect(decideVote('WEIGHTED', FOUR, [object('a'), object('d')]).outcome).toBe('REJECTED');
    // Three members out of four approving still lose to the largest member alone when it weighs more.
    const big = voters({ a: 700_000, b: 100_000, c: 100_000, d: 100_000 });
    expect(decideVote('WEIGHTED', big, [object('a')]).outcome).toBe('REJECTED');
    expect(decideVote('MAJORITY', big, ['b', 'c', 'd'].map(approve)).outcome).toBe('APPROVED');
  });

  it('compares weights exactly where a floating-point share would round to one half', () => {
    // 2^52 / (2^53 - 1) is just above one half, but rounds to 0.5 as a double.
    const huge = voters({ a: 2 ** 52, b: 2 ** 52 - 1 });
    expect(decideVote('WEIGHTED', huge, [approve('a')]).outcome).toBe('APPROVED');
    expect(decideVote('WEIGHTED', huge, [approve('b')]).outcome).toBe('PENDING');
  });

  it('lets a member without an amount vote by head, but weigh nothing', () => {
    const withZero = voters({ a: 600_000, b: 400_000, z: 0 });
    expect(
      decideVote('CONSENSUS', withZero, [approve('a'), approve('b'), object('z')]).outcome,
    ).toBe('REJECTED');
    expect(decideVote('WEIGHTED', withZero, [approve('a'), object('z')]).outcome).toBe('APPROVED');
    expect(decideVote('MAJORITY', withZero, [approve('a'), object('z')]).outcome).toBe('PENDING');
  });

  it('counts the latest vote of each member and ignores members who cannot vote', () => {
    const decision = decideVote('CONSENSUS', voters({ a: 1, b: 1 }), [
      object('a'),
      approve('a'),
      approve('b'),
      object('gone'),
    ]);
    expect(decision).toMatchObject({ outcome: 'APPROVED', approvals: ['a', 'b'], objections: [] });
  });

  it('refuses a vote nobody can take part in, a voter listed twice, and weights that are all zero', () => {
    expect(problemCode(() => decideVote('MAJORITY', [], []))).toBe('NO_ELIGIBLE_VOTERS');
    expect(problemCode(() => decideVote('MAJORITY', [...FOUR, at(FOUR, 0)], []))).toBe(
      'DUPLICATE_VOTER',
    );
    expect(problemCode(() => decideVote('WEIGHTED', voters({ a: 0, b: 0 }), []))).toBe('NO_WEIGHT');
    expect(
      decideVote('MAJORITY', voters({ a: 0, b: 0 }), [approve('a'), approve('b')]).outcome,
    ).toBe('APPROVED');
    expect(() => decideVote('WEIGHTED', voters({ a: 1.5 }), [])).toThrow(RangeError);
  });
});

describe('deciding under the double majority of members and amounts', () => {
  // Two large members hold 80 % of the amount; three small ones 20 %.
  const FIVE = voters({ a: 500_000, b: 300_000, c: 80_000, d: 70_000, e: 50_000 });

  it('lets the large members alone never carry it, though they would under WEIGHTED', () => {
    const large = [approve('a'), approve('b')];
    expect(decideVote('WEIGHTED', FIVE, large).outcome).toBe('APPROVED');
    expect(decideVote('DOUBLE_MAJORITY', FIVE, large).outcome).toBe('PENDING');
    const small = ['c', 'd', 'e'].map(object);
    const rejected = decideVote('DOUBLE_MAJORITY', FIVE, [...large, ...small]);
    expect(rejected).toMatchObject({
      outcome: 'REJECTED',
      tally: { approving: 2, objecting: 3, total: 5 },
      amountTally: { approving: 800_000, objecting: 200_000, total: 1_000_000 },
    });
    // While one small member has not voted, it could still give the large ones the majority.
    expect(decideVote('DOUBLE_MAJORITY', FIVE, [...large, ...small.slice(0, 2)]).outcome).toBe(
      'PENDING',
    );
    // With one small member on their side, both majorities are there.
    expect(decideVote('DOUBLE_MAJORITY', FIVE, [...large, approve('e')]).outcome).toBe('APPROVED');
  });

  it('lets the many small members alone never carry it, though they would under MAJORITY', () => {
    const small = ['c', 'd', 'e'].map(approve);
    expect(decideVote('MAJORITY', FIVE, small).outcome).toBe('APPROVED');
    expect(decideVote('DOUBLE_MAJORITY', FIVE, small).outcome).toBe('PENDING');
    // a's objection leaves at most 50 % of the amount: not more than half.
    expect(decideVote('DOUBLE_MAJORITY', FIVE, [...small, object('a')]).outcome).toBe('REJECTED');
  });

  it('rejects on a tie of members or of amounts', () => {
    const even = voters({ a: 100, b: 100, c: 100, d: 100 });
    expect(
      decideVote('DOUBLE_MAJORITY', even, [approve('a'), approve('b'), object('c'), object('d')])
        .outcome,
    ).toBe('REJECTED');
    // b and c are two members out of three but hold exactly half of the amount.
    const halves = voters({ a: 500_000, b: 250_000, c: 250_000 });
    expect(decideVote('DOUBLE_MAJORITY', halves, [approve('b'), approve('c')]).outcome).toBe(
      'PENDING',
    );
    expect(
      decideVote('DOUBLE_MAJORITY', halves, [approve('b'), approve('c'), object('a')]).outcome,
    ).toBe('REJECTED');
  });

  it('counts an abstention as no approval: majorities are of all the members, not of the votes cast', () => {
    const even = voters({ a: 100, b: 100, c: 100, d: 100 });
    // Every vote cast approves, but two members out of four is not more than half.
    const abstaining = decideVote('DOUBLE_MAJORITY', even, [approve('a'), approve('b')]);
    expect(abstaining).toMatchObject({ outcome: 'PENDING', missing: ['c', 'd'] });
    expect(decideVote('DOUBLE_MAJORITY', FIVE, ['a', 'c', 'd'].map(approve)).outcome).toBe(
      'APPROVED',
    );
  });

  it('lets the members raise each bar, more than the share chosen being needed', () => {
    const three = voters({ a: 400, b: 300, c: 300 });
    const two = [approve('a'), approve('b')];
    // 2 of 3 members is 66,7 % and they hold 70 % of the amount.
    expect(
      decideVote('DOUBLE_MAJORITY', three, two, { membersPercent: 66, amountPercent: 66 }).outcome,
    ).toBe('APPROVED');
    expect(
      decideVote('DOUBLE_MAJORITY', three, two, { membersPercent: 67, amountPercent: 50 }).outcome,
    ).toBe('PENDING');
    expect(
      decideVote('DOUBLE_MAJORITY', three, [...two, object('c')], {
        membersPercent: 50,
        amountPercent: 70,
      }).outcome,
    ).toBe('REJECTED');
  });

  it('explains both majorities, in members and in euros', () => {
    const decision = decideVote('DOUBLE_MAJORITY', FIVE, [approve('a'), approve('b')]);
    expect(decision.explanation).toBe(
      'Double majorité des membres et des montants : 2 approbations et 0 objection sur 5 ' +
        'membres, approbations pour 8\u202f000,00\u00a0€ sur 10\u202f000,00\u00a0€ HT ; il faut ' +
        'à la fois 3 approbations (plus de 50\u00a0% des membres) et plus de 50\u00a0% du ' +
        'montant — vote en cours, en attente de c, d, e.',
    );
  });

  it('refuses to weigh a vote where no member has an amount', () => {
    expect(problemCode(() => decideVote('DOUBLE_MAJORITY', voters({ a: 0, b: 0 }), []))).toBe(
      'NO_WEIGHT',
    );
  });

  it('approves, once everyone voted, exactly when MAJORITY and WEIGHTED both would', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.record({ amount: fc.nat(1e9), approves: fc.boolean() }), {
            minLength: 1,
            maxLength: 12,
          })
          .filter((members) => members.some((member) => member.amount > 0)),
        (members) => {
          const eligible = members.map((member, i) => ({
            memberKey: `m${i}`,
            amountCents: member.amount,
          }));
          const votes = members.map((member, i) =>
            member.approves ? approve(`m${i}`) : object(`m${i}`),
          );
          const approved = (rule: DecisionRule) =>
            decideVote(rule, eligible, votes).outcome === 'APPROVED';
          expect(approved('DOUBLE_MAJORITY')).toBe(approved('MAJORITY') && approved('WEIGHTED'));
        },
      ),
    );
  });
});

describe('decision invariants', () => {
  const rule = fc.constantFrom<DecisionRule>(...DECISION_RULES);
  /** Members with amounts, at least one positive, and for each a vote or none, in random order. */
  const ballot = fc
    .uniqueArray(
      fc.record({
        memberKey: fc.string({ minLength: 1, maxLength: 6 }),
        amountCents: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1e11 })),
        choice: fc.constantFrom('APPROVE', 'OBJECT', null),
      }),
      { minLength: 1, maxLength: 12, selector: (member) => member.memberKey },
    )
    .filter((members) => members.some((member) => member.amountCents > 0));

  const eligibleOf = (members: { memberKey: string; amountCents: number }[]) =>
    members.map(({ memberKey, amountCents }) => ({ memberKey, amountCents }));
  const votesOf = (members: { memberKey: string; choice: 'APPROVE' | 'OBJECT' | null }[]) =>
    members.flatMap((member) =>
      member.choice === null
        ? []
        : [member.choice === 'APPROVE' ? approve(member.memberKey) : object(member.memberKey)],
    );

  it('approves under CONSENSUS exactly when every member approved', () => {
    fc.assert(
      fc.property(ballot, (members) => {
        const decision = decideVote('CONSENSUS', eligibleOf(members), votesOf(members));
        const allApprove = members.every((member) => member.choice === 'APPROVE');
        expect(decision.outcome === 'APPROVED').toBe(allApprove);
      }),
    );
  });

  it('never changes a reached outcome as further members vote, and never stays pending once all voted', () => {
    fc.assert(
      fc.property(rule, ballot, (rule, members) => {
        const eligible = eligibleOf(members);
        const votes = votesOf(members);
        let reached: VoteOutcome = 'PENDING';
        for (let count = 0; count <= votes.length; count += 1) {
          const { outcome } = decideVote(rule, eligible, votes.slice(0, count));
          if (reached !== 'PENDING') expect(outcome).toBe(reached);
          reached = outcome;
        }
        if (votes.length === members.length) expect(reached).not.toBe('PENDING');
      }),
    );
  });

  it('never turns APPROVED into REJECTED by adding an approval', () => {
    fc.assert(
      fc.property(rule, ballot, (rule, members) => {
        const eligible = eligibleOf(members);
        const votes = votesOf(members);
        const before = decideVote(rule, eligible, votes).outcome;
        for (const member of members.filter((m) => m.choice === null)) {
          const after = decideVote(rule, eligible, [...votes, approve(member.memberKey)]).outcome;
          if (before === 'APPROVED') expect(after).toBe('APPROVED');
          if (before === 'PENDING') expect(after).not.toBe('REJECTED');
        }
      }),
    );
  });

  it('decides WEIGHTED with equal amounts as MAJORITY, and sorts every member once', () => {
    fc.assert(
      fc.property(ballot, fc.integer({ min: 1, max: 1e9 }), (members, amount) => {
        const equal = members.map((member) => ({ ...member, amountCents: amount }));
        const weighted = decideVote('WEIGHTED', eligibleOf(equal), votesOf(equal));
        const majority = decideVote('MAJORITY', eligibleOf(equal), votesOf(equal));
        expect(weighted.outcome).toBe(majority.outcome);
        const sorted = [...weighted.approvals, ...weighted.objections, ...weighted.missing];
        expect(sorted.sort()).toEqual(members.map((member) => member.memberKey).sort());
      }),
    );
  });
});

describe('counting the vote on a version', () => {
  const members: BallotMember[] = [
    { key: 'a', role: 'COTRAITANT', status: 'SIGNED' },
    { key: 'b', role: 'COTRAITANT', status: 'DATA_COMPLETE' },
    { key: 'c', role: 'COTRAITANT', status: 'ACCEPTED' },
    { key: 'gone', role: 'COTRAITANT', status: 'WITHDRAWN' },
    { key: 'invited', role: 'COTRAITANT', status: 'INVITED' },
    { key: 'sub', role: 'SOUS_TRAITANT', status: 'ACCEPTED' },
  ];
  // a: 600 000 on two lots, b: 300 000, c: 100 000; the subcontractor's lines weigh nothing.
  const shares = [
    { org: 'a', amountCents: 400_000 },
    { org: 'b', amountCents: 300_000 },
    { org: 'a', amountCents: 200_000 },
    { org: 'c', amountCents: 100_000 },
    { org: 'sub', amountCents: 900_000 },
  ];
  const approval = (memberKey: string) =>
    ({ memberKey, choice: 'APPROVE', comment: null }) as const;
  const objection = (memberKey: string) =>
    ({ memberKey, choice: 'OBJECT', comment: 'Le lot 2 dépasse nos capacités.' }) as const;

  it('lets only the co-contractors who joined vote, in the order given', () => {
    const decision = tallyVote('CONSENSUS', members, shares, [approval('b')]);
    expect(decision.approvals).toEqual(['b']);
    expect(decision.missing).toEqual(['a', 'c']);
    expect(decision.tally).toEqual({ approving: 1, objecting: 0, total: 3 });
  });

  it('under CONSENSUS approves once all voters approved, whatever the others say', () => {
    const votes = [approval('a'), approval('b'), objection('gone'), objection('sub')];
    expect(tallyVote('CONSENSUS', members, shares, votes).outcome).toBe('PENDING');
    expect(tallyVote('CONSENSUS', members, shares, [...votes, approval('c')]).outcome).toBe(
      'APPROVED',
    );
    expect(tallyVote('CONSENSUS', members, shares, [objection('c')]).outcome).toBe('REJECTED');
  });

  it('under MAJORITY counts heads', () => {
    expect(tallyVote('MAJORITY', members, shares, [approval('b'), approval('c')]).outcome).toBe(
      'APPROVED',
    );
    expect(tallyVote('MAJORITY', members, shares, [objection('b'), objection('c')]).outcome).toBe(
      'REJECTED',
    );
  });

  it('under WEIGHTED weighs each voter by the sum of its lines in the version', () => {
    const decision = tallyVote('WEIGHTED', members, shares, [approval('a')]);
    expect(decision.outcome).toBe('APPROVED');
    expect(decision.tally).toEqual({ approving: 600_000, objecting: 0, total: 1_000_000 });
    expect(tallyVote('WEIGHTED', members, shares, [approval('b'), approval('c')]).tally).toEqual({
      approving: 400_000,
      objecting: 0,
      total: 1_000_000,
    });
    expect(tallyVote('WEIGHTED', members, shares, [objection('a')]).outcome).toBe('REJECTED');
  });

  it('counts a voter without lines by head, and as nothing under WEIGHTED', () => {
    const withoutLines = shares.filter((share) => share.org !== 'c');
    expect(tallyVote('WEIGHTED', members, withoutLines, [approval('c')]).tally).toEqual({
      approving: 0,
      objecting: 0,
      total: 900_000,
    });
    expect(tallyVote('MAJORITY', members, withoutLines, [approval('c')]).tally).toEqual({
      approving: 1,
      objecting: 0,
      total: 3,
    });
  });

  it('keeps each voter’s latest ballot', () => {
    const votes = [objection('a'), approval('a'), approval('b'), approval('c')];
    expect(tallyVote('CONSENSUS', members, shares, votes).outcome).toBe('APPROVED');
  });
});

describe('who may vote', () => {
  it('is a co-contractor who joined the consortium', () => {
    expect(() => assertMayVote({ role: 'COTRAITANT', status: 'ACCEPTED' })).not.toThrow();
    expect(problemCode(() => assertMayVote({ role: 'COTRAITANT', status: 'INVITED' }))).toBe(
      'NOT_A_VOTER',
    );
    expect(problemCode(() => assertMayVote({ role: 'COTRAITANT', status: 'WITHDRAWN' }))).toBe(
      'NOT_A_VOTER',
    );
    expect(problemCode(() => assertMayVote({ role: 'SOUS_TRAITANT', status: 'ACCEPTED' }))).toBe(
      'NOT_A_VOTER',
    );
  });
});
