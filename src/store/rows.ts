import { getTableColumns, type InferSelectModel, type Table } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Executor } from './db.ts';

/**
 * Rows of a hand-written statement (a data-modifying CTE drizzle's builders cannot express)
 * turned into the table's typed rows, through the same column decoders drizzle's own queries use.
 */
export async function selectRowsOf<T extends Table>(db: Executor, table: T, statement: SQL): Promise<InferSelectModel<T>[]> {
  const result = (await db.execute(statement)) as unknown as { rows: Record<string, unknown>[] };
  const columns = Object.entries(getTableColumns(table));
  return result.rows.map((raw) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = raw[column.name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as InferSelectModel<T>;
  });
}
