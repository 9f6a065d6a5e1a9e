import {
  checkInteger,
  checkKnownArgs,
  fail,
  ok,
  type TransformArgs,
  type TransformDef,
} from './transform.ts';

const DECIMAL = /^-?\d+(\.\d+)?$/;

function digitsOf(args: Readonly<Record<string, unknown>>): number | undefined {
  return typeof args.fractionDigits === 'number' ? args.fractionDigits : undefined;
}

/**
 * Decimal text (`60.00`) → JSON number (FHIR `decimal`); the inverse writes the number with
 * `fractionDigits` decimals (`0.5` → `0.50`), or as JavaScript prints it when not given.
 */
export const decimal: TransformDef = {
  name: 'decimal',
  checkArgs: (args) => [
    ...checkKnownArgs(args, ['fractionDigits']),
    ...checkInteger(args, 'fractionDigits', 0, false),
  ],
  forward: (value) => {
    const s =
      typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    return DECIMAL.test(s)
      ? ok(Number(s))
      : fail(`${JSON.stringify(value)} is not a decimal number`);
  },
  inverse: (value, args) => {
    const digits = digitsOf(args);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return fail(`${JSON.stringify(value)} is not a number`);
    }
    return ok(digits === undefined ? String(value) : value.toFixed(digits));
  },
};

/** Integer text (`7`) → JSON integer; the inverse writes it back as text. */
export const integer: TransformDef = {
  name: 'integer',
  checkArgs: (args) => checkKnownArgs(args, []),
  forward: (value) => {
    const s =
      typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    return /^-?\d+$/.test(s) ? ok(Number(s)) : fail(`${JSON.stringify(value)} is not an integer`);
  },
  inverse: (value) =>
    Number.isInteger(value)
      ? ok(String(value))
      : fail(`${JSON.stringify(value)} is not an integer`),
};

/** A flag written as text (`true`/`false` arguments, e.g. "1"/"0" or "S"/"N") ↔ JSON boolean. */
export const boolean: TransformDef = {
  name: 'boolean',
  checkArgs: (args) => [
    ...checkKnownArgs(args, ['true', 'false']),
    ...(typeof args.true === 'string' && typeof args.false === 'string' && args.true !== args.false
      ? []
      : ['arguments "true" and "false" must be two different strings']),
  ],
  forward: (value, args) => {
    const s = typeof value === 'string' ? value.trim() : value;
    if (s === args.true || s === args.false) {
      return ok(s === args.true);
    }
    return fail(
      `${JSON.stringify(value)} is neither "${String(args.true)}" nor "${String(args.false)}"`,
    );
  },
  inverse: (value, args) =>
    typeof value === 'boolean'
      ? ok(value ? args.true : args.false)
      : fail(`${JSON.stringify(value)} is not a boolean`),
};

/**
 * Writes `value` (no source). In the reverse direction the target is only compared with it:
 * nothing is written back, and a different value is reported.
 */
export const constant: TransformDef = {
  name: 'constant',
  sources: 0,
  checkArgs: (args) => [
    ...checkKnownArgs(args, ['value']),
    ...(args.value === undefined || args.value === null ? ['argument "value" is required'] : []),
  ],
  forward: (_value, args) => ok(args.value),
  inverse: (value, args) =>
    JSON.stringify(value) === JSON.stringify(args.value)
      ? ok(undefined)
      : fail(`expected the constant ${JSON.stringify(args.value)}`),
};

function fixedOf(args: TransformArgs): Readonly<Record<string, unknown>> {
  return (args.fixed ?? {}) as Readonly<Record<string, unknown>>;
}

/**
 * Wraps a value in an object with fixed fields: `{ "name": "object", "field": "code", "fixed":
 * { "system": "…" } }` gives `{ system, code }` (a Coding; `field` `value` and `fixed` currency a
 * Money). The fixed fields are written only when there is a value, unlike `constant`. The
 * inverse checks the fixed fields and gives the value back.
 */
export const object: TransformDef = {
  name: 'object',
  checkArgs: (args) => {
    const problems = checkKnownArgs(args, ['field', 'fixed']);
    if (typeof args.field !== 'string' || args.field === '') {
      problems.push('argument "field" (a property name) is required');
    }
    const fixed = args.fixed;
    if (
      fixed !== undefined &&
      (typeof fixed !== 'object' || fixed === null || Array.isArray(fixed))
    ) {
      problems.push('argument "fixed" must be an object');
    } else if (fixed !== undefined && String(args.field) in fixed) {
      problems.push('argument "fixed" must not hold "field"');
    }
    return problems;
  },
  forward: (value, args) => ok({ ...fixedOf(args), [String(args.field)]: value }),
  inverse: (value, args) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return fail(`${JSON.stringify(value)} is not an object`);
    }
    const record = value as Readonly<Record<string, unknown>>;
    for (const [key, expected] of Object.entries(fixedOf(args))) {
      if (JSON.stringify(record[key]) !== JSON.stringify(expected)) {
        return fail(
          `expected ${key} ${JSON.stringify(expected)}, got ${JSON.stringify(record[key])}`,
        );
      }
    }
    const extra = Object.keys(record).filter((k) => k !== args.field && !(k in fixedOf(args)));
    return ok(
      record[String(args.field)],
      extra.length > 0 ? `field(s) ${extra.join(', ')} not carried` : undefined,
    );
  },
};

/**
 * A fraction as text (`0.50`, SITEDS copago variable) → a whole percentage (`50`, FHIR
 * `copay-percent` as unsignedInt); a fraction that is not a whole percentage fails. The inverse
 * writes the fraction with `fractionDigits` decimals (default 2).
 */
export const percent: TransformDef = {
  name: 'percent',
  checkArgs: (args) => [
    ...checkKnownArgs(args, ['fractionDigits']),
    ...checkInteger(args, 'fractionDigits', 0, false),
  ],
  forward: (value) => {
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text !== 'string' || !DECIMAL.test(text.trim())) {
      return fail(`${JSON.stringify(value)} is not a decimal fraction`);
    }
    const scaled = Number(text.trim()) * 100;
    const whole = Math.round(scaled);
    return Math.abs(scaled - whole) < 1e-9 && whole >= 0
      ? ok(whole)
      : fail(`${text} is not a whole non-negative percentage`);
  },
  inverse: (value, args) =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0
      ? ok((value / 100).toFixed(digitsOf(args) ?? 2))
      : fail(`${JSON.stringify(value)} is not a whole non-negative percentage`),
};
