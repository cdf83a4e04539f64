import { Client } from 'pg';
import { LEDGER_TABLES } from '../../migrations';

/**
 * Least privilege. Two roles work on the app's database:
 * - the **owner** owns every table, runs the migrations (MIGRATIONS_DATABASE_URL) and grants;
 * - the **app role** serves the requests (DATABASE_URL): SELECT/INSERT/UPDATE/DELETE on business tables,
 *   only SELECT/INSERT on the ledger tables; it cannot disable triggers (it owns nothing), cannot
 *   `SET session_replication_role` (not a superuser), so neither a bug nor an attacker in the app can
 *   rewrite history.
 * `provisionDatabase` sets this up as a superuser (the embedded PostgreSQL of `npm start`, the test
 * harness); `inspectPrivileges` is what the app checks at every start.
 */

export interface RoleLogin {
  name: string;
  password: string;
}

export interface ProvisionedDatabase {
  /** The owner's URL of the database (migrations). */
  ownerUrl: string;
  /** The app role's URL of the database (requests). */
  appUrl: string;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const quoteLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** `url` with another database and, optionally, other credentials. */
export function databaseUrl(url: string, database: string, login?: RoleLogin): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (login) {
    u.username = encodeURIComponent(login.name);
    u.password = encodeURIComponent(login.password);
  }
  return u.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a login role, or brings an existing one back to LOGIN, no special attributes and `password`. */
export async function ensureLoginRole(client: Client, login: RoleLogin): Promise<void> {
  if (!ROLE_NAME.test(login.name)) throw new Error(`not a plain role name: ${login.name}`);
  const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${quoteLiteral(login.password)}`;
  const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login.name]);
  try {
    await client.query(
      found.rowCount === 0
        ? `CREATE ROLE ${quoteIdent(login.name)} ${attributes}`
        : `ALTER ROLE ${quoteIdent(login.name)} ${attributes}`,
    );
  } catch (error) {
    // Two processes creating the same role at once: the other one won, which is as good.
    if ((error as { code?: string }).code !== '23505' && (error as { code?: string }).code !== '42710')
      throw error;
  }
}

/**
 * As a superuser (`superuserUrl`, any database of the server): makes sure both roles exist with the
 * given passwords, that `database` exists and belongs to the owner, and that every object already in
 * its `public` schema belongs to the owner (a database made before the roles existed, e.g. by an older
 * `npm start` that served as `postgres`). Idempotent. Grants to the app role are made by the migration
 * run (`runMigrations(ownerUrl, appRole)`), after the tables exist.
 */
export async function provisionDatabase(
  superuserUrl: string,
  database: string,
  roles: { owner: RoleLogin; app: RoleLogin },
  options: { template?: string } = {},
): Promise<ProvisionedDatabase> {
  if (!ROLE_NAME.test(database)) throw new Error(`not a plain database name: ${database}`);
  await withClient(superuserUrl, async (client) => {
    await ensureLoginRole(client, roles.owner);
    await ensureLoginRole(client, roles.app);
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      const template = options.template ? quoteIdent(options.template) : 'template0';
      await client.query(
        `CREATE DATABASE ${quoteIdent(database)} OWNER ${quoteIdent(roles.owner.name)}` +
          (options.template ? ` TEMPLATE ${template}` : ` ENCODING 'UTF8' TEMPLATE template0`),
      );
    } else {
      await client.query(`ALTER DATABASE ${quoteIdent(database)} OWNER TO ${quoteIdent(roles.owner.name)}`);
    }
  });
  await withClient(databaseUrl(superuserUrl, database), (client) =>
    transferOwnership(client, roles.owner.name),
  );
  return {
    ownerUrl: databaseUrl(superuserUrl, database, roles.owner),
    appUrl: databaseUrl(superuserUrl, database, roles.app),
  };
}

/** Gives `owner` every table, view, sequence and function of the `public` schema it does not own yet. */
async function transferOwnership(client: Client, owner: string): Promise<void> {
  const relations = await client.query<{ name: string; kind: string }>(
    `SELECT c.relname AS name, c.relkind AS kind
       FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace
        AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
        AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = $1)
        -- sequences that belong to a column move with their table
        AND NOT (c.relkind = 'S' AND EXISTS (
              SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))`,
    [owner],
  );
  for (const r of relations.rows) {
    const what =
      r.kind === 'S' ? 'SEQUENCE' : r.kind === 'v' ? 'VIEW' : r.kind === 'm' ? 'MATERIALIZED VIEW' : 'TABLE';
    await client.query(`ALTER ${what} ${quoteIdent(r.name)} OWNER TO ${quoteIdent(owner)}`);
  }
  const functions = await client.query<{ signature: string }>(
    `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p
      WHERE p.pronamespace = 'public'::regnamespace
        AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = $1)`,
    [owner],
  );
  for (const f of functions.rows) {
    await client.query(`ALTER FUNCTION ${f.signature} OWNER TO ${quoteIdent(owner)}`);
  }
}

/** What the role the app connects as could do to the ledger beyond reading and appending. */
export interface PrivilegeReport {
  user: string;
  /** Each way the role could rewrite history; empty when it has least privilege. */
  problems: string[];
}

/**
 * Asks the database, over the app's own connection, what its role may do. A superuser can switch the
 * triggers off (`session_replication_role = replica`) and rewrite anything; the owner of a ledger table
 * (or a member of the owner's role) can disable its triggers; UPDATE, DELETE or TRUNCATE on a ledger
 * table, CREATEROLE (before PostgreSQL 16 it can grant itself the owner's role) and the right to set
 * `session_replication_role` are each enough too. `appRole` (DB_APP_ROLE), when given, must be the role
 * connected or one it belongs to.
 */
export async function inspectPrivileges(
  query: (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>,
  appRole?: string,
): Promise<PrivilegeReport> {
  const [me] = await query(
    `SELECT current_user AS "user", r.rolsuper AS "superuser", r.rolcreaterole AS "createRole",
            current_setting('server_version_num')::int AS "version"
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  const user = String(me.user);
  const problems: string[] = [];
  if (me.superuser) problems.push(`"${user}" is a superuser`);
  if (me.createRole && Number(me.version) < 160000)
    problems.push(`"${user}" has CREATEROLE and could grant itself any role`);
  if (appRole && appRole !== user) {
    const [member] = await query(`SELECT pg_has_role(current_user, $1, 'MEMBER') AS member`, [appRole]).catch(
      () => [{ member: false }],
    );
    if (!member?.member) problems.push(`DB_APP_ROLE is "${appRole}" but DATABASE_URL connects as "${user}"`);
  }
  const tables = await query(
    `SELECT c.relname AS "table", o.rolname AS "owner",
            pg_has_role(current_user, c.relowner, 'MEMBER') AS "owns",
            has_table_privilege(c.oid, 'UPDATE') AS "update",
            has_table_privilege(c.oid, 'DELETE') AS "delete",
            has_table_privilege(c.oid, 'TRUNCATE') AS "truncate"
       FROM pg_class c JOIN pg_roles o ON o.oid = c.relowner
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relname = ANY($1)
      ORDER BY c.relname`,
    [LEDGER_TABLES],
  );
  for (const t of tables) {
    if (me.superuser) break;
    if (t.owns) {
      problems.push(
        t.owner === user
          ? `"${user}" owns the ledger table ${String(t.table)}`
          : `"${user}" belongs to "${String(t.owner)}", the owner of the ledger table ${String(t.table)}`,
      );
      continue;
    }
    const rights = (['update', 'delete', 'truncate'] as const).filter((p) => t[p]);
    if (rights.length > 0)
      problems.push(`"${user}" may ${rights.join(', ').toUpperCase()} the ledger table ${String(t.table)}`);
  }
  if (!me.superuser) {
    const [setting] = await query(
      `SELECT has_parameter_privilege('session_replication_role', 'SET') AS "canSet"`,
    ).catch(() => [{ canSet: false }]);
    if (setting?.canSet) problems.push(`"${user}" may set session_replication_role (triggers off)`);
  }
  return { user, problems };
}

/** The refusal printed when the app would serve with more power than it needs. */
export function privilegeRefusal(report: PrivilegeReport): string {
  return (
    `Refusing to serve: the database role of DATABASE_URL could rewrite the audit ledger ` +
    `(${report.problems.join('; ')}). Run the migrations as the owner (MIGRATIONS_DATABASE_URL) and ` +
    `serve as a role that may only read and append to the ledger (DATABASE_URL); docs/operations.md ` +
    `shows how. To run like this anyway, set ALLOW_PRIVILEGED_DB=true.`
  );
}
