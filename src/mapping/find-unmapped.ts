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
  const visit = (value: unknown, at: string): void => {
    if (consumed.has(at) || (ignored.size > 0 && at !== '' && ignored.has(pattern(at)))) {
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        visit(value[i], childLocation(at, i));
      }
    } else if (isObject(value)) {
      for (const key in value) {
        visit(value[key], childLocation(at, key));
      }
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
