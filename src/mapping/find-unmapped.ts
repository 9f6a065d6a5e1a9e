import type { MappingIssue } from './mapping-issue.ts';
import { childLocation } from './path.ts';
import { hasValue, isObject } from './read-path.ts';

/** `a[3].b[0]` → `a[].b[]`, to compare with ignore patterns. */
function pattern(location: string): string {
  return location.replace(/\[\d+\]/g, '[]');
}

/**
 * Every field of `source` that holds a value but was neither read by a rule (nor lies under a
 * location read whole) nor ignored by the spec, as `unmapped` issues.
 */
export function findUnmapped(
  source: unknown,
  consumed: ReadonlySet<string>,
  ignore: readonly string[],
): MappingIssue[] {
  const ignored = new Set(ignore);
  const issues: MappingIssue[] = [];
  const visit = (value: unknown, at: string) => {
    if (consumed.has(at) || (at !== '' && ignored.has(pattern(at)))) {
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v: unknown, i) => {
        visit(v, childLocation(at, i));
      });
    } else if (isObject(value)) {
      Object.entries(value).forEach(([k, v]) => {
        visit(v, childLocation(at, k));
      });
    } else if (hasValue(value)) {
      issues.push({
        kind: 'unmapped',
        severity: 'warning',
        path: at,
        message: `${at} has a value but no rule maps it`,
        value,
      });
    }
  };
  visit(source, '');
  return issues;
}
