import type { BidDto } from '../api/schema';

type Convention = BidDto['consortium']['convention'];
export type DecisionRule = Convention['decisionRule'];

export const DECISION_RULES: DecisionRule[] = [
  'CONSENSUS',
  'MAJORITY',
  'WEIGHTED',
  'DOUBLE_MAJORITY',
];

export const DECISION_RULE_NAMES: Record<DecisionRule, string> = {
  CONSENSUS: 'Consensus',
  MAJORITY: 'Majorité, un membre une voix',
  WEIGHTED: 'Majorité pondérée par les montants',
  DOUBLE_MAJORITY: 'Double majorité des membres et des montants',
};

/** Each rule in one sentence, with the bars of the double majority the bid chose. */
export function ruleMeaning(
  rule: DecisionRule,
  bars: Pick<Convention, 'doubleMajorityMembersPercent' | 'doubleMajorityAmountPercent'>,
): string {
  switch (rule) {
    case 'CONSENSUS':
      return 'La répartition est approuvée quand tous les membres l’approuvent ; une seule objection suffit à la rejeter.';
    case 'MAJORITY':
      return 'Chaque membre dispose d’une voix ; la répartition est approuvée par plus de la moitié des membres.';
    case 'WEIGHTED':
      return 'Chaque membre vote à proportion de son montant dans la répartition ; elle est approuvée par plus de la moitié des montants.';
    case 'DOUBLE_MAJORITY':
      return `La répartition est approuvée par plus de ${bars.doubleMajorityMembersPercent}\u00a0% des membres détenant ensemble plus de ${bars.doubleMajorityAmountPercent}\u00a0% des montants : ni les plus gros membres seuls, ni les plus petits seuls ne l’emportent.`;
  }
}
