import type { Database, Executor } from './db.ts';

/**
 * Hot queries as named prepared statements: drizzle builds the SQL once per database instead of
 * on every call, and PostgreSQL parses and plans it once per connection. On a transaction handle
 * the statement is prepared on the transaction's own connection (pg skips the parse when that
 * connection already knows the name), so the query still runs inside the transaction.
 */
interface Preparable<Q> {
  prepare(name: string): Q;
}

const roots = new WeakSet<object>();
const cache = new WeakMap<object, Map<string, unknown>>();

/** Marks `db` as a root database (not a transaction): its prepared statements are cached. */
export function registerRootDatabase(db: Database): void {
  roots.add(db);
}

export function prepared<Q>(db: Executor, name: string, build: (db: Executor) => Preparable<Q>): Q {
  if (!roots.has(db)) return build(db).prepare(name);
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let statement = statements.get(name) as Q | undefined;
  if (!statement) statements.set(name, (statement = build(db).prepare(name)));
  return statement;
}
