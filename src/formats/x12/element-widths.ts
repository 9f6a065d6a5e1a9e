import { readFileSync } from 'node:fs';

/** Per segment id: the width of each element (index 0 = element 01) and which are numeric. */
export type ElementWidths = Readonly<
  Record<string, { readonly widths: readonly number[]; readonly numeric?: readonly number[] }>
>;

/**
 * Loads and checks an element-width table (e.g. `conformance/siteds/element-widths.json`).
 * A bad file throws naming its path and the entry at fault, so start-up stops.
 */
export function loadElementWidths(path: string): ElementWidths {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: not readable JSON (${(err as Error).message})`, { cause: err });
  }
  const segments = (data as { segments?: unknown } | null)?.segments;
  if (typeof segments !== 'object' || segments === null) {
    throw new Error(`${path}: expected an object with "segments"`);
  }
  for (const [id, spec] of Object.entries(segments)) {
    checkEntry(path, id, spec);
  }
  return segments as ElementWidths;
}

function checkEntry(path: string, id: string, spec: unknown): void {
  const { widths, numeric } = (spec ?? {}) as { widths?: unknown; numeric?: unknown };
  const positiveInts = (v: unknown): boolean =>
    Array.isArray(v) && v.every((n) => Number.isInteger(n) && (n as number) > 0);
  if (!/^[A-Z][A-Z0-9]{1,2}$/.test(id) || !positiveInts(widths)) {
    throw new Error(`${path}: segments.${id} needs a valid id and "widths" of positive integers`);
  }
  if (numeric !== undefined && !positiveInts(numeric)) {
    throw new Error(`${path}: segments.${id}.numeric must list element positions`);
  }
}
