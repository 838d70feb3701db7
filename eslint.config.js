// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The core never talks to Slack: keep it importable by the CLI and tests alone.
    files: ['src/core/**/*.ts', 'src/llm/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@slack/*'], message: 'src/core and src/llm must not depend on Slack.' }] }],
    },
  },
);
