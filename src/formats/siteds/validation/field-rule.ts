/**
 * One validation rule: a SUSALUD-style 4-digit code, the model path it checks, and the check.
 * `required`: must be non-empty. `pattern`: when present, must match. `oneOf`: when present,
 * must be one of the values. Paths into loops use `[]` (`matches[].patient.affiliateCode`).
 */
export interface FieldRule {
  readonly code: string;
  readonly path: string;
  readonly check:
    | { readonly kind: 'required' }
    | { readonly kind: 'pattern'; readonly pattern: RegExp; readonly expected: string }
    | { readonly kind: 'oneOf'; readonly values: readonly string[] };
  /** `observed`: the code and its meaning are SUSALUD's (domain.md §1.7); `ours`: chosen here. */
  readonly origin: 'observed' | 'inferred' | 'ours';
  readonly message: string;
  /** Apply only when a sibling field (same item) has this value, e.g. document type `1` (DNI). */
  readonly when?: { readonly sibling: string; readonly equals: string };
}

export function required(
  code: string,
  path: string,
  message: string,
  origin: FieldRule['origin'] = 'observed',
): FieldRule {
  return { code, path, check: { kind: 'required' }, origin, message };
}

export function pattern(
  code: string,
  path: string,
  rule: { readonly pattern: RegExp; readonly expected: string },
  origin: FieldRule['origin'] = 'observed',
): FieldRule {
  return {
    code,
    path,
    check: { kind: 'pattern', ...rule },
    origin,
    message: `must be ${rule.expected}`,
  };
}

export function oneOf(
  code: string,
  path: string,
  values: readonly string[],
  origin: FieldRule['origin'] = 'observed',
): FieldRule {
  return {
    code,
    path,
    check: { kind: 'oneOf', values },
    origin,
    message: `must be one of ${values.join(', ')}`,
  };
}

export const FORMATS = {
  alnum15: { pattern: /^[A-Za-z0-9]{1,15}$/, expected: '1 to 15 letters or digits' },
  date: {
    pattern: /^(19|20|99)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/,
    expected: 'a date YYYYMMDD',
  },
  time: { pattern: /^([01]\d|2[0-3])[0-5]\d([0-5]\d)?$/, expected: 'a time HHMM or HHMMSS' },
  nineDigits: { pattern: /^\d{9}$/, expected: '9 digits' },
  twoDigits: { pattern: /^\d{2}$/, expected: '2 digits' },
  ruc: { pattern: /^(?!0+$)\d{2,20}$/, expected: '2 to 20 digits, not all zeros' },
  iafas: { pattern: /^\d{5}$/, expected: '5 digits' },
  dni: { pattern: /^\d{8}$/, expected: '8 digits' },
  docType: { pattern: /^[A-Za-z0-9]{1,2}$/, expected: '1 or 2 characters' },
  surname: { pattern: /^.{1,60}$/u, expected: '1 to 60 characters' },
  names: { pattern: /^.{1,35}$/u, expected: '1 to 35 characters' },
  affiliate: { pattern: /^[A-Za-z0-9-]{1,20}$/, expected: '1 to 20 letters, digits or hyphens' },
} as const;
