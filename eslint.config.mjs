// ESLint (flat config): typescript-eslint's recommended rules, formatting left to Prettier.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'build/',
      '.cache/',
      '.tmp/',
      '.strapi/',
      'coverage/',
      'types/generated/',
      'public/',
      'database/migrations/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, strapi: 'readonly' } },
    rules: {
      // `_`-prefixed names are deliberately unused (a parameter a signature needs).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // CommonJS scripts and Strapi's own entry files.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node, strapi: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Server code logs through strapi.log with a [scheduler] prefix.
    files: ['src/**/*.ts'],
    ignores: ['src/**/__tests__/**', 'src/admin/**', 'src/plugins/*/admin/**'],
    rules: { 'no-console': 'error' },
  },
  {
    // The product's code: an `any` only where a Strapi type is really missing, with an
    // eslint-disable comment saying why (tests, benchmarks and drills may use it freely).
    files: ['src/**/*.{ts,tsx}', 'config/**/*.ts'],
    ignores: ['src/**/__tests__/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    files: ['src/admin/**/*.{ts,tsx}', 'src/plugins/*/admin/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Tests, benchmarks, drills and scripts load Strapi lazily, after setting its environment.
    files: ['tests/**', 'bench/**', 'drill/**', 'scripts/**', '**/__tests__/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier
);
