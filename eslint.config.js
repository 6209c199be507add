// ESLint (flat config): typescript-eslint's recommended rules plus the type-aware promise rules (a
// forgotten promise is an unhandled failure in a background job); formatting is Prettier's.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import house from './eslint/house-boundaries.js';

const TESTS = ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', '**/testing/**/*.ts'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'libs/marketplacer/src/contract/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  { languageOptions: { globals: { ...globals.node } } },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // The house's import boundaries (ADR 0018): contexts meet through their entry files, libs never import apps.
  { files: ['apps/**/*.ts', 'libs/**/*.ts'], plugins: { house }, rules: { 'house/import-boundaries': 'error' } },
  // Tests read untyped JSON answers (GraphQL data, control APIs) and walk them freely.
  { files: TESTS, languageOptions: { globals: { ...globals.jest } }, rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
