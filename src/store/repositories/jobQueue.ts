import { sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';

/**
 * Jobs waiting per queue (created or waiting to retry, whether due now or later), read from
 * pg-boss's own table: its cached queue counters only move when a supervisor pass runs.
 */
export async function waitingJobsPerQueue(db: Executor, schema = 'pgboss'): Promise<Record<string, number>> {
  const result = await db.execute<{ name: string; depth: number }>(
    sql`select name, count(*)::int as depth from ${sql.identifier(schema)}.job where state in ('created', 'retry') group by name`,
  );
  const rows = (result as unknown as { rows: { name: string; depth: number }[] }).rows;
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.depth)]));
}
