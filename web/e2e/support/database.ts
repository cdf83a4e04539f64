import { Client } from 'pg';

/** `serverUrl` on another database, optionally as another login (the run's owner or app role). */
export function withDatabase(
  serverUrl: string,
  database: string,
  login?: { name: string; password: string },
): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  if (login) {
    url.username = encodeURIComponent(login.name);
    url.password = encodeURIComponent(login.password);
  }
  return url.toString();
}

/** One statement on a short-lived connection (CREATE/DROP DATABASE cannot run in a transaction). */
export async function adminQuery<T = unknown>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * CREATE DATABASE … TEMPLATE … OWNER …, retried while another clone of the same template is under way.
 * The clone belongs to the run's owner role, as the template does.
 */
export async function cloneDatabase(
  serverUrl: string,
  template: string,
  name: string,
  owner: string,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template} OWNER "${owner}"`);
      return;
    } catch (error) {
      if (attempt >= 40 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 100 + attempt * 50));
    }
  }
}
