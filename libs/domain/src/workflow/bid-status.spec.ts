import { DomainErrorCode } from '../errors';
import { at } from '../invariants';
import {
  BID_EVENTS,
  BID_STATUSES,
  BID_STATUS_LABELS,
  type BidEvent,
  type BidStatus,
  type BidTransitionContext,
  bidEventsFrom,
  decideBidTransition,
} from './bid-status';
import {
  type MemberFacts,
  type MembershipRules,
  compositionOfMembers,
  unmetCompositionProblems,
} from './member-composition';
import { refusal } from '../errors/refusal.fixture';

/** The documented table, written out by hand so that a change to the code's table shows here. */
const LEGAL: [BidStatus, BidEvent, BidStatus][] = [
  ['DRAFT', 'OPEN_CAPACITY_CALL', 'COLLECTING'],
  ['COLLECTING', 'CLOSE_CAPACITY_CALL', 'ALLOCATING'],
  ['ALLOCATING', 'REOPEN_CAPACITY_CALL', 'COLLECTING'],
  ['ALLOCATING', 'PROPOSE', 'PROPOSED'],
  ['PROPOSED', 'REVISE', 'ALLOCATING'],
  ['PROPOSED', 'AGREE', 'AGREED'],
  ['AGREED', 'REVISE', 'ALLOCATING'],
  ['AGREED', 'OPEN_SIGNING', 'SIGNING'],
  ['SIGNING', 'COMPLETE_SIGNING', 'SIGNED'],
  ['SIGNED', 'SUBMIT', 'SUBMITTED'],
  ['SUBMITTED', 'AWARD', 'AWARDED'],
  ['SUBMITTED', 'LOSE', 'LOST'],
  ...(
    [
      'DRAFT',
      'COLLECTING',
      'ALLOCATING',
      'PROPOSED',
      'AGREED',
      'SIGNING',
      'SIGNED',
      'SUBMITTED',
    ] as const
  ).map((from): [BidStatus, BidEvent, BidStatus] => [from, 'WITHDRAW', 'WITHDRAWN']),
];

const RULES: MembershipRules = {
  minMembers: 3,
  minOfKind: { ETA: 2 },
  minSmallMembers: 1,
  smallBelowEmployees: 100,
};

const MEMBERS: MemberFacts[] = [
  { key: 'eta-a', legalName: 'eta-a', status: 'ACCEPTED', kind: 'ETA', employees: 50 },
  { key: 'eta-b', legalName: 'eta-b', status: 'DATA_COMPLETE', kind: 'ETA', employees: 200 },
  { key: 'ei-c', legalName: 'ei-c', status: 'DATA_COMPLETE', kind: 'EI', employees: 300 },
  // Neither counts: one has not answered, the other declined.
  { key: 'eta-d', legalName: 'eta-d', status: 'INVITED', kind: 'ETA', employees: 10 },
  { key: 'ea-e', legalName: 'ea-e', status: 'DECLINED', kind: 'EA', employees: 5 },
];

const DEADLINE = new Date('2025-03-15T11:00:00Z');

/** A bid in `status` where every guard is satisfied. */
function ready(
  status: BidStatus,
  change: Partial<BidTransitionContext> = {},
): BidTransitionContext {
  return {
    status,
    rules: RULES,
    members: MEMBERS,
    latestVersionAgreed: true,
    conventionFrozen: true,
    unsignedParties: [],
    versionParties: [],
    now: new Date('2025-03-01T08:00:00Z'),
    applicationDeadline: DEADLINE,
    ...change,
  };
}

describe('bid state machine', () => {
  const matrix = BID_STATUSES.flatMap((from) => BID_EVENTS.map((event) => [from, event] as const));
  const legal = (from: BidStatus, event: BidEvent) =>
    LEGAL.find(([a, e]) => a === from && e === event)?.[2];

  it('has exactly the documented moves', () => {
    const fromTable = BID_STATUSES.flatMap((from) =>
      bidEventsFrom(from).map((e) => `${from} ${e}`),
    );
    expect(fromTable.sort()).toEqual(LEGAL.map(([from, e]) => `${from} ${e}`).sort());
  });

  it.each(matrix.filter(([from, event]) => legal(from, event) !== undefined))(
    '%s + %s is allowed when its guard holds',
    (from, event) => {
      expect(decideBidTransition(ready(from), event)).toEqual({
        from,
        event,
        to: legal(from, event),
      });
    },
  );

  it.each(matrix.filter(([from, event]) => legal(from, event) === undefined))(
    '%s + %s is refused as not allowed, naming both states',
    (from, event) => {
      const error = refusal(() => decideBidTransition(ready(from), event));
      expect(error.code).toBe(DomainErrorCode.INVALID_TRANSITION);
      expect(error.problems.map((problem) => problem.code)).toEqual(['TRANSITION_NOT_ALLOWED']);
      expect(error.message).toContain(`« ${BID_STATUS_LABELS[from]} »`);
      expect(error.details).toMatchObject({ from, event });
      expect(error.message).toContain(`« ${BID_STATUS_LABELS[error.details.to as BidStatus]} »`);
    },
  );

  it('says which states an event needs, and that a final bid no longer moves', () => {
    expect(refusal(() => decideBidTransition(ready('SIGNING'), 'SUBMIT')).message).toBe(
      'Impossible d’enregistrer le dépôt de la candidature : la candidature « convention en ' +
        'signature » ne peut pas passer à « déposée » ; cette étape n’est possible que depuis ' +
        '« convention signée ».',
    );
    expect(refusal(() => decideBidTransition(ready('AWARDED'), 'WITHDRAW')).message).toBe(
      'Impossible de retirer la candidature : la candidature « attribuée » ne peut pas passer à ' +
        '« retirée » ; elle ne change plus d’état.',
    );
  });

  describe('guards', () => {
    const short = MEMBERS.map((member) =>
      member.key === 'eta-a' ? { ...member, status: 'WITHDRAWN' as const } : member,
    );

    it.each(['CLOSE_CAPACITY_CALL', 'PROPOSE'] as const)(
      '%s needs the composition rules met by the members who joined, listing each unmet rule',
      (event) => {
        const from = event === 'PROPOSE' ? 'ALLOCATING' : 'COLLECTING';
        const error = refusal(() => decideBidTransition(ready(from, { members: short }), event));
        expect(error.code).toBe(DomainErrorCode.INVALID_TRANSITION);
        expect(error.problems).toEqual([
          {
            path: 'rules.minMembers',
            code: 'COMPOSITION_RULES_UNMET',
            message: 'Au moins 3 membres : 2 membres ont rejoint le groupement — non respectée.',
          },
          {
            path: 'rules.minOfKind.ETA',
            code: 'COMPOSITION_RULES_UNMET',
            message:
              'Au moins 2 membres ETA : 1 membre ETA a rejoint le groupement — non respectée.',
          },
          {
            path: 'rules.minSmallMembers',
            code: 'COMPOSITION_RULES_UNMET',
            message:
              'Au moins 1 membre de moins de 100 salariés : 0 membre a rejoint le groupement — ' +
              'non respectée.',
          },
        ]);
        expect(error.message).toContain('ne respectent pas ses règles de composition.');
        expect(error.message).toContain('Au moins 3 membres : 2 membres');
      },
    );

    it('lets a bid without composition rules be allocated by any membership', () => {
      const context = ready('COLLECTING', { rules: { smallBelowEmployees: 100 }, members: [] });
      expect(decideBidTransition(context, 'CLOSE_CAPACITY_CALL').to).toBe('ALLOCATING');
    });

    it.each([
      ['PROPOSED', 'AGREE'],
      ['AGREED', 'OPEN_SIGNING'],
    ] as const)('%s + %s needs the latest version approved', (from, event) => {
      const error = refusal(() =>
        decideBidTransition(ready(from, { latestVersionAgreed: false }), event),
      );
      expect(error.problems.map((problem) => problem.code)).toEqual(['NOT_AGREED']);
      expect(error.message).toContain('n’a pas été approuvée par les membres');
    });

    it.each([
      ['PROPOSED', 'AGREE'],
      ['AGREED', 'OPEN_SIGNING'],
      ['SIGNING', 'COMPLETE_SIGNING'],
    ] as const)('%s + %s refuses a split that gives work to a member that left', (from, event) => {
      // ea-e declined; eta-d has not answered: only a member that left is named.
      const error = refusal(() =>
        decideBidTransition(ready(from, { versionParties: ['ea-e', 'eta-d'] }), event),
      );
      expect(error.problems.map((problem) => [problem.path, problem.code])).toEqual([
        ['members.ea-e', 'MEMBER_LEFT_WITH_WORK'],
      ]);
      expect(() =>
        decideBidTransition(ready(from, { versionParties: ['eta-d'] }), event),
      ).not.toThrow();
    });

    it('opens the signing only on a frozen convention of the agreed version', () => {
      const error = refusal(() =>
        decideBidTransition(ready('AGREED', { conventionFrozen: false }), 'OPEN_SIGNING'),
      );
      expect(error.problems.map((problem) => problem.code)).toEqual(['CONVENTION_NOT_FROZEN']);
      expect(error.message).toContain('n’a pas encore été générée et figée');
      expect(decideBidTransition(ready('PROPOSED', { conventionFrozen: false }), 'AGREE').to).toBe(
        'AGREED',
      );
    });

    it('completes the signing only when every party signed, naming those missing', () => {
      const error = refusal(() =>
        decideBidTransition(
          ready('SIGNING', { unsignedParties: ['eta-b', 'ei-c'] }),
          'COMPLETE_SIGNING',
        ),
      );
      expect(error.problems.map((problem) => [problem.code, problem.path])).toEqual([
        ['SIGNATURES_MISSING', 'signatures.eta-b'],
        ['SIGNATURES_MISSING', 'signatures.ei-c'],
      ]);
      expect(error.message).toContain('il manque les signatures de eta-b, ei-c.');
    });

    it.each([
      ['DRAFT', 'OPEN_CAPACITY_CALL'],
      ['ALLOCATING', 'REOPEN_CAPACITY_CALL'],
    ] as const)('%s + %s is refused from the application deadline on', (from, event) => {
      for (const now of [DEADLINE, new Date(DEADLINE.getTime() + 1)]) {
        const error = refusal(() => decideBidTransition(ready(from, { now }), event));
        expect(error.problems.map((problem) => problem.code)).toEqual(['DEADLINE_PASSED']);
        expect(error.message).toContain('(15 mars 2025 à 12:00) est passée');
      }
    });

    it('leaves the guards of other moves out of moves that do not need them', () => {
      const nothingHolds = {
        members: [],
        latestVersionAgreed: false,
        conventionFrozen: false,
        unsignedParties: ['eta-b'],
        now: new Date('2026-01-01T00:00:00Z'),
      };
      expect(decideBidTransition(ready('SIGNED', nothingHolds), 'SUBMIT').to).toBe('SUBMITTED');
      expect(decideBidTransition(ready('PROPOSED', nothingHolds), 'REVISE').to).toBe('ALLOCATING');
      expect(decideBidTransition(ready('SIGNING', nothingHolds), 'WITHDRAW').to).toBe('WITHDRAWN');
    });
  });
});

describe('composition of members', () => {
  it('counts accepted, complete and signed members, not invited, declined or withdrawn ones', () => {
    const checks = compositionOfMembers(
      [
        ...MEMBERS,
        { key: 'eta-f', legalName: 'eta-f', status: 'SIGNED', kind: 'ETA', employees: 20 },
        { key: 'eta-g', legalName: 'eta-g', status: 'WITHDRAWN', kind: 'ETA', employees: 20 },
      ],
      RULES,
    );
    expect(checks.map((check) => [check.rule, check.kind, check.actual, check.met])).toEqual([
      ['minMembers', undefined, 4, true],
      ['minOfKind', 'ETA', 3, true],
      ['minSmallMembers', undefined, 2, true],
    ]);
    expect(at(checks, 0).message).toBe(
      'Au moins 3 membres : 4 membres ont rejoint le groupement — respectée.',
    );
  });

  it('counts at most N members and the territories of the joined members’ offers', () => {
    const members: MemberFacts[] = [
      {
        key: 'a',
        legalName: 'a',
        status: 'ACCEPTED',
        kind: 'ETA',
        employees: 50,
        territories: ['BE:52011'],
      },
      {
        key: 'b',
        legalName: 'b',
        status: 'DATA_COMPLETE',
        kind: 'ETA',
        employees: 50,
        territories: ['BE:21004'],
      },
      // Not in the consortium: its territories count for nothing.
      {
        key: 'c',
        legalName: 'c',
        status: 'INVITED',
        kind: 'ETA',
        employees: 50,
        territories: ['BE:62063'],
      },
    ];
    const rules: MembershipRules = {
      maxMembers: 1,
      minCoverage: { level: 'PROVINCE', count: 2 },
      smallBelowEmployees: 100,
    };
    const checks = compositionOfMembers(members, rules);
    expect(checks.map((check) => check.message)).toEqual([
      'Au plus 1 membre : 2 membres ont rejoint le groupement — non respectée.',
      'Au moins 2 provinces couvertes : 1 province couverte par les offres des membres ' +
        '(Hainaut) — non respectée.',
    ]);
    const allowed = compositionOfMembers(members, {
      maxMembers: 2,
      minCoverage: { level: 'REGION', count: 2 },
      smallBelowEmployees: 100,
    });
    expect(allowed.map((check) => [check.rule, check.actual, check.met])).toEqual([
      ['maxMembers', 2, true],
      ['minCoverage', 2, true],
    ]);
    // Too many members or too little coverage refuse closing the capacity call.
    expect(unmetCompositionProblems(checks).map((problem) => problem.path)).toEqual([
      'rules.maxMembers',
      'rules.minCoverage',
    ]);
  });
});
