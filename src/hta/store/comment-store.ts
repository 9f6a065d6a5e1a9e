import { brokerError } from '../../errors/broker-error.ts';
import type { SqlClient } from '../../store/open-store.ts';

export type CommentStatus = 'pending' | 'approved' | 'rejected';

/** A public comment on a report, as submitted (plain text, never HTML). */
export interface NewComment {
  readonly id: string;
  readonly documentId: string;
  readonly authorName: string;
  readonly institution: string | undefined;
  readonly body: string;
  readonly clientIp: string;
}

export interface StoredComment {
  readonly id: string;
  readonly documentId: string;
  readonly authorName: string;
  readonly institution: string | null;
  readonly body: string;
  readonly status: CommentStatus;
  readonly submittedAt: Date;
  readonly decidedBy: string | null;
}

export async function insertComment(sql: SqlClient, c: NewComment): Promise<void> {
  await sql.query(
    `INSERT INTO hta_comment (id, document_id, author_name, institution, body, client_ip)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [c.id, c.documentId, c.authorName, c.institution ?? null, c.body, c.clientIp],
  );
}

const COLUMNS = `id, document_id, author_name, institution, body, status, submitted_at, decided_by`;

interface Row {
  id: string;
  document_id: string;
  author_name: string;
  institution: string | null;
  body: string;
  status: CommentStatus;
  submitted_at: Date;
  decided_by: string | null;
}

function toComment(r: Row): StoredComment {
  return {
    id: r.id,
    documentId: r.document_id,
    authorName: r.author_name,
    institution: r.institution,
    body: r.body,
    status: r.status,
    submittedAt: new Date(r.submitted_at),
    decidedBy: r.decided_by,
  };
}

/** Comments of one status, oldest first; of one report, or of all when `documentId` is unset. */
export async function listComments(
  sql: SqlClient,
  status: CommentStatus,
  documentId?: string,
): Promise<StoredComment[]> {
  const rows = await sql.query<Row>(
    `SELECT ${COLUMNS} FROM hta_comment
     WHERE status = $1 AND ($2::text IS NULL OR document_id = $2)
     ORDER BY submitted_at, id LIMIT 500`,
    [status, documentId ?? null],
  );
  return rows.map(toComment);
}

export async function readComment(sql: SqlClient, id: string): Promise<StoredComment | undefined> {
  const rows = await sql.query<Row>(`SELECT ${COLUMNS} FROM hta_comment WHERE id = $1`, [id]);
  return rows[0] === undefined ? undefined : toComment(rows[0]);
}

/**
 * Records a moderation decision on a pending comment. A comment is decided once: deciding it
 * again is refused (409), so an approval cannot silently be turned into a rejection.
 */
export async function decideComment(
  sql: SqlClient,
  id: string,
  decision: 'approved' | 'rejected',
  by: string,
): Promise<StoredComment> {
  const rows = await sql.query<Row>(
    `UPDATE hta_comment SET status = $2, decided_by = $3, decided_at = now()
     WHERE id = $1 AND status = 'pending' RETURNING ${COLUMNS}`,
    [id, decision, by],
  );
  if (rows[0] !== undefined) {
    return toComment(rows[0]);
  }
  const existing = await readComment(sql, id);
  throw existing === undefined
    ? brokerError('BRK_HTA_NOT_FOUND', `no comment ${id}`)
    : brokerError('BRK_HTA_CONFLICT', `comment ${id} was already ${existing.status}`);
}
