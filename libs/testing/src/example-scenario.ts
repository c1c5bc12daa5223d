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
