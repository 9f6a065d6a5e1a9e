/** A value found at a model path, with the concrete path (`matches[1].patient.surname`). */
export interface FoundValue {
  readonly path: string;
  readonly value: string;
}

/**
 * The string values at `path` in a model; `[]` after a key walks every item of that list
 * (`matches[].patient.affiliateCode`). An absent value is found as `''` unless a list on the
 * way is absent or empty (then nothing is found).
 */
export function expandPath(model: unknown, path: string): FoundValue[] {
  return walk(model, path.split('.'), '');
}

function walk(node: unknown, keys: readonly string[], done: string): FoundValue[] {
  const [key, ...rest] = keys;
  if (key === undefined) {
    return [{ path: done, value: typeof node === 'string' ? node : '' }];
  }
  const record = typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : {};
  const prefix = done === '' ? '' : `${done}.`;
  if (!key.endsWith('[]')) {
    return walk(record[key], rest, `${prefix}${key}`);
  }
  const name = key.slice(0, -2);
  const list = record[name];
  return Array.isArray(list)
    ? list.flatMap((item, i) => walk(item, rest, `${prefix}${name}[${i}]`))
    : [];
}

/** The concrete path of a sibling field: `matches[1].documentNumber` + `documentType`. */
export function siblingPath(path: string, sibling: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? sibling : `${path.slice(0, dot)}.${sibling}`;
}
