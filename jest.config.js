/**
 * Jest in native ESM mode (NestJS 12 is ESM-only): run through `npm test`, which sets
 * --experimental-vm-modules. Three tiers share this config: *.spec.ts (units, no DB),
 * *.integration-spec.ts (SQLite + Postgres), test/*.e2e-spec.ts (connector + simulator over HTTP).
 */
export default {
  // Node's, keeping each test's output and printing it only when the test fails (test/support/test-environment.mjs).
  testEnvironment: '<rootDir>/test/support/test-environment.mjs',
  setupFilesAfterEnv: ['<rootDir>/test/support/capture-output.ts'],
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '\\.(spec|integration-spec|e2e-spec)\\.ts$',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^#common/testing$': '<rootDir>/libs/common/src/testing/index.ts',
    '^#(common|marketplacer|anymarket)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  maxWorkers: 2,
  testTimeout: 30000,
  verbose: false,
};
