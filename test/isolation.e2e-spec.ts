import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Proves that two e2e files run in parallel without seeing each other's data: a child Jest runs two
 * fixture files with two workers on clones of this run's template. Each fixture waits until the other
 * has written its row before checking it cannot see it, so a serial run would fail, not pass.
 */
describe('test isolation (e2e)', () => {
  it('two files run at the same time, each on its own database', () => {
    const root = path.resolve(__dirname, '..');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isolation-'));
    const config = {
      rootDir: root,
      testMatch: ['<rootDir>/test/fixtures/isolation/*.fixture.ts'],
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
      testEnvironment: 'node',
      maxWorkers: 2,
      testTimeout: 90_000,
    };
    const result = spawnSync(
      process.execPath,
      [require.resolve('jest/bin/jest'), '--config', JSON.stringify(config), '--json', '--ci'],
      { cwd: root, env: { ...process.env, ISOLATION_DIR: dir }, encoding: 'utf8', timeout: 170_000 },
    );
    const report = JSON.parse(result.stdout) as {
      numPassedTests: number;
      numFailedTests: number;
      testResults: Array<{
        name: string;
        startTime: number;
        endTime: number;
        status: string;
        message: string;
      }>;
    };
    expect(report.testResults.map((r) => r.message).filter(Boolean)).toEqual([]);
    expect(report.numFailedTests).toBe(0);
    expect(report.numPassedTests).toBe(2);
    const [a, b] = report.testResults;
    // The two files' runs overlap in time.
    expect(a.startTime).toBeLessThan(b.endTime);
    expect(b.startTime).toBeLessThan(a.endTime);
    const wrote = ['a', 'b'].map((w) => Number(fs.readFileSync(path.join(dir, `${w}-wrote`), 'utf8')));
    expect(wrote).toHaveLength(2);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});
