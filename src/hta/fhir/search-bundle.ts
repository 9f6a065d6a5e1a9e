import type { Bundle, BundleLink, DocumentReference } from 'fhir/r4.js';
import type { ReportQuery, SearchResult } from '../store/search-reports.ts';

/**
 * A `searchset` Bundle with `self`, and `next`/`previous` when there are more pages; the links
 * repeat the caller's parameters with a new `_offset`.
 */
export function searchBundle(
  base: string,
  params: URLSearchParams,
  query: ReportQuery,
  result: SearchResult,
): Bundle<DocumentReference> {
  const link = (relation: string, offset: number): BundleLink => {
    const p = new URLSearchParams(params);
    p.set('_count', String(query.count));
    p.set('_offset', String(offset));
    return { relation, url: `${base}/DocumentReference?${p.toString()}` };
  };
  const links = [link('self', query.offset)];
  if (query.offset + query.count < result.total) {
    links.push(link('next', query.offset + query.count));
  }
  if (query.offset > 0) {
    links.push(link('previous', Math.max(0, query.offset - query.count)));
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: result.total,
    link: links,
    entry: result.reports.map((r) => ({
      fullUrl: `${base}/DocumentReference/${r.id ?? ''}`,
      resource: r,
      search: { mode: 'match' },
    })),
  };
}

/** A `history` Bundle of one report's FHIR versions, newest first. */
export function historyBundle(base: string, versions: DocumentReference[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'history',
    total: versions.length,
    entry: versions.map((r) => ({
      fullUrl: `${base}/DocumentReference/${r.id ?? ''}`,
      resource: r,
      request: {
        method: r.meta?.versionId === '1' ? 'POST' : 'PUT',
        url: `DocumentReference/${r.id ?? ''}/_history/${r.meta?.versionId ?? ''}`,
      },
      response: { status: r.meta?.versionId === '1' ? '201' : '200' },
    })),
  };
}
