import type { CompiledCondition, CompiledRule, CompiledTransform } from './compiled-rule.ts';
import { RULE_KEYS, type RuleSpec, type TransformSpec } from './mapping-spec.ts';
import { endsWithEach, formatSegments, parsePath, usesSelector, type MappingPath } from './path.ts';
import { isObject } from './read-path.ts';
import type { ArgsContext, TransformDef } from './transform.ts';

/** What compiling needs: the transforms, the ConceptMaps known, the roots of each side. */
export interface CompileContext extends ArgsContext {
  readonly transforms: ReadonlyMap<string, TransformDef>;
  readonly sourceRoot?: string;
  readonly targetRoot?: string;
}

/** Problems are collected (`rule label: message`), never thrown one by one. */
export type Problems = string[];

/** Compiles the rules of one level; `label` prefixes nested rule numbers (`#3.1`). */
export function compileRules(
  specs: unknown,
  context: CompileContext,
  problems: Problems,
  prefix = '#',
  nested = false,
): CompiledRule[] {
  if (!Array.isArray(specs) || specs.length === 0) {
    problems.push(
      `${prefix === '#' ? 'spec' : `rule ${prefix}`}: "rules" must be a non-empty array`,
    );
    return [];
  }
  return specs.flatMap((spec: unknown, i) => {
    const rule = compileRule(
      spec,
      context,
      problems,
      `${prefix}${prefix === '#' ? '' : '.'}${i + 1}`,
      nested,
    );
    return rule === undefined ? [] : [rule];
  });
}

function compileRule(
  raw: unknown,
  context: CompileContext,
  problems: Problems,
  number: string,
  nested: boolean,
): CompiledRule | undefined {
  if (!isObject(raw)) {
    problems.push(`rule ${number}: not an object`);
    return undefined;
  }
  const spec = raw as unknown as RuleSpec;
  const label = ruleLabel(number, spec);
  const report = (message: string) => problems.push(`rule ${label}: ${message}`);
  Object.keys(raw)
    .filter((k) => !RULE_KEYS.includes(k))
    .forEach((k) => {
      report(`unknown key "${k}"`);
    });
  const sources = paths(spec.source, nested ? undefined : context.sourceRoot, 'source', report);
  const targets = paths(spec.target, nested ? undefined : context.targetRoot, 'target', report);
  const transforms = compileTransforms(spec.transform, context, report);
  const when = compileCondition(spec.when, nested ? undefined : context.sourceRoot, report);
  const rule: CompiledRule = {
    label,
    sources,
    targets,
    transforms,
    ...(when === undefined ? {} : { when }),
    ...(spec.default === undefined ? {} : { default: spec.default }),
  };
  checkShape(rule, spec, report);
  if (!nested && [...sources, ...targets].some((p) => p.segments.length === 0)) {
    report('"$" (the element itself) is only allowed in the nested rules of a repetition');
  }
  const each = isRepetition(rule)
    ? compileEach(spec, context, problems, number, report)
    : undefined;
  return each === undefined ? rule : { ...rule, each };
}

function compileEach(
  spec: RuleSpec,
  context: CompileContext,
  problems: Problems,
  number: string,
  report: (m: string) => void,
): CompiledRule[] {
  if (spec.rules === undefined) {
    return [];
  }
  if (spec.transform !== undefined) {
    report('a repetition with nested "rules" takes no transform (put it on the nested rules)');
  }
  return compileRules(spec.rules, context, problems, number, true);
}

/** `#3 dni (a.b → C.d)`. */
export function ruleLabel(number: string, spec: Partial<RuleSpec>): string {
  const side = (v: unknown) => (Array.isArray(v) ? v.join(' + ') : typeof v === 'string' ? v : '∅');
  const id = typeof spec.id === 'string' ? ` ${spec.id}` : '';
  return `${number}${id} (${side(spec.source)} → ${side(spec.target)})`;
}

function paths(
  value: unknown,
  root: string | undefined,
  side: 'source' | 'target',
  report: (m: string) => void,
): MappingPath[] {
  if (value === undefined) {
    return [];
  }
  const texts = Array.isArray(value) ? value : [value];
  return texts.flatMap((text: unknown) => {
    const path = typeof text === 'string' ? tryParse(text, side, report) : undefined;
    if (typeof text !== 'string') {
      report(`"${side}" must be a path or a list of paths`);
    }
    return path === undefined ? [] : [stripRoot(path, root, side, report)];
  });
}

function tryParse(
  text: string,
  side: string,
  report: (m: string) => void,
): MappingPath | undefined {
  try {
    return parsePath(text);
  } catch (error) {
    report(`bad ${side} path: ${(error as Error).message}`);
    return undefined;
  }
}

function stripRoot(
  path: MappingPath,
  root: string | undefined,
  side: string,
  report: (m: string) => void,
): MappingPath {
  if (root === undefined) {
    return path;
  }
  const [first, ...rest] = path.segments;
  if (first?.name !== root || first.select !== undefined || rest.length === 0) {
    report(`${side} path "${path.text}" must start with "${root}."`);
    return path;
  }
  return { text: path.text, segments: rest };
}

function compileTransforms(
  value: unknown,
  context: CompileContext,
  report: (m: string) => void,
): CompiledTransform[] {
  if (value === undefined) {
    return [];
  }
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.flatMap((t) => {
    const compiled = compileTransform(t as TransformSpec, context, report);
    return compiled === undefined ? [] : [compiled];
  });
}

function compileTransform(
  spec: TransformSpec,
  context: CompileContext,
  report: (m: string) => void,
): CompiledTransform | undefined {
  const { name, reverse, ...args } =
    typeof spec === 'string' ? { name: spec } : isObject(spec) ? spec : { name: undefined };
  const def = typeof name === 'string' ? context.transforms.get(name) : undefined;
  if (def === undefined) {
    report(typeof name === 'string' ? `unknown transform "${name}"` : 'a transform needs a "name"');
    return undefined;
  }
  def.checkArgs(args, context).forEach((p) => {
    report(`transform "${def.name}": ${p}`);
  });
  if (reverse !== undefined && typeof reverse !== 'boolean') {
    report(`transform "${def.name}": "reverse" must be true or false`);
  }
  if (reverse === true && def.inverse === undefined) {
    report(`transform "${def.name}" has no inverse, so it cannot run in reverse`);
  }
  return { def, args, reverse: reverse === true };
}

function compileCondition(
  value: unknown,
  root: string | undefined,
  report: (m: string) => void,
): CompiledCondition | undefined {
  if (value === undefined) {
    return undefined;
  }
  const when = value as Partial<CompiledCondition> & { path?: unknown };
  const [path] = paths(isObject(value) ? when.path : undefined, root, 'source', report);
  const hasTest = (when.equals !== undefined) !== (when.exists !== undefined);
  if (!isObject(value) || path === undefined || !hasTest) {
    report('"when" must be { "path": …, "equals": value } or { "path": …, "exists": true|false }');
    return undefined;
  }
  return {
    path,
    ...(when.equals === undefined ? {} : { equals: when.equals }),
    ...(when.exists === undefined ? {} : { exists: when.exists }),
  };
}

function isRepetition(rule: CompiledRule): boolean {
  return (
    rule.sources.length === 1 && rule.sources[0] !== undefined && endsWithEach(rule.sources[0])
  );
}

/** Arity, repetition and selector checks that need the compiled paths. */
function checkShape(rule: CompiledRule, spec: RuleSpec, report: (m: string) => void): void {
  const first = rule.transforms[0];
  const wanted =
    rule.transforms.length === 0
      ? 1
      : ((first?.reverse ? first.def.targets : first?.def.sources) ?? 1);
  if (
    rule.transforms.length > 1 &&
    rule.transforms.some((t) => (t.def.sources ?? 1) !== 1 || (t.def.targets ?? 1) !== 1)
  ) {
    report('a transform with several or no values (constant, dateTime) must be alone');
  }
  if (rule.sources.length !== wanted) {
    report(
      wanted === 0
        ? 'a constant rule takes no "source"'
        : `expected ${wanted} source path(s), found ${rule.sources.length}`,
    );
  }
  if ((spec as Partial<RuleSpec>).target === undefined) {
    report('"target" is required');
  }
  rule.sources
    .filter((p) => usesSelector(p, 'append'))
    .forEach((p) => {
      report(`source path "${p.text}" cannot use [+]`);
    });
  rule.targets
    .filter((p) => p.segments.at(-1)?.select?.kind === 'filter')
    .forEach((p) => {
      report(`target path "${p.text}" must end with a field after its filter`);
    });
  checkRepetition(rule, spec, report);
}

function checkRepetition(rule: CompiledRule, spec: RuleSpec, report: (m: string) => void): void {
  const all = [...rule.sources, ...rule.targets];
  all
    .filter((p) => p.segments.slice(0, -1).some((s) => s.select?.kind === 'each'))
    .forEach((p) => {
      report(`"[]" may only end a path ("${p.text}")`);
    });
  const sourceEach = rule.sources.some(endsWithEach);
  const targetEach = rule.targets.some(endsWithEach);
  if (
    sourceEach !== targetEach ||
    (sourceEach && (rule.sources.length !== 1 || rule.targets.length !== 1))
  ) {
    report('a repetition maps one "a[]" source to one "b[]" target');
  }
  if (spec.rules !== undefined && !sourceEach) {
    report('nested "rules" need a repetition ("source": "a[]", "target": "b[]")');
  }
}

/** The canonical text of a compiled path, for duplicate checks. */
export function pathKey(path: MappingPath): string {
  return formatSegments(path.segments);
}
