import { getTableColumns, type InferSelectModel, type Table } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Executor } from './db.ts';

/**
 * Hand-written statements for the hottest paths (a data-modifying CTE drizzle's builders cannot
 * express; reads inside transactions, where a drizzle prepared statement cannot be reused and
 * building the select costs more than running it). Their rows become the table's typed rows
 * through the same column decoders drizzle's own queries use.
 */
export function rowOf<T extends Table>(table: T, raw: Record<string, unknown>): InferSelectModel<T> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as InferSelectModel<T>;
}

export async function rawRows(db: Executor, statement: SQL): Promise<Record<string, unknown>[]> {
  const result = (await db.execute(statement)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows;
}

export async function selectRowsOf<T extends Table>(db: Executor, table: T, statement: SQL): Promise<InferSelectModel<T>[]> {
  return (await rawRows(db, statement)).map((raw) => rowOf(table, raw));
}
