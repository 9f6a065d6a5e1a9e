import { brokerError } from '../../errors/broker-error.ts';
import type { DateCondition, ReportQuery } from '../store/search-reports.ts';

export const DEFAULT_COUNT = 10;
export const MAX_COUNT = 50;

/** Search parameters of `DocumentReference` in this repository (the CapabilityStatement's list). */
export const SEARCH_PARAMS = [
  'technology',
  '_text',
  'institution',
  'status',
  'doc-status',
  'date',
  '_count',
  '_offset',
  '_format',
] as const;

type Query = Record<string, string | string[] | undefined>;

function all(q: Query, name: string): string[] {
  const v = q[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function one(q: Query, name: string): string | undefined {
  const values = all(q, name);
  if (values.length > 1) {
    throw brokerError('BRK_HTA_BAD_SEARCH', `${name} given ${values.length} times`, name);
  }
  const v = values[0]?.trim();
  return v === '' ? undefined : v;
}

function integer(q: Query, name: string, fallback: number, max: number): number {
  const raw = one(q, name);
  if (raw === undefined) {
    return fallback;
  }
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > max) {
    throw brokerError('BRK_HTA_BAD_SEARCH', `${name} must be an integer from 0 to ${max}`, name);
  }
  return n;
}

const DATE = /^(eq|ge|gt|le|lt)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** `[prefix]YYYY[-MM[-DD]]` as the half-open UTC interval of its precision. */
export function parseDate(raw: string): DateCondition {
  const m = DATE.exec(raw);
  if (m === null) {
    throw brokerError(
      'BRK_HTA_BAD_SEARCH',
      `date ${raw}: expected [eq|ge|gt|le|lt]YYYY[-MM[-DD]]`,
      'date',
    );
  }
  const [, op = 'eq', y = '', mo, d] = m;
  const start = new Date(Date.UTC(Number(y), Number(mo ?? 1) - 1, Number(d ?? 1)));
  const end = new Date(start);
  if (d !== undefined) {
    end.setUTCDate(end.getUTCDate() + 1);
  } else if (mo !== undefined) {
    end.setUTCMonth(end.getUTCMonth() + 1);
  } else {
    end.setUTCFullYear(end.getUTCFullYear() + 1);
  }
  if (Number.isNaN(start.getTime()) || start.getUTCMonth() !== Number(mo ?? 1) - 1) {
    throw brokerError('BRK_HTA_BAD_SEARCH', `date ${raw} is not a calendar date`, 'date');
  }
  return { op: op as DateCondition['op'], start: start.toISOString(), end: end.toISOString() };
}

function tokenList(q: Query, name: string, allowed: readonly string[]): string[] | undefined {
  const raw = one(q, name);
  if (raw === undefined) {
    return undefined;
  }
  const values = raw.split(',');
  const bad = values.find((v) => !allowed.includes(v));
  if (bad !== undefined) {
    throw brokerError('BRK_HTA_BAD_SEARCH', `${name}=${bad}: one of ${allowed.join(', ')}`, name);
  }
  return values;
}

/** `system|code` or `code`. */
function technologyOf(raw: string | undefined): ReportQuery['technology'] {
  if (raw === undefined) {
    return undefined;
  }
  const bar = raw.indexOf('|');
  if (bar < 0) {
    return { code: raw };
  }
  const system = raw.slice(0, bar);
  return system === '' ? { code: raw.slice(bar + 1) } : { system, code: raw.slice(bar + 1) };
}

/** Reads the query string of a search; an unknown or malformed parameter is a 400. */
export function parseSearch(q: Query): ReportQuery {
  const unknown = Object.keys(q).filter((k) => !(SEARCH_PARAMS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw brokerError('BRK_HTA_BAD_SEARCH', `unknown parameter ${unknown.join(', ')}`);
  }
  const text = one(q, '_text');
  const institution = one(q, 'institution');
  const technology = technologyOf(one(q, 'technology'));
  const status = tokenList(q, 'status', ['current', 'superseded', 'entered-in-error']);
  const docStatus = tokenList(q, 'doc-status', ['preliminary', 'final', 'amended']);
  return {
    ...(technology === undefined ? {} : { technology }),
    ...(text === undefined ? {} : { text }),
    ...(institution === undefined ? {} : { institution }),
    ...(status === undefined ? {} : { status }),
    ...(docStatus === undefined ? {} : { docStatus }),
    dates: all(q, 'date').map(parseDate),
    count: integer(q, '_count', DEFAULT_COUNT, MAX_COUNT),
    offset: integer(q, '_offset', 0, 1_000_000),
  };
}
