import { MESSAGES } from './messages.ts';
import { isJsonObject, report, type JsonObject, type WalkContext } from './walk-context.ts';

type Entry = JsonObject;
type BundleRule = (bundle: JsonObject, entries: readonly Entry[]) => boolean;
type EntryRule = (entry: Entry) => boolean;

const is = (bundle: JsonObject, ...types: string[]) => types.includes(String(bundle.type));

/** R4 Bundle invariants on the Bundle, as in the specification's FHIRPath. */
const BUNDLE_RULES: Readonly<Record<string, BundleRule>> = {
  'bdl-1': (b) => b.total === undefined || is(b, 'searchset', 'history'),
  'bdl-2': (b, entries) => entries.every((e) => e.search === undefined) || is(b, 'searchset'),
  'bdl-3': (b, entries) =>
    entries.every((e) => (e.request !== undefined) === is(b, 'batch', 'transaction', 'history')),
  'bdl-4': (b, entries) =>
    entries.every(
      (e) =>
        (e.response !== undefined) === is(b, 'batch-response', 'transaction-response', 'history'),
    ),
  'bdl-7': (b, entries) => is(b, 'history') || fullUrlsDistinct(entries),
  'bdl-9': (b) => {
    const id = isJsonObject(b.identifier) ? b.identifier : {};
    return !is(b, 'document') || (id.system !== undefined && id.value !== undefined);
  },
  'bdl-10': (b) => !is(b, 'document') || b.timestamp !== undefined,
  'bdl-11': (b, entries) => !is(b, 'document') || firstType(entries) === 'Composition',
  'bdl-12': (b, entries) => !is(b, 'message') || firstType(entries) === 'MessageHeader',
};

/** R4 invariants on each `Bundle.entry`. */
const ENTRY_RULES: Readonly<Record<string, EntryRule>> = {
  'bdl-5': (e) => e.resource !== undefined || e.request !== undefined || e.response !== undefined,
  'bdl-8': (e) => typeof e.fullUrl !== 'string' || !e.fullUrl.includes('/_history/'),
};

/** The Bundle invariants checked natively: fhirpath.js takes 20–130 µs for each of them. */
export const BUNDLE_INVARIANTS: ReadonlySet<string> = new Set([
  ...Object.keys(BUNDLE_RULES),
  ...Object.keys(ENTRY_RULES),
]);

/**
 * Checks the R4 `bdl-*` invariants of a Bundle; their wording comes from the Bundle definition
 * (`human` by key).
 */
export function checkBundleInvariants(
  bundle: JsonObject,
  expression: string,
  human: ReadonlyMap<string, string>,
  ctx: WalkContext,
): void {
  const entries = (Array.isArray(bundle.entry) ? bundle.entry : []).filter(isJsonObject);
  const fail = (key: string, where: string) => {
    const m = MESSAGES.invariant(key, human.get(key) ?? key);
    report(ctx, 'error', 'invariant', where, m, key);
  };
  for (const [key, rule] of Object.entries(BUNDLE_RULES)) {
    if (!rule(bundle, entries)) {
      fail(key, expression);
    }
  }
  entries.forEach((entry, i) => {
    for (const [key, rule] of Object.entries(ENTRY_RULES)) {
      if (!rule(entry)) {
        fail(key, `${expression}.entry[${i}]`);
      }
    }
  });
}

function fullUrlsDistinct(entries: readonly Entry[]): boolean {
  const seen = new Set<string>();
  for (const e of entries) {
    if (typeof e.fullUrl !== 'string') {
      continue;
    }
    const meta = isJsonObject(e.resource) && isJsonObject(e.resource.meta) ? e.resource.meta : {};
    const key = `${e.fullUrl}${typeof meta.versionId === 'string' ? meta.versionId : ''}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
  }
  return true;
}

function firstType(entries: readonly Entry[]): unknown {
  const first = entries[0];
  return first !== undefined && isJsonObject(first.resource)
    ? first.resource.resourceType
    : undefined;
}
