import type { EntityManager } from 'typeorm';

/** A column of a bulk insert: its name and the Postgres array type its values are sent as. */
export interface BulkColumn<Row> {
  name: string;
  type: 'uuid' | 'text' | 'integer' | 'bigint' | 'numeric' | 'boolean';
  value: (row: Row) => unknown;
}

/** Rows per statement: large enough to amortise round trips, small enough to bound memory. */
const CHUNK_ROWS = 20_000;

/**
 * Inserts many rows with one `INSERT ... SELECT FROM unnest(...)` per chunk: one parameter per
 * column instead of one per value, so 400,000 rows take seconds and no parameter limit applies.
 * Returns the requested columns of the inserted rows (match them by key, not by position).
 */
export async function bulkInsert<Row, Out = never>(
  manager: EntityManager,
  table: string,
  columns: readonly BulkColumn<Row>[],
  rows: readonly Row[],
  options: {
    returning?: string[];
    /** An ON CONFLICT clause, e.g. `ON CONFLICT ON CONSTRAINT x DO NOTHING`. */
    onConflict?: string;
    onChunk?: (inserted: number) => Promise<void> | void;
  } = {},
): Promise<Out[]> {
  const names = columns.map((column) => `"${column.name}"`).join(', ');
  const arrays = columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ');
  const returning = options.returning?.length
    ? ` RETURNING ${options.returning.map((name) => `"${name}"`).join(', ')}`
    : '';
  const conflict = options.onConflict ? ` ${options.onConflict}` : '';
  const sql = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${arrays})${conflict}${returning}`;
  const out: Out[] = [];
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    const parameters = columns.map((column) => chunk.map(column.value));
    const result: unknown = await manager.query(sql, parameters);
    if (returning) out.push(...(result as Out[]));
    await options.onChunk?.(start + chunk.length);
  }
  return out;
}
