// Five projects: unit (pure, fast, no I/O), integration (real Postgres), e2e (real app, Postgres,
// Redis and worker), bench (every benchmark at its smallest size, in its own process), browser
// (the built web app in Chromium against all of them). `npm test` runs them all through
// scripts/test.sh.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// ESM-only packages (@libpdf/core and its dependencies, pkijs 4, asn1js 4): jest's CommonJS
// runtime cannot load them, so SWC compiles them to CommonJS like our own code.
const esmPackages = [
  '@libpdf',
  '@noble',
  '@scure',
  '@peculiar/utils',
  'pkijs',
  'asn1js',
  'bytestreamjs',
  'lru-cache',
];
const swcEsm = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  },
];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, '/node_modules/.+\\.m?js$': swcEsm },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@cordage/(api|worker)/(.*)$': '<rootDir>/apps/$1/src/$2',
    // The web app's pure helpers of the domain, as apps/web/tsconfig.json maps them.
    '^@cordage/domain/french-decimal$': '<rootDir>/libs/domain/src/texts/french-decimal.ts',
    '^@cordage/domain/share-percent$': '<rootDir>/libs/domain/src/allocation/share-percent.ts',
    '^@cordage/([a-z-]+)$': '<rootDir>/libs/$1/src',
  },
};

// Timeouts fit a loaded 2-core machine, where real Postgres work, a worker process or a command
// compiling TypeScript at start-up takes many times what it takes on an idle one; jest's 5 s
// default failed there. jest-circus ignores a project's `testTimeout`, so a setup file applies it.
const withTimeout = (project, timeoutMs) => ({
  ...project,
  globals: { CORDAGE_TEST_TIMEOUT_MS: timeoutMs },
  setupFilesAfterEnv: ['<rootDir>/libs/testing/src/test-timeout.setup.ts'],
});

// The database-backed projects: a migrated database and a Redis prefix of their own per run.
const withDatabase = {
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
};

module.exports = {
  projects: [
    withTimeout(
      {
        ...common,
        displayName: 'unit',
        testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/tests/lint/*.spec.ts'],
      },
      30_000,
    ),
    withTimeout(
      {
        ...common,
        ...withDatabase,
        displayName: 'integration',
        testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      },
      120_000,
    ),
    withTimeout(
      {
        ...common,
        ...withDatabase,
        displayName: 'e2e',
        testMatch: ['<rootDir>/tests/e2e/**/*.e2e-spec.ts'],
      },
      180_000,
    ),
    // Each bench makes its own database when it needs one: no shared setup.
    withTimeout(
      {
        ...common,
        displayName: 'bench',
        testMatch: ['<rootDir>/tests/bench/**/*.bench-spec.ts'],
      },
      600_000,
    ),
    withTimeout(
      {
        ...common,
        ...withDatabase,
        displayName: 'browser',
        testMatch: ['<rootDir>/tests/browser/**/*.browser-spec.ts'],
      },
      600_000,
    ),
  ],
};
