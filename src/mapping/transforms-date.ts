import {
  checkInteger,
  checkKnownArgs,
  fail,
  ok,
  type TransformDef,
  type TransformResult,
} from './transform.ts';

const FHIR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FHIR_TIME = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;
const FHIR_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const OFFSET = /^[+-](\d{2}):(\d{2})$/;

/** `YYYY-MM-DD` when the parts make a calendar date, else undefined. */
function calendarDate(y: string, m: string, d: string): string | undefined {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const iso = `${y}-${m}-${d}`;
  return date.toISOString().startsWith(iso) ? iso : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() : undefined;
}

/** `YYYYMMDD` ↔ FHIR `date` (X12 D8). */
export const date8: TransformDef = {
  name: 'date8',
  checkArgs: (args) => checkKnownArgs(args, []),
  forward: (value) => {
    const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text(value) ?? '');
    const iso = m && calendarDate(m[1] ?? '', m[2] ?? '', m[3] ?? '');
    return iso ? ok(iso) : fail(`"${String(value)}" is not a YYYYMMDD date`);
  },
  inverse: (value) => {
    const m = FHIR_DATE.exec(text(value) ?? '');
    return m
      ? ok(`${m[1]}${m[2]}${m[3]}`)
      : fail(`"${String(value)}" is not a FHIR date YYYY-MM-DD`);
  },
};

function pivotOf(args: Readonly<Record<string, unknown>>): number {
  return typeof args.pivot === 'number' ? args.pivot : 50;
}

/** `YYMMDD` ↔ FHIR `date`; years below `pivot` (default 50) are 20YY, the others 19YY. */
export const date6: TransformDef = {
  name: 'date6',
  checkArgs: (args) => [
    ...checkKnownArgs(args, ['pivot']),
    ...checkInteger(args, 'pivot', 0, false),
  ],
  forward: (value, args) => {
    const m = /^(\d{2})(\d{2})(\d{2})$/.exec(text(value) ?? '');
    const yy = Number(m?.[1]);
    const century = yy < pivotOf(args) ? '20' : '19';
    const iso = m && calendarDate(`${century}${m[1]}`, m[2] ?? '', m[3] ?? '');
    return iso ? ok(iso) : fail(`"${String(value)}" is not a YYMMDD date`);
  },
  inverse: (value, args) => {
    const m = FHIR_DATE.exec(text(value) ?? '');
    const year = Number(m?.[1]);
    const start = 1950 + (pivotOf(args) - 50);
    if (!m || year < start || year >= start + 100) {
      return fail(`"${String(value)}" is not a FHIR date in ${start}–${start + 99}`);
    }
    return ok(`${(m[1] ?? '').slice(2)}${m[2]}${m[3]}`);
  },
};

/** `HHMM` or `HHMMSS` ↔ FHIR `time`; the inverse drops seconds, with a warning. */
export const time4: TransformDef = {
  name: 'time4',
  checkArgs: (args) => checkKnownArgs(args, []),
  forward: (value) => {
    const m = /^([01]\d|2[0-3])([0-5]\d)([0-5]\d)?$/.exec(text(value) ?? '');
    return m ? ok(`${m[1]}:${m[2]}:${m[3] ?? '00'}`) : fail(`"${String(value)}" is not HHMM`);
  },
  inverse: (value) => {
    const m = FHIR_TIME.exec(text(value) ?? '');
    return m
      ? withoutSeconds(`${m[1]}${m[2]}`, m[3], m[4])
      : fail(`"${String(value)}" is not a FHIR time`);
  },
};

/** The HHMM result, warning when non-zero seconds were dropped. */
function withoutSeconds(
  value: unknown,
  seconds: string | undefined,
  fraction: string | undefined,
): TransformResult {
  const lost = (seconds ?? '00') !== '00' || Number(fraction ?? 0) !== 0;
  return ok(value, lost ? 'seconds dropped: HHMM has none' : undefined);
}

function offsetOf(args: Readonly<Record<string, unknown>>): string {
  return typeof args.offset === 'string' ? args.offset : '-05:00';
}

/**
 * `[YYYYMMDD, HHMM]` (two sources) ↔ FHIR `dateTime` at `offset` (default `-05:00`, Peru).
 * The inverse converts the instant to `offset` first and drops seconds with a warning.
 */
export const dateTime: TransformDef = {
  name: 'dateTime',
  sources: 2,
  checkArgs: (args) => {
    const offset = args.offset;
    const bad = offset !== undefined && (typeof offset !== 'string' || !OFFSET.test(offset));
    return [
      ...checkKnownArgs(args, ['offset']),
      ...(bad ? ['argument "offset" must be ±HH:MM'] : []),
    ];
  },
  forward: (value, args) => {
    const [d, t] = Array.isArray(value) ? (value as unknown[]) : [];
    const date = date8.forward(d, {}, { translate: noTranslate });
    const time = time4.forward(t, {}, { translate: noTranslate });
    if (!date.ok || !time.ok) {
      return fail(`"${String(d)}" "${String(t)}" is not a YYYYMMDD date and HHMM time`);
    }
    return ok(`${String(date.value)}T${String(time.value)}${offsetOf(args)}`);
  },
  inverse: (value, args) => {
    const m = FHIR_DATE_TIME.exec(text(value) ?? '');
    if (!m) {
      return fail(`"${String(value)}" is not a FHIR dateTime with a time and offset`);
    }
    const local = shiftTo(new Date(text(value) ?? ''), offsetOf(args));
    const parts = [
      local.slice(0, 4) + local.slice(5, 7) + local.slice(8, 10),
      local.slice(11, 13) + local.slice(14, 16),
    ];
    return withoutSeconds(parts, m[6], m[7]);
  },
};

/** The ISO text of an instant as wall-clock time at `offset`. */
function shiftTo(instant: Date, offset: string): string {
  const m = OFFSET.exec(offset);
  const minutes = (Number(m?.[1]) * 60 + Number(m?.[2])) * (offset.startsWith('-') ? -1 : 1);
  return new Date(instant.getTime() + minutes * 60_000).toISOString();
}

const noTranslate = () => ({ status: 'unmapped', reason: 'no translation here' }) as const;
