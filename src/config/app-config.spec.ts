import { ConfigError, loadConfig } from './app-config';

const external = { DATABASE_URL: 'postgres://u@h/db', JWT_SECRET: 'x'.repeat(32) };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('accepts a complete external configuration with defaults', () => {
    const config = loadConfig(external);
    expect(config.database.mode).toBe('external');
    expect(config.port).toBe(3000);
    expect(config.auth.lockoutMaxFailures).toBe(5);
    expect(config.auth.lockoutMinutes).toBe(15);
    expect(config.demo.enabled).toBe(false);
    expect(config.ledger.origin).toBe('wanzhou.asset-registry.example/ledger/500101');
  });

  it('bounds the heap growth at 50 % unless told otherwise (0: V8 decides)', () => {
    expect(loadConfig(external).heapGrowingPercent).toBe(50);
    expect(loadConfig({ ...external, HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(loadConfig({ ...external, HEAP_GROWING_PERCENT: '100' }).heapGrowingPercent).toBe(100);
    expect(problems({ ...external, HEAP_GROWING_PERCENT: '-1' })).toEqual([
      expect.stringContaining('HEAP_GROWING_PERCENT'),
    ]);
    expect(problems({ ...external, HEAP_GROWING_PERCENT: 'lots' })).toEqual([
      expect.stringContaining('HEAP_GROWING_PERCENT'),
    ]);
  });

  it('is in embedded mode without DATABASE_URL, with demo data and the generated secret', () => {
    const config = loadConfig({}, { jwtSecret: 'g'.repeat(40), databaseUrl: 'postgres://x/y' });
    expect(config.database.mode).toBe('embedded');
    expect(config.demo.enabled).toBe(true);
    expect(config.auth.jwtSecret).toBe('g'.repeat(40));
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ JWT_TTL_SECONDS: '5' }, 'JWT_TTL_SECONDS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA'],
    [{ LOCKOUT_MAX_FAILURES: '0' }, 'LOCKOUT_MAX_FAILURES'],
    [{ LEDGER_DISTRICT_CODE: '5001' }, 'LEDGER_DISTRICT_CODE'],
    [{ LEDGER_ORIGIN: 'has space' }, 'LEDGER_ORIGIN'],
    [{ DB_APP_ROLE: 'Bad Role' }, 'DB_APP_ROLE'],
    [{ DEMO_PASSWORD: 'short' }, 'DEMO_PASSWORD'],
  ])('a bad value stops the boot with a message naming the variable: %j', (bad, variable) => {
    const found = problems({ ...external, ...bad });
    expect(found).toHaveLength(1);
    expect(found[0].startsWith(variable)).toBe(true);
  });

  it('an external database needs a JWT secret', () => {
    expect(problems({ DATABASE_URL: 'postgres://u@h/db' })).toEqual([
      'JWT_SECRET must be set when DATABASE_URL is set (at least 32 characters)',
    ]);
  });

  it('reports every problem at once', () => {
    expect(problems({ ...external, PORT: 'x', LOG_LEVEL: 'y' })).toHaveLength(2);
  });
});
