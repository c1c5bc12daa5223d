// @ts-check
import path from 'node:path';
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** What the pure domain must never import: frameworks, drivers, renderers. */
const INFRASTRUCTURE = ['@nestjs/*', 'typeorm', 'typeorm/*', 'bullmq', 'ioredis', 'pg', 'pdfkit'];

/** The apps, by the names a lib could use to reach them. */
const APP_NAMES = ['api', 'worker', 'cli', 'web'].flatMap((app) => [
  `@cordage/${app}`,
  `@cordage/${app}/*`,
]);

const ADAPTERS = ['libs/persistence', 'libs/documents', 'libs/solver', 'libs/mail', 'libs/queue'];
const LIBS = ['libs/domain', 'libs/config', ...ADAPTERS, 'libs/application', 'libs/testing'];
const APPS = ['apps/api', 'apps/worker', 'apps/cli', 'apps/web'];

/**
 * The dependency arrows (docs/architecture.md): each project and the projects it may import.
 * They point inward: apps -> application -> adapters -> domain; config is read by everyone.
 */
const ARROWS = {
  'libs/domain': [],
  'libs/config': [],
  ...Object.fromEntries(ADAPTERS.map((adapter) => [adapter, ['libs/domain', 'libs/config']])),
  'libs/application': ['libs/domain', 'libs/config', ...ADAPTERS],
  'libs/testing': ['libs/domain', 'libs/config', ...ADAPTERS, 'libs/application'],
  'apps/api': ['libs/domain', 'libs/config', ...ADAPTERS, 'libs/application'],
  'apps/worker': ['libs/domain', 'libs/config', ...ADAPTERS, 'libs/application'],
  'apps/cli': ['libs/domain', 'libs/config', ...ADAPTERS, 'libs/application'],
  // The browser shares the domain's pure helpers; everything else comes over HTTP.
  'apps/web': ['libs/domain'],
};

/** Tests and their fixtures may also use the test harness and build inputs with any adapter. */
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.fixture.ts'];

/**
 * The domain's values a repository may use: row mappers, schemas, constants and formatters, no
 * rule. Anything else (a decision, a DomainError, a hash, a secret) belongs to the use case.
 */
const REPOSITORY_DOMAIN_VALUES = [
  'ACTIVE_CHANGE_REQUEST_STATUSES',
  'LEFT_MEMBER_STATUSES',
  'OPEN_BID_STATUSES',
  'REPRESENTATION_ROLES',
  'SCENARIO_FORMAT',
  'cellKey',
  'conventionSettingsSchema',
  'legalEntityOf',
  'memberRoles',
  'normalizeIdentifier',
  'parseTerritoryCode',
  'principalOf',
  'procurementTimeZone',
  'required',
  'tenderRefOf',
  'toZonedIso',
];

/** One import-x/no-restricted-paths zone per project: everything it may not import. */
function arrowZones({ forTests }) {
  return Object.entries(ARROWS).map(([project, allowed]) => {
    const permitted = new Set([project, ...allowed]);
    if (forTests && project !== 'libs/domain') {
      for (const lib of LIBS) permitted.add(lib);
    }
    return {
      target: `./${project}`,
      from: [...LIBS, ...APPS]
        .filter((other) => !permitted.has(other))
        .map((other) => `./${other}`),
      message: `${project} may import only ${allowed.length ? allowed.join(', ') : 'its own files'} (docs/architecture.md).`,
    };
  });
}

/** The project a file belongs to: apps/<name>, libs/<name>, or a top-level folder (tests, bench). */
function projectOf(file) {
  const [top, name] = path.relative(import.meta.dirname, file).split(path.sep);
  return top === 'apps' || top === 'libs' ? `${top}/${name}` : top;
}

/** A relative import stays inside its project; another project is reached by its alias. */
const noRelativeImportAcrossProjects = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      across:
        "'{{source}}' leaves {{from}} for {{to}}: import another project through its @cordage/* alias.",
    },
  },
  create(context) {
    const file = context.physicalFilename;
    const from = projectOf(file);
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = projectOf(path.resolve(path.dirname(file), source));
      if (to !== from)
        context.report({ node: node.source, messageId: 'across', data: { source, from, to } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'bin/**',
      'jest.config.js',
      'tests/lint/lint-probes.mjs',
      'eslint.config.mjs',
      'apps/web/dist/**',
      'apps/web/vite.config.mts',
      'apps/web/src/api/schema.d.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: {
      'import-x': importX,
      cordage: { rules: { 'no-relative-import-across-projects': noRelativeImportAcrossProjects } },
    },
    settings: {
      // The import rules parse each dependency themselves: tell them how to read TypeScript.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['./tsconfig.json', './apps/web/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Already in recommendedTypeChecked; said here so that a preset change cannot drop them.
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
      'cordage/no-relative-import-across-projects': 'error',
    },
  },
  {
    files: ['{apps,libs}/**/*.{ts,tsx}'],
    ignores: TEST_FILES,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: import.meta.dirname, zones: arrowZones({ forTests: false }) },
      ],
    },
  },
  {
    files: TEST_FILES.map((pattern) => `{apps,libs}/${pattern}`),
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: import.meta.dirname, zones: arrowZones({ forTests: true }) },
      ],
    },
  },
  {
    // By name too, so that an alias that does not resolve (yet) is refused all the same.
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: APP_NAMES, message: 'A lib never imports an app.' }] },
      ],
    },
  },
  {
    // Repositories only read and write: the rules and the refusals are the use cases' (libs/application)
    // and the domain's. From the domain they take types, and values that map rows (schemas,
    // constants, formatters, key builders) from this list only; a DomainError is never built here.
    files: ['libs/persistence/src/repositories/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `ImportDeclaration[source.value='@cordage/domain'][importKind!='type'] > ImportSpecifier[importKind!='type']:not([imported.name=/^(${REPOSITORY_DOMAIN_VALUES.join('|')})$/])`,
          message:
            'A repository only reads and writes: ask the domain and refuse in the use case (libs/application). Mappers and constants go on REPOSITORY_DOMAIN_VALUES (eslint.config.mjs).',
        },
        {
          selector: "NewExpression[callee.name='DomainError']",
          message: 'A repository returns the facts; the use case throws the DomainError.',
        },
      ],
    },
  },
  {
    // Decorated Nest classes need their constructor parameter types at runtime.
    files: [
      'apps/{api,worker,cli}/**/*.ts',
      'libs/{application,persistence,queue,config,testing,documents,mail,solver}/**/*.ts',
    ],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // DTOs come from common/zod-dto.ts, which makes their nullable fields say so in the document.
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/common/zod-dto.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'nestjs-zod',
              importNames: ['createZodDto'],
              message: 'Use createZodDto from apps/api/src/common/zod-dto.ts (nullable fields).',
            },
          ],
        },
      ],
    },
  },
  {
    // The web app: React's rules of hooks, and no Node.js in the browser.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: INFRASTRUCTURE,
              message: 'libs/domain stays pure: put adapters in another lib.',
            },
            {
              group: ['@cordage/*'],
              message: 'libs/domain imports no other project: the others import it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      'tests/**/*.ts',
      'bench/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
