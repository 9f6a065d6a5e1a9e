import type { Hl7Location } from '../hl7-location.ts';
import type { Hl7Problem } from '../hl7-problem.ts';
import type { Hl7Profiles } from './profile-types.ts';
import { problem } from './problems.ts';

const DTM =
  /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.\d{1,4})?)?)?)?)?)?([+-]\d{4})?$/;

const FORMATS: Readonly<Record<string, (v: string) => boolean>> = {
  NM: (v) => /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v),
  SI: (v) => /^\d{1,4}$/.test(v),
  DT: (v) => isDateTime(v, /^\d{4}(\d{2}(\d{2})?)?$/),
  DTM: (v) => isDateTime(v, DTM),
  TM: (v) => /^([01]\d|2[0-3])([0-5]\d([0-5]\d(\.\d{1,4})?)?)?([+-]\d{4})?$/.test(v),
};

/** DT/DTM: the shape, then a real calendar date and time of day. */
function isDateTime(v: string, shape: RegExp): boolean {
  const m = DTM.exec(v);
  if (!shape.test(v) || m === null) {
    return false;
  }
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00'] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return (
    date.getUTCMonth() === Number(mo) - 1 &&
    date.getUTCDate() === Number(d) &&
    Number(h) < 24 &&
    Number(mi) < 60 &&
    Number(s) < 60
  );
}

/**
 * Checks one primitive value (already unescaped): its format (NM, SI, DT, DTM, TM) and, when
 * a table is named and its values are loaded, that the code is in it. `""` (HL7 null) passes.
 */
export function checkPrimitive(
  profiles: Hl7Profiles,
  value: string,
  type: string,
  table: string | undefined,
  at: Hl7Location,
): Hl7Problem[] {
  if (value === '' || value === '""') {
    return [];
  }
  const format = FORMATS[type];
  if (format !== undefined && !format(value)) {
    return [problem.badFormat(at, value, type)];
  }
  const t = table === undefined ? undefined : profiles.tables.get(table);
  if (t !== undefined && table !== undefined && (type === 'ID' || type === 'IS' || type === 'ST')) {
    return Object.hasOwn(t.values, value) ? [] : [problem.notInTable(at, value, table, t.name)];
  }
  return [];
}
