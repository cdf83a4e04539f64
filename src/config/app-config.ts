import * as fs from 'node:fs';
import * as path from 'node:path';

/** Log levels understood by pino. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The whole validated configuration of the app. Everything that varies between machines comes from
 * environment variables and is checked once, at boot, by {@link loadConfig}; nothing else reads
 * `process.env`.
 */
export interface AppConfig {
  port: number;
  host: string;
  /**
   * Fastify's `trustProxy`: whom to believe in X-Forwarded-For for the client address (sign-in
   * throttling, budgets, /metrics). false (default): the TCP peer is the client.
   */
  trustProxy: boolean | number | string[];
  logLevel: LogLevel;
  /**
   * How far V8 lets the heap grow past what the last full collection kept before it collects again,
   * in percent (`--heap-growing-percent`); 0: V8's own choice (up to 300 %). See src/runtime/heap-growth.ts.
   */
  heapGrowingPercent: number;
  /** Where the app keeps its own files in embedded/demo mode (`.data/` under the working directory). */
  dataDir: string;
  database: {
    /** `embedded`: no DATABASE_URL was given, a private PostgreSQL runs under `dataDir`. */
    mode: 'embedded' | 'external';
    /** Filled in by the runtime when the embedded cluster has started. */
    url: string;
    /** Connection used to run migrations (an owner role); defaults to `url`. */
    migrationsUrl: string;
    runMigrations: boolean;
    /**
     * A login role the app connects as (DATABASE_URL) while migrations run as the owner
     * (MIGRATIONS_DATABASE_URL). After migrating, the owner grants it read/write on business tables and
     * only SELECT/INSERT on the ledger tables.
     */
    appRole?: string;
    /**
     * Serve even when DATABASE_URL's role could rewrite the ledger (a superuser, the tables' owner …),
     * with a warning at every start. Off by default: the app refuses to start.
     */
    allowPrivileged: boolean;
    poolSize: number;
    /** Statement timeout in milliseconds for app queries (0 = none). */
    statementTimeoutMs: number;
  };
  auth: {
    jwtSecret: string;
    tokenTtlSeconds: number;
    /** Failures for one account from one client address before that address is locked out of it. */
    lockoutMaxFailures: number;
    /** Failures for one account from all addresses before it is locked for everyone (on the ledger). */
    lockoutAccountMaxFailures: number;
    /** Failures from one client address, whatever the account, before it may not sign in at all. */
    lockoutAddressMaxFailures: number;
    /** How long a lock lasts, and the window failures are counted in. */
    lockoutMinutes: number;
  };
  demo: {
    enabled: boolean;
    password?: string;
  };
  ledger: {
    districtCode: string;
    origin: string;
    keyName: string;
    signingKeyFile: string;
    /** Verifier keys of earlier signing keys (after a rotation), to keep verifying older signatures. */
    previousVerifierKeys: string[];
    checkpointEveryEntries: number;
    checkpointEverySeconds: number;
    /** How long a verifyLedger result is reused while the ledger's rows are unchanged (0 = never). */
    verifyReuseSeconds: number;
  };
  files: {
    dir: string;
    maxBytes: number;
    allowedTypes: string[];
  };
  ownership: {
    publicityMinDays: number;
  };
  pagination: {
    maxPageSize: number;
  };
  metrics: {
    /** METRICS_TOKEN: a bearer token for /metrics; without it /metrics answers loopback clients only. */
    token?: string;
  };
  /** Limits on GraphQL operations, checked before anything executes (see src/graphql/query-limits.ts). */
  graphql: {
    /** NODE_ENV=development: introspection and "did you mean" suggestions for anonymous callers too. */
    development: boolean;
    maxTokens: number;
    maxDepth: number;
    maxFields: number;
    maxAliases: number;
    maxCost: number;
    /** Cost units each caller (user, or client address when anonymous) may spend per minute. */
    budgetPerMinute: number;
  };
  /** Default thresholds of the supervisors' red flags (each can be overridden per query). */
  supervision: {
    undistributedDays: number;
    idleDays: number;
    unconfirmedDays: number;
    maturityDays: number;
    publicityGraceDays: number;
    /** A completed distribution plan must record its result publicity (结果公开) within these days. */
    resultPublicityDays: number;
    /** Rent or dividend unpaid this many days after it fell due is overdue. */
    paymentGraceDays: number;
    /** A contract ending within these days without renewal is flagged. */
    contractEndingDays: number;
  };
  /** The web console served at `/`: the directory `vite build` wrote (dist/web of the checkout). */
  console: {
    dir: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

/** Collects every problem instead of stopping at the first, so one boot shows them all. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string, opts: { pattern?: RegExp; describe?: string } = {}): string {
    const value = this.raw(name) ?? fallback;
    if (opts.pattern && !opts.pattern.test(value)) {
      this.problems.push(
        `${name} must be ${opts.describe ?? `a string matching ${opts.pattern}`} (got '${value}')`,
      );
    }
    return value;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    if (!/^-?\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got '${text}')`);
      return fallback;
    }
    return Number(text);
  }

  bool(name: string, fallback: boolean): boolean {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    if (/^(true|1|yes|on)$/i.test(text)) return true;
    if (/^(false|0|no|off)$/i.test(text)) return false;
    this.problems.push(`${name} must be true or false (got '${text}')`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(text)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got '${text}')`);
      return fallback;
    }
    return text as T;
  }

  url(name: string): string | undefined {
    const text = this.raw(name);
    if (text === undefined) return undefined;
    try {
      const url = new URL(text);
      if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error('protocol');
    } catch {
      this.problems.push(`${name} must be a postgres:// URL`);
    }
    return text;
  }
}

/** TRUST_PROXY: `true`/`false`, a number of proxy hops, or a comma-separated list of addresses/CIDRs. */
function trustProxyOf(r: EnvReader): boolean | number | string[] {
  const text = r.raw('TRUST_PROXY');
  if (text === undefined || /^(false|0|no|off)$/i.test(text)) return false;
  if (/^(true|yes|on)$/i.test(text)) return true;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0 || list.some((a) => !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(a))) {
    r.problems.push(`TRUST_PROXY must be true, false, a number of hops or addresses/CIDRs (got '${text}')`);
    return false;
  }
  return list;
}

/**
 * Reads and validates the configuration. Secrets that embedded mode generates (JWT secret) are passed
 * in by the runtime through `generated`, never defaulted in code.
 */
export function loadConfig(
  env: Env,
  generated: { jwtSecret?: string; databaseUrl?: string } = {},
): AppConfig {
  const r = new EnvReader(env);
  const dataDir = path.resolve(r.string('DATA_DIR', '.data'));
  const databaseUrl = r.url('DATABASE_URL');
  const mode: 'embedded' | 'external' = databaseUrl ? 'external' : 'embedded';
  const url = databaseUrl ?? generated.databaseUrl ?? '';
  const migrationsUrl = r.url('MIGRATIONS_DATABASE_URL') ?? url;

  const jwtSecret = r.raw('JWT_SECRET') ?? generated.jwtSecret;
  if (!jwtSecret) {
    r.problems.push('JWT_SECRET must be set when DATABASE_URL is set (at least 32 characters)');
  } else if (jwtSecret.length < 32) {
    r.problems.push('JWT_SECRET must be at least 32 characters long');
  }

  const districtCode = r.string('LEDGER_DISTRICT_CODE', '500101', {
    pattern: /^\d{6}$/,
    describe: 'a 6-digit district code',
  });
  const metricsToken = r.raw('METRICS_TOKEN');
  if (metricsToken !== undefined && !/^[\x21-\x7e]{16,}$/.test(metricsToken)) {
    r.problems.push('METRICS_TOKEN must be at least 16 printable characters without spaces');
  }
  const demoPassword = r.raw('DEMO_PASSWORD');
  if (demoPassword !== undefined && demoPassword.length < 8) {
    r.problems.push('DEMO_PASSWORD must be at least 8 characters long');
  }

  const config: AppConfig = {
    port: r.int('PORT', 3000, 0, 65535),
    host: r.string('HOST', '0.0.0.0'),
    trustProxy: trustProxyOf(r),
    logLevel: r.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    heapGrowingPercent: r.int('HEAP_GROWING_PERCENT', 50, 0, 1000),
    dataDir,
    database: {
      mode,
      url,
      migrationsUrl,
      runMigrations: r.bool('DB_RUN_MIGRATIONS', true),
      appRole: r.raw('DB_APP_ROLE')
        ? r.string('DB_APP_ROLE', '', {
            pattern: /^[a-z_][a-z0-9_]{0,62}$/,
            describe: 'a lower-case role name',
          })
        : undefined,
      allowPrivileged: r.bool('ALLOW_PRIVILEGED_DB', false),
      poolSize: r.int('DB_POOL_SIZE', 10, 1, 200),
      statementTimeoutMs: r.int('DB_STATEMENT_TIMEOUT_MS', 60_000, 0, 3_600_000),
    },
    auth: {
      jwtSecret: jwtSecret ?? '',
      tokenTtlSeconds: r.int('JWT_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
      lockoutMaxFailures: r.int('LOCKOUT_MAX_FAILURES', 5, 1, 100),
      lockoutAccountMaxFailures: r.int('LOCKOUT_ACCOUNT_MAX_FAILURES', 50, 1, 100_000),
      lockoutAddressMaxFailures: r.int('LOCKOUT_ADDRESS_MAX_FAILURES', 100, 1, 100_000),
      lockoutMinutes: r.int('LOCKOUT_MINUTES', 15, 1, 24 * 60),
    },
    demo: {
      enabled: r.bool('DEMO_DATA', mode === 'embedded'),
      password: demoPassword,
    },
    ledger: {
      districtCode,
      origin: r.string('LEDGER_ORIGIN', `wanzhou.asset-registry.example/ledger/${districtCode}`, {
        pattern: /^[^\s+]+$/,
        describe: 'a key name without spaces or "+"',
      }),
      keyName: r.string('LEDGER_KEY_NAME', `wanzhou.asset-registry.example/ledger/${districtCode}`, {
        pattern: /^[^\s+]+$/,
        describe: 'a key name without spaces or "+"',
      }),
      signingKeyFile: path.resolve(
        r.string('LEDGER_SIGNING_KEY_FILE', path.join(dataDir, 'ledger-signing.key')),
      ),
      previousVerifierKeys: (r.raw('LEDGER_PREVIOUS_VERIFIER_KEYS') ?? '').split(/[\s,]+/).filter(Boolean),
      checkpointEveryEntries: r.int('CHECKPOINT_EVERY_ENTRIES', 1000, 1, 10_000_000),
      checkpointEverySeconds: r.int('CHECKPOINT_EVERY_SECONDS', 300, 0, 7 * 24 * 3600),
      verifyReuseSeconds: r.int('LEDGER_VERIFY_REUSE_SECONDS', 60, 0, 24 * 3600),
    },
    files: {
      dir: path.resolve(r.string('FILES_DIR', path.join(dataDir, 'files'))),
      maxBytes: r.int('FILES_MAX_BYTES', 20 * 1024 * 1024, 1, 1024 * 1024 * 1024),
      allowedTypes: (
        r.raw('FILES_ALLOWED_TYPES') ??
        [
          'application/pdf',
          'image/jpeg',
          'image/png',
          'image/heic',
          'text/csv',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'application/msword',
        ].join(',')
      )
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    },
    ownership: {
      publicityMinDays: r.int('PUBLICITY_MIN_DAYS', 10, 0, 365),
    },
    pagination: {
      maxPageSize: r.int('MAX_PAGE_SIZE', 200, 1, 10_000),
    },
    metrics: {
      token: r.raw('METRICS_TOKEN'),
    },
    graphql: {
      development: r.raw('NODE_ENV') === 'development',
      maxTokens: r.int('GRAPHQL_MAX_TOKENS', 10_000, 100, 1_000_000),
      maxDepth: r.int('GRAPHQL_MAX_DEPTH', 15, 2, 100),
      maxFields: r.int('GRAPHQL_MAX_FIELDS', 500, 10, 100_000),
      maxAliases: r.int('GRAPHQL_MAX_ALIASES', 50, 0, 10_000),
      maxCost: r.int('GRAPHQL_MAX_COST', 10_000, 10, 10_000_000),
      budgetPerMinute: r.int('GRAPHQL_BUDGET_PER_MINUTE', 100_000, 10, 100_000_000),
    },
    supervision: {
      undistributedDays: r.int('FLAG_UNDISTRIBUTED_DAYS', 180, 1, 3650),
      idleDays: r.int('FLAG_IDLE_DAYS', 180, 1, 3650),
      unconfirmedDays: r.int('FLAG_UNCONFIRMED_DAYS', 90, 1, 3650),
      maturityDays: r.int('FLAG_MATURITY_DAYS', 90, 1, 3650),
      publicityGraceDays: r.int('FLAG_PUBLICITY_GRACE_DAYS', 0, 0, 365),
      resultPublicityDays: r.int('FLAG_RESULT_PUBLICITY_DAYS', 15, 0, 365),
      paymentGraceDays: r.int('FLAG_PAYMENT_GRACE_DAYS', 30, 0, 365),
      contractEndingDays: r.int('FLAG_CONTRACT_ENDING_DAYS', 90, 1, 3650),
    },
    console: {
      dir: path.resolve(r.string('CONSOLE_DIR', path.join(packageRoot(), 'dist', 'web'))),
    },
  };

  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

/** The checkout's root (the folder of package.json), from src/config or dist/src/config alike. */
function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
