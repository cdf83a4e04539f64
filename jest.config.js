/** Two projects: `unit` (pure logic beside the code) and `e2e` (the real app over HTTP on a real PostgreSQL). */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.jest.json' }];
const common = {
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1', '^@web/(.*)$': '<rootDir>/web/src/$1' },
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: [
        '<rootDir>/src/**/*.spec.ts',
        '<rootDir>/bench/**/*.spec.ts',
        '<rootDir>/web/src/**/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/busy-connection.ts'],
      slowTestThreshold: 30,
    },
  ],
  testTimeout: 60000,
  maxWorkers: 2,
};
