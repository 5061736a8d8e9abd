import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { fromPglite, type Db as IDatabase } from 'pg-boss';
import * as schema from './schema.ts';
import { registerRootDatabase } from './prepared.ts';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; repositories accept either it or the database. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Executor = Database | Tx;

/** One interface over embedded PGlite and a PostgreSQL server. */
export interface Store {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Database;
  /** The adapter pg-boss runs on (its own pool for PostgreSQL, the shared PGlite instance otherwise). */
  readonly bossDatabase: IDatabase | undefined;
  readonly connectionString: string | undefined;
  ping(timeoutMs?: number): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export class StoreError extends Error {}

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// Serialises migrations of several processes starting at once on one PostgreSQL.
const migrationLockId = 0x70_61_79_6d; // "paym"

export interface OpenStoreOptions {
  databaseUrl?: string;
  /** Directory of the embedded database; `undefined` with no databaseUrl means in-memory (tests). */
  dataDir?: string;
  poolSize?: number;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openPglite(options.dataDir);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new StoreError(`${what} took longer than ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function openPostgres(connectionString: string, poolSize: number): Promise<Store> {
  const pool = new pg.Pool({ connectionString, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool, schema }) as unknown as Database;
  registerRootDatabase(db);
  let closed = false;
  return {
    kind: 'postgres',
    db,
    bossDatabase: undefined,
    connectionString,
    async ping(timeoutMs = 2000) {
      if (closed) throw new StoreError('the database is closed');
      await withTimeout(pool.query('select 1'), timeoutMs, 'database ping');
    },
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [migrationLockId]);
        try {
          await migratePg(drizzlePg({ client, schema }), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [migrationLockId]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * The embedded database is one process's: a lock file in the data dir refuses a second opener
 * (PGlite does not guard its files), with a message that says what to do instead.
 */
function takeDataDirLock(dir: string): () => void {
  const lockFile = path.join(dir, 'paymux.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new StoreError(
          `the embedded database in ${dir} is in use by paymux process ${holder}. ` +
            'Stop it first, or run several processes on PostgreSQL (set DATABASE_URL).',
        );
      }
      rmSync(lockFile, { force: true }); // left behind by a process that died
    }
  }
  throw new StoreError(`could not lock ${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openPglite(dataDir: string | undefined): Promise<Store> {
  let releaseLock = () => {};
  let pgliteDir: string | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    releaseLock = takeDataDirLock(dataDir);
    pgliteDir = path.join(dataDir, 'pglite');
  }
  let client: PGlite;
  try {
    client = await PGlite.create(pgliteDir);
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  registerRootDatabase(db);
  let closed = false;
  return {
    kind: 'pglite',
    db,
    bossDatabase: fromPglite(client),
    connectionString: undefined,
    async ping(timeoutMs = 2000) {
      if (closed || client.closed) throw new StoreError('the database is closed');
      await withTimeout(client.query('select 1'), timeoutMs, 'database ping');
    },
    async migrate() {
      await migratePglite(drizzlePglite({ client, schema }), { migrationsFolder });
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        releaseLock();
      }
    },
  };
}
