import { DECISION_RULE_LABELS, type ConventionSettings } from '../documents';
import { DomainError, DomainErrorCode } from '../errors';
import type { BidStatus } from './bid-status';

/** The settings that decide a vote: the rule and the bars of the double majority. */
export type DecisionRuleSettings = Pick<
  ConventionSettings,
  'decisionRule' | 'doubleMajorityMembersPercent' | 'doubleMajorityAmountPercent'
>;

/** Before any split is put to the vote, or after a rejected one was revised. */
const RULE_OPEN_STATUSES: readonly BidStatus[] = ['DRAFT', 'COLLECTING', 'ALLOCATING'];

const sameRule = (a: DecisionRuleSettings, b: DecisionRuleSettings) =>
  a.decisionRule === b.decisionRule &&
  (a.decisionRule !== 'DOUBLE_MAJORITY' ||
    (a.doubleMajorityMembersPercent === b.doubleMajorityMembersPercent &&
      a.doubleMajorityAmountPercent === b.doubleMajorityAmountPercent));

/**
 * The coordinator changes how the members decide before a vote opens. While a vote is open the
 * ballots already cast were given under the rule in force, and once the members agreed the split
 * was approved under it and the convention states it: a change would recount a decided vote.
 * Bars of the double majority that do not apply (another rule) may change at any time.
 */
export function assertDecisionRuleChangeable(
  status: BidStatus,
  current: DecisionRuleSettings,
  next: DecisionRuleSettings,
): void {
  if (sameRule(current, next) || RULE_OPEN_STATUSES.includes(status)) return;
  const rule = `«\u00a0${DECISION_RULE_LABELS[current.decisionRule]}\u00a0»`;
  const [code, message] =
    status === 'PROPOSED'
      ? [
          'VOTE_OPEN',
          `Un vote sur la répartition est en cours selon la règle ${rule} : la règle de décision ` +
            'ne peut pas changer pendant le vote. Révisez la répartition pour clore le vote, ' +
            'puis changez la règle avant de la soumettre à nouveau.',
        ]
      : [
          'RULE_ALREADY_APPLIED',
          `Les membres ont approuvé la répartition selon la règle ${rule}, que la convention ` +
            'reprend : la règle de décision ne peut plus changer.',
        ];
  throw new DomainError(DomainErrorCode.WORKFLOW_RULE_VIOLATED, message, [
    { path: 'decisionRule', code, message },
  ]);
}
