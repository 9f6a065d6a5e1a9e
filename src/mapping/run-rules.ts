import type { CompiledRule, CompiledTransform } from './compiled-rule.ts';
import type { MappingIssue } from './mapping-issue.ts';
import { childLocation, type MappingPath } from './path.ts';
import { hasValue, isObject, readPath, type ReadResult } from './read-path.ts';
import type { TransformContext, TransformResult } from './transform.ts';
import { ensureArray, writePath } from './write-path.ts';

type Json = Record<string, unknown>;

/** The state of one mapping run: what was read, and every issue. */
export interface RunState {
  readonly consumed: Set<string>;
  readonly issues: MappingIssue[];
  readonly context: TransformContext;
}

/** Where the rules of one level read and write. */
interface Scope {
  readonly source: unknown;
  readonly sourceAt: string;
  readonly target: Json;
  readonly targetAt: string;
  /** Writes `$`, the repeated element itself (only inside a repetition). */
  readonly setSelf?: (value: unknown) => string | undefined;
}

/** Runs the rules in order; never throws on data, records issues instead. */
export function runRules(rules: readonly CompiledRule[], scope: Scope, state: RunState): void {
  for (const rule of rules) {
    if (conditionHolds(rule, scope, state)) {
      if (rule.each === undefined) {
        runValueRule(rule, scope, state);
      } else {
        runRepetition(rule, rule.each, scope, state);
      }
    }
  }
}

function conditionHolds(rule: CompiledRule, scope: Scope, state: RunState): boolean {
  if (rule.when === undefined) {
    return true;
  }
  const read = readPath(scope.source, rule.when.path.segments, scope.sourceAt);
  if (read !== undefined) {
    consume(read, state);
  }
  if (rule.when.exists !== undefined) {
    return (read !== undefined) === rule.when.exists;
  }
  return read !== undefined && String(read.value) === String(rule.when.equals);
}

function runValueRule(rule: CompiledRule, scope: Scope, state: RunState): void {
  const reads = rule.sources.map((p) => readPath(scope.source, p.segments, scope.sourceAt));
  const found = reads.filter((r): r is ReadResult => r !== undefined);
  found.forEach((r) => {
    consume(r, state);
  });
  let input: unknown;
  if (rule.sources.length > 0 && found.length === 0) {
    if (rule.default === undefined) {
      return;
    }
    input = rule.default;
  } else if (found.length < rule.sources.length) {
    const missing = rule.sources.filter((_, i) => reads[i] === undefined).map((p) => p.text);
    report(
      state,
      'transform-failed',
      found[0]?.location ?? scope.sourceAt,
      rule,
      `missing ${missing.join(', ')}`,
    );
    return;
  } else {
    input = rule.sources.length === 1 ? found[0]?.value : found.map((r) => r.value);
  }
  const at = found[0]?.location ?? scope.sourceAt;
  const value = transformValue(rule, input, at, state);
  if (value !== undefined) {
    writeValues(rule, value, scope, state);
  }
}

/** The transformed value, or undefined after reporting why not. */
function transformValue(rule: CompiledRule, input: unknown, at: string, state: RunState): unknown {
  const result = applyTransforms(rule.transforms, input, state.context);
  if (!result.ok) {
    const kind = result.untranslated === undefined ? 'transform-failed' : 'untranslated';
    report(state, kind, at, rule, result.reason, input, result.untranslated);
    return undefined;
  }
  if (result.warning !== undefined) {
    state.issues.push({
      kind: 'lossy',
      severity: 'warning',
      path: at,
      rule: rule.label,
      message: result.warning,
      value: input,
    });
  }
  return result.value;
}

/** Runs a chain of transforms, stopping at the first failure; warnings are kept. */
export function applyTransforms(
  chain: readonly CompiledTransform[],
  input: unknown,
  context: TransformContext,
): TransformResult {
  let value = input;
  const warnings: string[] = [];
  for (const t of chain) {
    const fn = t.reverse ? t.def.inverse : t.def.forward;
    if (fn === undefined) {
      return { ok: false, reason: `transform "${t.def.name}" has no inverse` };
    }
    const result = fn(value, t.args, context);
    if (!result.ok) {
      return result;
    }
    value = result.value;
    if (result.warning !== undefined) {
      warnings.push(result.warning);
    }
  }
  return warnings.length > 0
    ? { ok: true, value, warning: warnings.join('; ') }
    : { ok: true, value };
}

function writeValues(rule: CompiledRule, value: unknown, scope: Scope, state: RunState): void {
  const values = rule.targets.length === 1 ? [value] : Array.isArray(value) ? value : [];
  rule.targets.forEach((path: MappingPath, i) => {
    const given: unknown = values[i];
    // An object read whole is copied: the target never shares structure with the source.
    const v: unknown = typeof given === 'object' && given !== null ? structuredClone(given) : given;
    if (!hasValue(v)) {
      return;
    }
    const failure =
      path.segments.length === 0
        ? scope.setSelf?.(v)
        : writeFailure(writePath(scope.target, path.segments, v, scope.targetAt));
    if (failure !== undefined) {
      const at = scope.targetAt === '' ? path.text : `${scope.targetAt}.${path.text}`;
      report(state, 'write-failed', at, rule, failure, v);
    }
  });
}

function writeFailure(result: ReturnType<typeof writePath>): string | undefined {
  return result.ok ? undefined : result.reason;
}

function runRepetition(
  rule: CompiledRule,
  each: readonly CompiledRule[],
  scope: Scope,
  state: RunState,
): void {
  const [sourcePath] = rule.sources;
  const [targetPath] = rule.targets;
  if (sourcePath === undefined || targetPath === undefined) {
    return;
  }
  const read = readPath(scope.source, withoutEach(sourcePath), scope.sourceAt);
  if (read === undefined) {
    return;
  }
  if (!Array.isArray(read.value)) {
    state.consumed.add(read.location);
    report(
      state,
      'transform-failed',
      read.location,
      rule,
      'expected a list to repeat over',
      read.value,
    );
    return;
  }
  read.used.forEach((u) => {
    state.consumed.add(u);
  });
  const target = ensureArray(scope.target, targetPath.segments, scope.targetAt);
  if (typeof target === 'string') {
    report(state, 'write-failed', scope.targetAt || targetPath.text, rule, target);
    return;
  }
  read.value.forEach((element: unknown, i) => {
    const item = { element, at: childLocation(read.location, i), index: i };
    repeatOne(
      rule,
      each,
      item,
      { array: target.array, at: childLocation(target.location, i) },
      state,
    );
  });
}

function repeatOne(
  rule: CompiledRule,
  each: readonly CompiledRule[],
  item: { element: unknown; at: string; index: number },
  target: { array: unknown[]; at: string },
  state: RunState,
): void {
  if (!hasValue(item.element)) {
    return;
  }
  if (each.length === 0) {
    state.consumed.add(item.at);
    const value = transformValue(rule, item.element, item.at, state);
    if (value !== undefined) {
      target.array[item.index] = value;
    }
    return;
  }
  const element = (target.array[item.index] ??= {});
  if (!isObject(element)) {
    report(state, 'write-failed', target.at, rule, `${target.at} is not an object`);
    return;
  }
  const setSelf = (value: unknown): string | undefined => {
    const current = target.array[item.index];
    if (isObject(current) && Object.keys(current).length > 0) {
      return `${target.at} already holds fields`;
    }
    target.array[item.index] = value;
    return undefined;
  };
  const scope = { source: item.element, sourceAt: item.at, target: element, targetAt: target.at };
  runRules(each, { ...scope, setSelf }, state);
}

function withoutEach(path: MappingPath) {
  return path.segments.map((s, i) => (i === path.segments.length - 1 ? { name: s.name } : s));
}

function consume(read: ReadResult, state: RunState): void {
  state.consumed.add(read.location);
  read.used.forEach((u) => {
    state.consumed.add(u);
  });
}

function report(
  state: RunState,
  kind: MappingIssue['kind'],
  path: string,
  rule: CompiledRule,
  message: string,
  value?: unknown,
  untranslated?: { conceptMap: string; code: string },
): void {
  state.issues.push({
    kind,
    severity: 'error',
    path,
    rule: rule.label,
    message,
    ...(value === undefined ? {} : { value }),
    ...(untranslated ?? {}),
  });
}
