import type { HtaReportLookup } from '../../eligibility/link-hta-reports.ts';
import type { SqlClient } from '../../store/open-store.ts';
import { findCurrentByTechnology } from './search-reports.ts';

/**
 * The broker's view of the repository: the current report about a technology, read from the
 * HTA tables of the broker's own store, and the public base its links point to.
 */
export function createHtaReportLookup(sql: SqlClient, publicBase: () => string): HtaReportLookup {
  return {
    findCurrent: (t) => findCurrentByTechnology(sql, t.code, t.system),
    publicBase,
  };
}
