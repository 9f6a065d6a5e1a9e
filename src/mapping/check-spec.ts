import { compileRules, pathKey, type CompileContext, type Problems } from './compile-rule.ts';
import { invertRule, type CompiledRule, type CompiledSpec } from './compiled-rule.ts';
import { SPEC_KEYS, type MappingSpec } from './mapping-spec.ts';
import { formatSegments, parsePath } from './path.ts';
import { isObject } from './read-path.ts';
import type { ArgsContext, TransformDef } from './transform.ts';

/** A spec that passed the checks, compiled for each direction it serves. */
export interface CheckedSpec {
  readonly spec: MappingSpec;
  readonly forward: CompiledSpec;
  /** Present when the spec is bidirectional. */
  readonly reverse?: CompiledSpec;
}

/** What checking needs. */
export interface CheckContext extends ArgsContext {
  readonly transforms: ReadonlyMap<string, TransformDef>;
}

/** A spec file before its shape is known. */
interface LooseSpec {
  readonly source?: { readonly root?: string };
  readonly target?: { readonly root?: string };
  readonly bidirectional?: unknown;
  readonly ignore?: { readonly source?: unknown; readonly target?: unknown };
  readonly rules?: unknown;
}

const ID = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Checks a parsed spec file: its shape, every rule (paths, transforms and their arguments,
 * ConceptMaps referenced, conditions, repetitions), targets written twice, and — when the spec
 * is bidirectional — that every rule can be inverted. Returns every problem found.
 */
export function checkSpec(raw: unknown, context: CheckContext): CheckedSpec | Problems {
  const problems: Problems = [];
  if (!isObject(raw)) {
    return ['not a JSON object'];
  }
  checkHeader(raw, problems);
  const spec = raw as LooseSpec;
  const roots = { sourceRoot: spec.source?.root, targetRoot: spec.target?.root };
  const compileContext: CompileContext = { ...context, ...definedOnly(roots) };
  const rules = compileRules(spec.rules, compileContext, problems);
  checkDuplicates(rules, 'target', problems);
  const forward = {
    rules,
    ignore: ignorePatterns(spec.ignore?.source, spec.source?.root, problems),
  };
  if (spec.bidirectional !== true) {
    return problems.length > 0 ? problems : { spec: raw as unknown as MappingSpec, forward };
  }
  checkInvertible(rules, problems);
  const inverted = rules.map(invertRule);
  checkDuplicates(inverted, 'source', problems);
  const reverse = {
    rules: inverted,
    ignore: ignorePatterns(spec.ignore?.target, spec.target?.root, problems),
  };
  return problems.length > 0 ? problems : { spec: raw as unknown as MappingSpec, forward, reverse };
}

function definedOnly(roots: { sourceRoot?: string | undefined; targetRoot?: string | undefined }) {
  return Object.fromEntries(Object.entries(roots).filter(([, v]) => typeof v === 'string')) as {
    sourceRoot?: string;
    targetRoot?: string;
  };
}

function checkHeader(raw: Record<string, unknown>, problems: Problems): void {
  Object.keys(raw)
    .filter((k) => !SPEC_KEYS.includes(k))
    .forEach((k) => problems.push(`spec: unknown key "${k}"`));
  if (typeof raw.id !== 'string' || !ID.test(raw.id)) {
    problems.push('spec: "id" must be lower-case letters, digits and dashes');
  }
  if (typeof raw.description !== 'string' || raw.description.trim() === '') {
    problems.push('spec: "description" is required');
  }
  for (const side of ['source', 'target'] as const) {
    const value = raw[side];
    if (!isObject(value) || typeof value.format !== 'string') {
      problems.push(`spec: "${side}" must be an object with a "format"`);
    } else if (
      value.root !== undefined &&
      (typeof value.root !== 'string' || !/^[A-Za-z]\w*$/.test(value.root))
    ) {
      problems.push(`spec: "${side}.root" must be a name`);
    }
  }
  if (raw.bidirectional !== undefined && typeof raw.bidirectional !== 'boolean') {
    problems.push('spec: "bidirectional" must be true or false');
  }
}

/** Two rules writing the same target (or, reversed, the same source) path. */
function checkDuplicates(
  rules: readonly CompiledRule[],
  side: 'source' | 'target',
  problems: Problems,
): void {
  const seen = new Map<string, string>();
  const visit = (list: readonly CompiledRule[], base: string) => {
    for (const rule of list) {
      for (const path of rule.targets) {
        const key = base + pathKey(path);
        const first = seen.get(key);
        if (first !== undefined) {
          problems.push(
            `rule ${rule.label}: writes ${side} "${key}" already written by rule ${first}`,
          );
        }
        seen.set(key, first ?? rule.label);
        if (rule.each !== undefined) {
          visit(rule.each, `${key}.`);
        }
      }
    }
  };
  visit(rules, '');
}

function checkInvertible(rules: readonly CompiledRule[], problems: Problems): void {
  for (const rule of rules) {
    if (rule.when !== undefined) {
      problems.push(
        `rule ${rule.label}: a bidirectional spec cannot use "when" (the reverse cannot test it)`,
      );
    }
    rule.transforms
      .filter((t) => !t.reverse && t.def.inverse === undefined)
      .forEach((t) =>
        problems.push(
          `rule ${rule.label}: transform "${t.def.name}" has no inverse, so the spec cannot be bidirectional`,
        ),
      );
    if (rule.each !== undefined) {
      checkInvertible(rule.each, problems);
    }
  }
}

function ignorePatterns(list: unknown, root: string | undefined, problems: Problems): string[] {
  if (list === undefined) {
    return [];
  }
  if (!Array.isArray(list)) {
    problems.push('spec: "ignore.source" and "ignore.target" must be lists of { path, reason }');
    return [];
  }
  return list.flatMap((entry: unknown) => {
    const ok =
      isObject(entry) &&
      typeof entry.path === 'string' &&
      typeof entry.reason === 'string' &&
      entry.reason !== '';
    if (!ok) {
      problems.push(`spec: ignore entry ${JSON.stringify(entry)} needs a "path" and a "reason"`);
      return [];
    }
    try {
      const segments = parsePath(entry.path as string).segments;
      const rooted = root !== undefined && segments[0]?.name === root && segments.length > 1;
      return [formatSegments(rooted ? segments.slice(1) : segments)];
    } catch (error) {
      problems.push(`spec: bad ignore path: ${(error as Error).message}`);
      return [];
    }
  });
}
