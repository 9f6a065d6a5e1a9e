import type { TransformDef } from './transform.ts';
import { translate } from './transforms-code.ts';
import { date6, date8, dateTime, time4 } from './transforms-date.ts';
import { padLeft, padRight, trim, upper } from './transforms-text.ts';
import { boolean, constant, decimal, integer, object, percent } from './transforms-value.ts';

/** Every named transform a spec may use (documented in mappings/README.md). */
export const TRANSFORMS: ReadonlyMap<string, TransformDef> = new Map(
  [
    date8,
    date6,
    time4,
    dateTime,
    trim,
    upper,
    padLeft,
    padRight,
    decimal,
    integer,
    boolean,
    constant,
    object,
    percent,
    translate,
  ].map((t) => [t.name, t]),
);
