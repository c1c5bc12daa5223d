import { execFileSync } from 'node:child_process';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../..');

interface Probe {
  filePath: string;
  code: string;
}

/** The rules each probe breaks under the repository's ESLint config, in order. */
function brokenRules(probes: Probe[]): string[][] {
  const output = execFileSync(process.execPath, [path.join(__dirname, 'lint-probes.mjs')], {
    cwd: REPO_ROOT,
    input: JSON.stringify(probes),
    encoding: 'utf8',
  });
  return JSON.parse(output) as string[][];
}

const ARROW_RULES = ['no-restricted-imports', 'import-x/no-restricted-paths'];
const RELATIVE_RULE = 'cordage/no-relative-import-across-projects';
/** Repositories only read and write: no domain rule, no DomainError (eslint.config.mjs). */
const REPOSITORY_RULE = 'no-restricted-syntax';
const REPOSITORY_PROBE = 'libs/persistence/src/repositories/rule-probe.repository.ts';

/** Each probe breaks one arrow, and one of these rules must say so. */
const FORBIDDEN: (Probe & { rules: string[] })[] = [
  {
    filePath: 'libs/domain/src/bids/arrow-probe.ts',
    code: "export { PersistenceModule } from '@cordage/persistence';\n",
    rules: ['no-restricted-imports', 'import-x/no-restricted-paths'],
  },
  {
    filePath: 'libs/domain/src/bids/arrow-probe.ts',
    code: "export { ConfigModule } from '@cordage/config';\n",
    rules: ['no-restricted-imports', 'import-x/no-restricted-paths'],
  },
  {
    filePath: 'libs/documents/src/arrow-probe.ts',
    code: "export { AppModule } from '@cordage/api/app.module';\n",
    rules: ['no-restricted-imports', 'import-x/no-restricted-paths'],
  },
  {
    filePath: 'libs/persistence/src/arrow-probe.ts',
    code: "export { WorkerModule } from '../../../apps/worker/src/worker.module';\n",
    rules: ['import-x/no-restricted-paths', RELATIVE_RULE],
  },
  {
    filePath: 'libs/solver/src/arrow-probe.ts',
    code: "export { ApplicationModule } from '@cordage/application';\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    filePath: 'libs/documents/src/arrow-probe.ts',
    code: "export { PersistenceModule } from '@cordage/persistence';\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    filePath: 'libs/persistence/src/arrow-probe.ts',
    code: "export { HighsLinearSolver } from '@cordage/solver';\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    // The outbox relay and the reconciler moved to the application: the queue adapter stays out.
    filePath: 'libs/queue/src/arrow-probe.ts',
    code: "export { OutboxRepository } from '@cordage/persistence';\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    // The demo mailbox is kept by the delivery (worker), not by the transport.
    filePath: 'libs/mail/src/arrow-probe.ts',
    code: "export { MailLogRepository } from '@cordage/persistence';\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    filePath: 'libs/domain/src/bids/arrow-probe.ts',
    code: "export { ConfigModule } from '../../../config/src';\n",
    rules: ['import-x/no-restricted-paths', RELATIVE_RULE],
  },
  {
    // An arrow that is allowed, written relatively: the alias is the only way in.
    filePath: 'apps/api/src/bids/arrow-probe.ts',
    code: "export { DomainError } from '../../../../libs/domain/src';\n",
    rules: [RELATIVE_RULE],
  },
  {
    filePath: 'apps/worker/src/arrow-probe.ts',
    code: "export { AppModule } from '@cordage/api/app.module';\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    filePath: 'apps/api/src/arrow-probe.ts',
    code: "export { openTestPersistence } from '@cordage/testing';\n",
    rules: ['import-x/no-restricted-paths'],
  },
  // A repository that decides, refuses, hashes or makes secrets: the use case's job.
  ...['doubleMajorityOf', 'duplicateTenderError', 'chainHash', 'newSecret', 'DomainErrorCode'].map(
    (name) => ({
      filePath: REPOSITORY_PROBE,
      code: `import { ${name} } from '@cordage/domain';\nexport const probe = ${name};\n`,
      rules: [REPOSITORY_RULE],
    }),
  ),
  {
    // Two rules' worth in one file: the import, and building the refusal.
    filePath: REPOSITORY_PROBE,
    code:
      "import { DomainError } from '@cordage/domain';\n" +
      "export const probe = () => new DomainError('NOT_FOUND' as never, 'introuvable');\n",
    rules: [REPOSITORY_RULE, REPOSITORY_RULE],
  },
];

const ALLOWED: Probe[] = [
  {
    filePath: 'libs/domain/src/bids/arrow-probe.ts',
    code: "export { DomainError } from '../errors';\n",
  },
  {
    filePath: 'libs/solver/src/arrow-probe.ts',
    code: "export { DomainError } from '@cordage/domain';\n",
  },
  {
    filePath: 'libs/application/src/arrow-probe.ts',
    code: "export { PersistenceModule } from '@cordage/persistence';\n",
  },
  {
    filePath: 'libs/documents/src/arrow-probe.spec.ts',
    code: "export { normalise } from '@cordage/testing';\n",
  },
  {
    // Types, and the mappers and constants on the list, are a repository's to use.
    filePath: REPOSITORY_PROBE,
    code:
      "import { type DomainErrorCode, conventionSettingsSchema } from '@cordage/domain';\n" +
      "import type { BidStatus } from '@cordage/domain';\n" +
      'export const probe = conventionSettingsSchema;\n' +
      'export type Probe = BidStatus | DomainErrorCode;\n',
  },
  {
    // Tests next to the repositories may build what they need.
    filePath: 'libs/persistence/src/repositories/rule-probe.repository.int-spec.ts',
    code: "import { hashSecret } from '@cordage/domain';\nexport const probe = hashSecret;\n",
  },
];

describe('the architecture arrows, enforced by lint', () => {
  // One ESLint run for every probe: loading the config and resolving the aliases takes seconds.
  const probes = [...FORBIDDEN, ...ALLOWED];
  let results: string[][];
  beforeAll(() => {
    results = brokenRules(probes.map(({ filePath, code }) => ({ filePath, code })));
  });

  it.each(FORBIDDEN.map((probe, index) => [probe.filePath, probe.code.trim(), index] as const))(
    '%s refuses `%s`',
    (_filePath, _code, index) => {
      const broken = results[index]?.filter((rule) =>
        [...ARROW_RULES, RELATIVE_RULE, REPOSITORY_RULE].includes(rule),
      );
      expect(broken?.sort()).toEqual(FORBIDDEN[index]?.rules.sort());
    },
  );

  it.each(ALLOWED.map((probe, index) => [probe.filePath, probe.code.trim(), index] as const))(
    '%s accepts `%s`',
    (_filePath, _code, index) => {
      expect(results[FORBIDDEN.length + index]).toEqual([]);
    },
  );
});
