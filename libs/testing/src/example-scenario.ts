import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type WithTenderDeadline, withDeadlineAhead } from '@cordage/domain';
import { exampleScenarioPath } from './test-env';

/**
 * The example bid as the tests import it: its deadline kept at least 90 days ahead (same day and
 * time, a later year), so that the suite does not expire with the example's own deadline.
 */
export function readExampleScenario(): Record<string, unknown> {
  const example = JSON.parse(readFileSync(exampleScenarioPath(), 'utf8')) as Record<
    string,
    unknown
  > &
    WithTenderDeadline;
  return withDeadlineAhead(example, new Date());
}

let exampleFile: string | undefined;

/** That example as a file, for what reads one: the command line, the web app's upload. */
export function exampleScenarioFile(): string {
  if (exampleFile === undefined) {
    exampleFile = path.join(
      mkdtempSync(path.join(tmpdir(), 'cordage-example-')),
      'colleges-93.json',
    );
    writeFileSync(exampleFile, JSON.stringify(readExampleScenario(), null, 2));
  }
  return exampleFile;
}

/**
 * What the allocation of the example explains to org-003 (Atelier Couleurs d'Est): the solver's
 * own test and the api's end-to-end test expect the same text.
 */
export const EXAMPLE_ORG_003_EXPLANATION =
  "Atelier Couleurs d'Est, lot 3 : 1\u202f750\u00a0h sur les 2\u202f050\u00a0h offertes, " +
  'sur vos territoires principaux, pour 62\u202f195,27\u00a0€ HT (38,89\u00a0% du lot) et ' +
  '175\u00a0h d’insertion ; lot 4 : 1\u202f400\u00a0h sur les 2\u202f000\u00a0h offertes, ' +
  'hors de vos territoires principaux, pour 64\u202f624,03\u00a0€ HT (14,14\u00a0% du lot) ' +
  'et 140\u00a0h d’insertion. En tout, 3\u202f150\u00a0h sur votre offre de 4\u202f050\u00a0h ' +
  '(77,7\u00a0%) ; chaque partenaire a reçu au moins 63,4\u00a0% de son offre.';
