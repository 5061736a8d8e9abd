import type { PgCallRecord } from '../../pg/contract.ts';

/** The connector's call record as stored JSON (it holds no card data, keys or hashes). */
export function recordJson(record: PgCallRecord): Record<string, unknown> {
  return { ...record, startedAt: record.startedAt.toISOString() };
}
