import type { BidDocumentModel, ConventionSettings } from '@cordage/domain';
import { CONVENTION_TEMPLATE } from './convention-template.fr';

/** An article of the convention as the PDF prints it: its number, its title, its paragraphs. */
export interface ConventionArticle {
  number: number;
  /** The clause's key in the template (`payment`, `governance`, ...). */
  key: string;
  title: string;
  paragraphs: string[];
}

const EVERY_CLAUSE = CONVENTION_TEMPLATE.clauses.map((clause) => clause.key);

/**
 * Which articles each parameter's value shows in, so that a coordinator editing one sees the
 * articles it changes (convention-articles.spec checks that no other article depends on it).
 */
export const ARTICLES_OF_SETTING: Readonly<Record<keyof ConventionSettings, readonly string[]>> = {
  // The legal frame (French or Belgian law) runs through every article.
  locale: EVERY_CLAUSE,
  paymentFlow: ['mandataire', 'payment', 'invoicing', 'finalSettlement'],
  redistributionDays: ['payment'],
  exitNoticeDays: ['exit'],
  mandataireFeeBasisPoints: ['mandataire', 'commonCosts'],
  steeringMeetingsPerYear: ['governance'],
  quorumPercent: ['governance'],
  decisionRule: ['governance'],
  doubleMajorityMembersPercent: ['governance'],
  doubleMajorityAmountPercent: ['governance'],
  contractNature: ['invoicing', 'commonCosts', 'modifications', 'insurance', 'guarantees'],
  vatRateBasisPoints: ['invoicing'],
  paymentTermDays: ['invoicing'],
  uncoveredWorkRule: ['split'],
};

/**
 * The convention's articles, numbered and worded by the same template as the PDF
 * (renderConventionPdf), for the settings' keys given: those whose articles they change, in the
 * convention's order; every article when no key is given.
 */
export function conventionArticles(
  model: BidDocumentModel,
  settings?: readonly (keyof ConventionSettings)[],
): ConventionArticle[] {
  const wanted = settings && new Set(settings.flatMap((key) => ARTICLES_OF_SETTING[key]));
  const law = CONVENTION_TEMPLATE.legalFrame(model.locale);
  return CONVENTION_TEMPLATE.clauses.flatMap((clause, i) =>
    wanted && !wanted.has(clause.key)
      ? []
      : [
          {
            number: i + 1,
            key: clause.key,
            title: clause.title,
            paragraphs: clause.body(model, law),
          },
        ],
  );
}
