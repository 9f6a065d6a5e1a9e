import type { SqlClient } from '../store/open-store.ts';

/**
 * The number of leaves in the tree. Leaves are numbered 0, 1, 2 … without gaps (the sequencer
 * appends in one transaction under its lock), so this is the highest index plus one, read from
 * the primary key's index instead of counting every row.
 */
export async function readTreeSize(sql: SqlClient): Promise<number> {
  const [row] = await sql.query<{ n: string }>(
    'SELECT coalesce(max(tree_index) + 1, 0)::text AS n FROM log_leaf',
    [],
    { name: 'log-tree-size' },
  );
  return Number(row?.n ?? 0);
}
