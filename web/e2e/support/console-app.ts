import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppServer, freePort } from './app-server';
import { adminQuery, cloneDatabase, withDatabase } from './database';
import { BrowserTestEnvironment, readEnvironment, serverEnv } from './environment';

export interface GqlResult<T> {
  data: T | null;
  errors?: Array<{ message: string; extensions: { code: string; reason?: string } }>;
}

/**
 * The app of one browser test file: a clone of the demo template and the real app (dist/src/main.js,
 * serving the built console) on it. Tests click in the browser, then check the database through the
 * API as a person with the right role would (`as(username).gql(…)`).
 */
export class ConsoleApp {
  readonly env: BrowserTestEnvironment = readEnvironment();
  private server?: AppServer;
  private database?: string;
  private tokens = new Map<string, string>();
  /** With a movable clock: the file whose milliseconds the app's Date runs ahead by (server-clock.cjs). */
  private clockFile?: string;

  get url(): string {
    if (!this.server) throw new Error('the app of this file has not started');
    return this.server.url;
  }

  get demoPassword(): string {
    return this.env.demoPassword;
  }

  /**
   * Clones the template and starts the app on it; with `movableClock`, the app's Date can be moved
   * forward by {@link moveClock} (for what only happens days later: the end of a publicity).
   */
  async start(label: string, options: { movableClock?: boolean } = {}): Promise<void> {
    this.database = `${this.env.databasePrefix}_${randomBytes(5).toString('hex')}`;
    await cloneDatabase(
      this.env.serverUrl,
      this.env.templateDatabase,
      this.database,
      this.env.roles.owner.name,
    );
    const port = await freePort();
    const clock: Record<string, string> = {};
    if (options.movableClock) {
      this.clockFile = path.join(this.env.runDir, `clock-${this.database}`);
      fs.writeFileSync(this.clockFile, '0');
      clock.BROWSER_TEST_CLOCK_FILE = this.clockFile;
      clock.NODE_OPTIONS = `--require ${path.join(__dirname, 'server-clock.cjs')}`;
    }
    this.server = await AppServer.start(
      // The app connects as the run's app role, which may only read and append to the ledger.
      serverEnv(this.env, withDatabase(this.env.serverUrl, this.database, this.env.roles.app), port, clock),
      path.join(this.env.runDir, 'logs', `${label.replace(/[^A-Za-z0-9._-]+/g, '_')}-${port}.log`),
    );
  }

  /**
   * Moves the app's clock (its Date only) to `days` after the real time: never back, so that what it
   * records stays in order. Tokens signed before are then expired: sign in again (as() does).
   */
  async moveClock(days: number): Promise<void> {
    if (!this.clockFile) throw new Error('start the app with { movableClock: true } to move its clock');
    const offset = days * 86_400_000;
    fs.writeFileSync(this.clockFile, String(offset));
    this.tokens.clear();
    // The app reads the file again within 100 ms: wait until a token it signs says so.
    for (let attempt = 0; ; attempt++) {
      const { expiresAt } = await this.login('auditor');
      if (Date.parse(expiresAt) > Date.now() + offset) return;
      if (attempt > 50) throw new Error('the app did not take the moved clock');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Checks that the ledger verifies and reconciles after the file, then stops the app and drops its database. */
  async stop(options: { checkLedger: boolean } = { checkLedger: true }): Promise<void> {
    try {
      if (options.checkLedger && this.server) await this.assertLedgerSound();
    } finally {
      await this.server?.stop();
      if (this.database) {
        await adminQuery(this.env.serverUrl, `DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`);
      }
      if (this.clockFile) fs.rmSync(this.clockFile, { force: true });
      this.server = undefined;
      this.database = undefined;
      this.clockFile = undefined;
    }
  }

  async gql<T>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GqlResult<T>> {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResult<T>;
  }

  /** Signs in through the API (cached per user and password) and returns the token and its expiry. */
  async login(
    username: string,
    password = this.env.demoPassword,
  ): Promise<{ accessToken: string; expiresAt: string }> {
    const res = await this.gql<{ login: { accessToken: string; expiresAt: string } }>(
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken expiresAt } }',
      { u: username, p: password },
    );
    if (!res.data) throw new Error(`login ${username} failed: ${JSON.stringify(res.errors)}`);
    return res.data.login;
  }

  /** A GraphQL caller signed in as a user, to check through the API what a test did in the browser. */
  async as(
    username: string,
    password?: string,
  ): Promise<{
    gql: <T>(q: string, v?: Record<string, unknown>) => Promise<T>;
    upload: (bytes: Buffer, name: string, type?: string) => Promise<string>;
  }> {
    const key = `${username}\u0000${password ?? ''}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = (await this.login(username, password)).accessToken;
      this.tokens.set(key, token);
    }
    const bearer = token;
    return {
      gql: async <T>(q: string, v: Record<string, unknown> = {}): Promise<T> => {
        const res = await this.gql<T>(q, v, bearer);
        if (!res.data) throw new Error(`query failed: ${JSON.stringify(res.errors)}`);
        return res.data;
      },
      /** Stores a file through `POST /files` as this user and returns its id. */
      upload: async (bytes: Buffer, name: string, type = 'application/pdf'): Promise<string> => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
        const res = await fetch(`${this.url}/files`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}` },
          body: form,
        });
        if (res.status !== 201) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
        return ((await res.json()) as { id: string }).id;
      },
    };
  }

  /** verifyLedger and reconcile are both ok, as the auditor sees them through the API. */
  async assertLedgerSound(): Promise<void> {
    const auditor = await this.as('auditor');
    const { verifyLedger, reconcile } = await auditor.gql<{
      verifyLedger: { ok: boolean; treeSize: number; problems: unknown[] };
      reconcile: { ok: boolean; differences: unknown[] };
    }>(
      '{ verifyLedger { ok treeSize problems { index kind message } } reconcile { ok differences { entityType entityId kind } } }',
    );
    if (!verifyLedger.ok || !reconcile.ok) {
      throw new Error(
        `the ledger is not sound after this file: ${JSON.stringify({ problems: verifyLedger.problems, differences: reconcile.differences }).slice(0, 2000)}`,
      );
    }
  }
}
