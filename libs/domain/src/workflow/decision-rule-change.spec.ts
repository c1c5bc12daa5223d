import { DEFAULT_CONVENTION_SETTINGS } from '../documents';
import { refusal } from '../errors/refusal.fixture';
import { BID_STATUSES, type BidStatus } from './bid-status';
import { type DecisionRuleSettings, assertDecisionRuleChangeable } from './decision-rule-change';

const consensus: DecisionRuleSettings = DEFAULT_CONVENTION_SETTINGS;
const double: DecisionRuleSettings = { ...consensus, decisionRule: 'DOUBLE_MAJORITY' };

describe('changing the decision rule', () => {
  it('is allowed before a split is put to the vote, and after a rejected one is revised', () => {
    for (const status of ['DRAFT', 'COLLECTING', 'ALLOCATING'] as const) {
      expect(() => assertDecisionRuleChangeable(status, consensus, double)).not.toThrow();
    }
  });

  it('is refused while a vote is open, saying how to close it', () => {
    const refused = refusal(() => assertDecisionRuleChangeable('PROPOSED', consensus, double));
    expect(refused.code).toBe('WORKFLOW_RULE_VIOLATED');
    expect(refused.problems[0]).toMatchObject({ path: 'decisionRule', code: 'VOTE_OPEN' });
    expect(refused.message).toContain('Un vote sur la répartition est en cours');
    expect(refused.message).toContain('Révisez la répartition');
  });

  it('is refused once the members agreed under the rule, until the end', () => {
    const decided = BID_STATUSES.filter(
      (status): status is BidStatus =>
        !['DRAFT', 'COLLECTING', 'ALLOCATING', 'PROPOSED'].includes(status),
    );
    for (const status of decided) {
      const refused = refusal(() => assertDecisionRuleChangeable(status, consensus, double));
      expect(refused.problems[0]?.code).toBe('RULE_ALREADY_APPLIED');
    }
  });

  it('counts a change of the double majority’s bars as a change of rule, only where they apply', () => {
    const higher = { ...double, doubleMajorityMembersPercent: 66 };
    expect(refusal(() => assertDecisionRuleChangeable('PROPOSED', double, higher)).code).toBe(
      'WORKFLOW_RULE_VIOLATED',
    );
    // Under consensus the bars decide nothing; saving the rule unchanged is no change either.
    const unused = { ...consensus, doubleMajorityAmountPercent: 75 };
    expect(() => assertDecisionRuleChangeable('PROPOSED', consensus, unused)).not.toThrow();
    expect(() => assertDecisionRuleChangeable('SIGNED', double, double)).not.toThrow();
  });
});
