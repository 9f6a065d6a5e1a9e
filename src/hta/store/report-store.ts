import { createHash } from 'node:crypto';
import type { DocumentReference } from 'fhir/r4.js';
import { brokerError } from '../../errors/broker-error.ts';
import type { SqlClient, Store } from '../../store/open-store.ts';
import { searchableText, summarizeReport } from '../hta-report.ts';

/** The report file as stored. */
export interface StoredBinary {
  readonly id: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

/** Stores a report file; its id is chosen by the caller (a UUID). */
export async function insertBinary(
  sql: SqlClient,
  binary: StoredBinary,
  publishedBy: string,
): Promise<void> {
  const sha = createHash('sha256').update(binary.bytes).digest();
  await sql.query(
    'INSERT INTO hta_binary (id, content_type, bytes, sha256, published_by) VALUES ($1, $2, $3, $4, $5)',
    [binary.id, binary.contentType, binary.bytes, sha, publishedBy],
  );
}

export async function readBinary(sql: SqlClient, id: string): Promise<StoredBinary | undefined> {
  const rows = await sql.query<{ content_type: string; bytes: Uint8Array }>(
    'SELECT content_type, bytes FROM hta_binary WHERE id = $1',
    [id],
  );
  const row = rows[0];
  return row === undefined
    ? undefined
    : { id, contentType: row.content_type, bytes: Buffer.from(row.bytes) };
}

/**
 * Publishes a validated report as version 1 of a new DocumentReference. When it replaces
 * another, in the same transaction: the replaced report must exist and still be current (row
 * locked, so two new versions of one report cannot both win), and it gets a new FHIR version
 * with status `superseded`. Returns the stored resource (with `meta`).
 */
export async function publishReport(
  store: Store,
  doc: DocumentReference & { id: string },
  publishedBy: string,
): Promise<DocumentReference> {
  const s = summarizeReport(doc);
  const now = new Date().toISOString();
  const stored: DocumentReference = {
    ...doc,
    status: 'current',
    meta: { ...doc.meta, versionId: '1', lastUpdated: now },
  };
  return store.transaction(async (tx) => {
    if (s.binaryId === undefined || !(await readBinaryExists(tx, s.binaryId))) {
      throw brokerError('BRK_HTA_NOT_FOUND', `no Binary ${s.binaryId ?? '(none)'}`, 'content[0]');
    }
    if (s.replaces !== undefined) {
      await lockCurrent(tx, s.replaces);
    }
    await tx.query(
      `INSERT INTO hta_document (id, version_id, status, doc_status, technology_system, technology_code,
         institution_id, institution_name, report_date, search_text, replaces, binary_id, published_by)
       VALUES ($1, 1, 'current', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        s.id,
        s.docStatus,
        s.technology.system,
        s.technology.code,
        s.institution.id,
        s.institution.name,
        s.date,
        searchableText(
          s.title,
          s.technology.name,
          s.technology.code,
          s.indication,
          s.institution.name,
        ),
        s.replaces ?? null,
        s.binaryId,
        publishedBy,
      ],
    );
    await insertVersion(tx, s.id, 1, stored);
    if (s.replaces !== undefined) {
      await supersede(tx, s.replaces, s.id, now);
    }
    return stored;
  });
}

async function readBinaryExists(sql: SqlClient, id: string): Promise<boolean> {
  return (await sql.query('SELECT 1 FROM hta_binary WHERE id = $1', [id])).length > 0;
}

async function lockCurrent(tx: SqlClient, id: string): Promise<void> {
  const rows = await tx.query<{ replaced_by: string | null; status: string }>(
    'SELECT replaced_by, status FROM hta_document WHERE id = $1 FOR UPDATE',
    [id],
  );
  const row = rows[0];
  if (row === undefined) {
    throw brokerError('BRK_HTA_NOT_FOUND', `no DocumentReference ${id}`, 'relatesTo[0].target');
  }
  if (row.replaced_by !== null || row.status !== 'current') {
    throw brokerError(
      'BRK_HTA_CONFLICT',
      `DocumentReference ${id} is ${row.status}${row.replaced_by === null ? '' : `, replaced by ${row.replaced_by}`}`,
      'relatesTo[0].target',
    );
  }
}

async function supersede(tx: SqlClient, id: string, by: string, now: string): Promise<void> {
  const current = await readCurrent(tx, id);
  if (current === undefined) {
    throw new Error(`report ${id} vanished inside its own transaction`);
  }
  const version = Number(current.meta?.versionId ?? '1') + 1;
  const next: DocumentReference = {
    ...current,
    status: 'superseded',
    meta: { ...current.meta, versionId: String(version), lastUpdated: now },
  };
  await tx.query(
    `UPDATE hta_document SET status = 'superseded', replaced_by = $2, version_id = $3, updated_at = now()
     WHERE id = $1`,
    [id, by, version],
  );
  await insertVersion(tx, id, version, next);
}

async function insertVersion(
  tx: SqlClient,
  id: string,
  version: number,
  resource: DocumentReference,
): Promise<void> {
  await tx.query(
    'INSERT INTO hta_document_version (id, version_id, resource) VALUES ($1, $2, $3)',
    [id, version, JSON.stringify(resource)],
  );
}

/** The latest FHIR version of a report. */
export async function readCurrent(
  sql: SqlClient,
  id: string,
): Promise<DocumentReference | undefined> {
  const rows = await sql.query<{ resource: DocumentReference }>(
    `SELECT v.resource FROM hta_document d
       JOIN hta_document_version v ON v.id = d.id AND v.version_id = d.version_id
     WHERE d.id = $1`,
    [id],
  );
  return rows[0]?.resource;
}

/** One FHIR version (`_history/{vid}`). */
export async function readVersion(
  sql: SqlClient,
  id: string,
  version: number,
): Promise<DocumentReference | undefined> {
  const rows = await sql.query<{ resource: DocumentReference }>(
    'SELECT resource FROM hta_document_version WHERE id = $1 AND version_id = $2',
    [id, version],
  );
  return rows[0]?.resource;
}

/** Every FHIR version of a report, newest first (`_history`). */
export async function readHistory(sql: SqlClient, id: string): Promise<DocumentReference[]> {
  const rows = await sql.query<{ resource: DocumentReference }>(
    'SELECT resource FROM hta_document_version WHERE id = $1 ORDER BY version_id DESC',
    [id],
  );
  return rows.map((r) => r.resource);
}

/**
 * The report's chain of report versions, oldest first: the reports it replaces (transitively)
 * and the ones replacing it, each as its latest FHIR version.
 */
export async function readVersionChain(sql: SqlClient, id: string): Promise<DocumentReference[]> {
  const rows = await sql.query<{ resource: DocumentReference }>(
    `WITH RECURSIVE back(id, depth) AS (
       SELECT id, 0 FROM hta_document WHERE id = $1
       UNION ALL SELECT d.replaces, b.depth - 1 FROM hta_document d JOIN back b ON d.id = b.id
         WHERE d.replaces IS NOT NULL AND b.depth > -100
     ), fwd(id, depth) AS (
       SELECT id, 0 FROM hta_document WHERE id = $1
       UNION ALL SELECT d.replaced_by, f.depth + 1 FROM hta_document d JOIN fwd f ON d.id = f.id
         WHERE d.replaced_by IS NOT NULL AND f.depth < 100
     ), chain AS (SELECT * FROM back UNION SELECT * FROM fwd)
     SELECT v.resource FROM chain c
       JOIN hta_document d ON d.id = c.id
       JOIN hta_document_version v ON v.id = d.id AND v.version_id = d.version_id
     ORDER BY c.depth`,
    [id],
  );
  return rows.map((r) => r.resource);
}
