import fc from 'fast-check';
import {
  type BidDocumentModel,
  CONTRACT_NATURES,
  CONVENTION_LOCALES,
  type ConventionSettings,
  DECISION_RULES,
  PAYMENT_FLOWS,
  UNCOVERED_WORK_RULES,
} from '@cordage/domain';
import { ARTICLES_OF_SETTING, conventionArticles } from './convention-articles';
import { CONVENTION_TEMPLATE } from './convention-template.fr';
import { model } from './convention-text.fixture';

/** A model whose lot leaves some work uncovered, so that every parameter shows somewhere. */
const withSettings = (settings: ConventionSettings): BidDocumentModel =>
  model((m) => {
    m.settings = settings;
    m.lots = [
      {
        number: 1,
        title: 'Lot 1',
        nature: 'Peinture',
        amountCents: 1_000_000,
        insertionHours: 100,
        demandHours: 1000,
        places: [],
        shares: [],
        uncovered: {
          hours: 50,
          amountCents: 50_000,
          insertionHours: 5,
          territories: [],
          places: [],
        },
      },
    ];
  });

const settingsArb: fc.Arbitrary<ConventionSettings> = fc.record({
  locale: fc.constantFrom(...CONVENTION_LOCALES),
  paymentFlow: fc.constantFrom(...PAYMENT_FLOWS),
  redistributionDays: fc.integer({ min: 1, max: 90 }),
  exitNoticeDays: fc.integer({ min: 0, max: 365 }),
  mandataireFeeBasisPoints: fc.integer({ min: 0, max: 2_000 }),
  steeringMeetingsPerYear: fc.integer({ min: 1, max: 52 }),
  quorumPercent: fc.integer({ min: 1, max: 100 }),
  decisionRule: fc.constantFrom(...DECISION_RULES),
  doubleMajorityMembersPercent: fc.integer({ min: 50, max: 99 }),
  doubleMajorityAmountPercent: fc.integer({ min: 50, max: 99 }),
  contractNature: fc.constantFrom(...CONTRACT_NATURES),
  vatRateBasisPoints: fc.integer({ min: 0, max: 3_000 }),
  paymentTermDays: fc.integer({ min: 1, max: 120 }),
  uncoveredWorkRule: fc.constantFrom(...UNCOVERED_WORK_RULES),
});

const textOf = (settings: ConventionSettings) =>
  new Map(conventionArticles(withSettings(settings)).map((a) => [a.key, a.paragraphs.join('\n')]));

describe('the convention’s articles', () => {
  it('are the template’s clauses, numbered as the PDF numbers them', () => {
    const articles = conventionArticles(withSettings(model().settings));
    expect(articles.map((a) => a.number)).toEqual(CONVENTION_TEMPLATE.clauses.map((_, i) => i + 1));
    const governance = articles.find((a) => a.key === 'governance');
    expect(governance).toMatchObject({ number: 4, title: 'Gouvernance' });
  });

  it('keep only those a parameter changes, in the convention’s order', () => {
    const articles = conventionArticles(withSettings(model().settings), [
      'exitNoticeDays',
      'paymentFlow',
    ]);
    expect(articles.map((a) => a.key)).toEqual([
      'mandataire',
      'payment',
      'invoicing',
      'exit',
      'finalSettlement',
    ]);
    expect(conventionArticles(withSettings(model().settings), [])).toEqual([]);
  });

  it('change, when one parameter changes, only among the articles listed for it', () => {
    const keys = Object.keys(ARTICLES_OF_SETTING) as (keyof ConventionSettings)[];
    fc.assert(
      fc.property(settingsArb, settingsArb, fc.constantFrom(...keys), (before, other, key) => {
        const after = { ...before, [key]: other[key] };
        const a = textOf(before);
        const b = textOf(after);
        const changed = [...a.keys()].filter((clause) => a.get(clause) !== b.get(clause));
        expect(ARTICLES_OF_SETTING[key]).toEqual(expect.arrayContaining(changed));
      }),
      { numRuns: 300 },
    );
  });

  it('state the double majority and its two bars in the governance article', () => {
    const [governance] = conventionArticles(
      withSettings({
        ...model().settings,
        decisionRule: 'DOUBLE_MAJORITY',
        doubleMajorityMembersPercent: 60,
      }),
      ['decisionRule'],
    );
    expect(governance?.paragraphs.join(' ')).toContain(
      'Il décide selon la règle suivante : double majorité des membres et des montants : une ' +
        'décision est adoptée lorsqu’elle est approuvée à la fois par plus de 60\u00a0% des ' +
        'membres, chacun disposant d’une voix, et par des membres détenant ensemble plus de ' +
        '50\u00a0% du montant des prestations réparties entre eux à l’annexe A',
    );
  });
});
