// Owns the migrated template each PostgreSQL test database is copied from: applying the migrations to every new
// database cost ~0.7 s each (hundreds a run); CREATE DATABASE … TEMPLATE copies a migrated one in about the time an
// empty one takes. One template per set of migrations (migrations-key.ts), built once under an advisory lock by
// whichever test process asks first, then left on the server for later runs; other checkouts with other migrations
// get their own. Templates refuse connections, so nothing (autovacuum included) holds one open while it is copied.
import pg from 'pg';
import { migrate } from '../../src/store/migrate.js';
import { openPostgres } from '../../src/store/open-postgres.js';
import { migrationsKey } from './migrations-key.js';

const TEMPLATE_LOCK = 7_468_202;
/** "source database is being accessed by other users": a connection is still closing. */
const OBJECT_IN_USE = '55006';

const templates = new Map<string, Promise<string>>();

/** The name of a migrated template database on the server at serverUrl, built if missing. */
export function migratedTemplate(serverUrl: string): Promise<string> {
  let name = templates.get(serverUrl);
  if (!name) {
    name = ensureTemplate(serverUrl);
    templates.set(serverUrl, name);
  }
  return name;
}

/** CREATE DATABASE name TEMPLATE template, waiting out a connection to the template that is still closing. */
export async function copyDatabase(serverUrl: string, name: string, template: string): Promise<void> {
  await withClient(serverUrl, (client) => retryWhileInUse(() => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`)));
}

async function ensureTemplate(serverUrl: string): Promise<string> {
  const name = `desk_test_template_${migrationsKey()}`;
  return withClient(serverUrl, async (client) => {
    if (await exists(client, name)) return name;
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      if (!(await exists(client, name))) await build(client, serverUrl, name);
      return name;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
}

async function build(client: pg.Client, serverUrl: string, name: string): Promise<void> {
  // Built under another name and renamed when complete: a half-built template is never copied.
  const building = `${name}_building`;
  await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${building}`);
  const db = openPostgres(databaseUrl(serverUrl, building), { max: 1, applicationName: 'mention-desk-test-template' });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  await client.query(`ALTER DATABASE ${building} WITH ALLOW_CONNECTIONS false`);
  await retryWhileInUse(() => client.query(`ALTER DATABASE ${building} RENAME TO ${name}`));
  await client.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true`);
}

/** The same server, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function exists(client: pg.Client, name: string): Promise<boolean> {
  return ((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount ?? 0) > 0;
}

async function retryWhileInUse<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if ((e as { code?: string }).code !== OBJECT_IN_USE || attempt >= 20) throw e;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

async function withClient<T>(serverUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
