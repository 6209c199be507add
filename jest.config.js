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
    '^#test-support/(.*)$': '<rootDir>/test/support/$1.ts',
    '^#common/testing$': '<rootDir>/libs/common/src/testing/index.ts',
    '^#(common|marketplacer|anymarket)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  maxWorkers: 2,
  // A worker's heap grows by some 30 MB per test file that boots Nest apps (module registries of native
  // ESM suites are not all released), to 2–3 GB after ~65 files, and a process that large takes more
  // than Jest's 500 ms to exit on a busy machine: the "failed to exit gracefully" warning, with no
  // handle left open (measured at the end message: only the worker's stdio and IPC pipes). So a worker
  // past 1 GB after a file is replaced by a fresh one (between files, never during one), and the last
  // exit gets 5 s: a handle left open would still hold a worker past it and print the warning.
  workerIdleMemoryLimit: '1GB',
  workerGracefulExitTimeout: 5000,
  testTimeout: 30000,
  verbose: false,
};
