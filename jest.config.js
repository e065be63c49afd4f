/**
 * Two projects:
 *  - unit: pure modules, tests beside the code in __tests__/ (no Strapi boot);
 *  - api:  a real Strapi booted per test file on a temporary SQLite database (tests/).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2022',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  // Booting Strapi takes seconds; API test files get generous hooks.
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)sx?$': swc },
      testMatch: ['<rootDir>/src/**/__tests__/**/*.test.ts', '<rootDir>/scripts/**/__tests__/**/*.test.ts'],
      modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
    },
    {
      displayName: 'api',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)sx?$': swc },
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
    },
  ],
};
