import type { DocumentReference } from 'fhir/r4.js';
import type { SqlClient } from '../../store/open-store.ts';
import { searchableText } from '../hta-report.ts';

/** A date condition of the `date` search parameter (FHIR prefixes). */
export interface DateCondition {
  readonly op: 'eq' | 'ge' | 'gt' | 'le' | 'lt';
  /** Inclusive start and exclusive end of the value's precision (a day, a month, a year…). */
  readonly start: string;
  readonly end: string;
}

/** What the FHIR search and the web page can ask for. */
export interface ReportQuery {
  /** `system|code`, `|code`-less `code`: the technology code. */
  readonly technology?: { readonly system?: string; readonly code: string };
  /** Words that must all appear in the title, technology, indication or institution. */
  readonly text?: string;
  /** The issuing institution: its participant code, or words of its name. */
  readonly institution?: string;
  /** DocumentReference.status: `current`, `superseded`. */
  readonly status?: readonly string[];
  /** DocumentReference.docStatus: `preliminary`, `final`, `amended`. */
  readonly docStatus?: readonly string[];
  readonly dates?: readonly DateCondition[];
  readonly count: number;
  readonly offset: number;
}

export interface SearchResult {
  readonly total: number;
  readonly reports: DocumentReference[];
}

/** Escapes `%`, `_` and `\` for LIKE. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The WHERE clause and its parameters (every value is a parameter, never spliced). */
function whereOf(q: ReportQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = [];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.technology !== undefined) {
    where.push(`d.technology_code = ${p(q.technology.code)}`);
    if (q.technology.system !== undefined) {
      where.push(`d.technology_system = ${p(q.technology.system)}`);
    }
  }
  for (const word of searchableText(q.text ?? '')
    .split(/\s+/)
    .filter(Boolean)) {
    where.push(`d.search_text LIKE ${p(`%${likeEscape(word)}%`)}`);
  }
  if (q.institution !== undefined) {
    where.push(
      `(d.institution_id = ${p(q.institution)} OR d.institution_name ILIKE ${p(`%${likeEscape(q.institution)}%`)})`,
    );
  }
  if (q.status !== undefined) {
    where.push(`d.status = ANY(${p(q.status)})`);
  }
  if (q.docStatus !== undefined) {
    where.push(`d.doc_status = ANY(${p(q.docStatus)})`);
  }
  for (const d of q.dates ?? []) {
    where.push(dateClause(d, p));
  }
  return { sql: where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`, params };
}

function dateClause(d: DateCondition, p: (v: unknown) => string): string {
  switch (d.op) {
    case 'eq':
      return `(d.report_date >= ${p(d.start)} AND d.report_date < ${p(d.end)})`;
    case 'ge':
      return `d.report_date >= ${p(d.start)}`;
    case 'gt':
      return `d.report_date >= ${p(d.end)}`;
    case 'le':
      return `d.report_date < ${p(d.end)}`;
    case 'lt':
      return `d.report_date < ${p(d.start)}`;
  }
}

/** Matching reports, newest first (then by id, so pages are stable), and the total count. */
export async function searchReports(sql: SqlClient, q: ReportQuery): Promise<SearchResult> {
  const { sql: where, params } = whereOf(q);
  const [count] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM hta_document d ${where}`,
    params,
  );
  const rows = await sql.query<{ resource: DocumentReference }>(
    `SELECT v.resource FROM hta_document d
       JOIN hta_document_version v ON v.id = d.id AND v.version_id = d.version_id
     ${where} ORDER BY d.report_date DESC, d.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, q.count, q.offset],
  );
  return { total: count?.n ?? 0, reports: rows.map((r) => r.resource) };
}

/**
 * The current report about a technology code (and system, when given), if any (the newest when
 * several). A superseded version is never returned: its successor is the current one. One
 * indexed query (`hta_document_technology`), no count: the broker asks this for every coded
 * item of every eligibility answer.
 */
export async function findCurrentByTechnology(
  sql: SqlClient,
  code: string,
  system?: string,
): Promise<DocumentReference | undefined> {
  const { sql: where, params } = whereOf({
    technology: system === undefined ? { code } : { system, code },
    status: ['current'],
    count: 1,
    offset: 0,
  });
  const [row] = await sql.query<{ resource: DocumentReference }>(
    `SELECT v.resource FROM hta_document d
       JOIN hta_document_version v ON v.id = d.id AND v.version_id = d.version_id
     ${where} ORDER BY d.report_date DESC, d.id LIMIT 1`,
    params,
  );
  return row?.resource;
}
