import type { ConceptMap } from 'fhir/r4.js';
import { checkSpec, type CheckedSpec } from './check-spec.ts';
import type { CompiledSpec } from './compiled-rule.ts';
import { findUnmapped } from './find-unmapped.ts';
import type { MappingResult } from './mapping-issue.ts';
import type { MappingSpec } from './mapping-spec.ts';
import { pruneEmpty } from './prune-empty.ts';
import { runRules, type RunState } from './run-rules.ts';
import { TRANSFORMS } from './transform-registry.ts';
import { createTranslator, type TranslateFn } from './translate-code.ts';

/** Maps one source object to a target object; reports, never throws on data. */
export type MapFn = (source: unknown) => MappingResult;

/** A compiled spec. */
export interface Mapper {
  readonly id: string;
  readonly spec: MappingSpec;
  /** Source → target. */
  readonly map: MapFn;
  /** Target → source; only for bidirectional specs. */
  readonly reverse?: MapFn;
}

/**
 * Compiles a spec once (checking it: a bad spec throws, listing every problem) against the
 * ConceptMaps by canonical URL, and returns its mapping function(s).
 */
export function createMapper(
  spec: MappingSpec,
  conceptMaps: ReadonlyMap<string, ConceptMap>,
): Mapper {
  const checked = checkSpec(spec, {
    transforms: TRANSFORMS,
    conceptMaps: new Set(conceptMaps.keys()),
  });
  if (Array.isArray(checked)) {
    throw new Error(`mapping spec ${spec.id}:\n  ${checked.join('\n  ')}`);
  }
  return mapperOf(checked, createTranslator(conceptMaps));
}

/** The mapping function(s) of a spec already checked and compiled, with a shared translator. */
export function mapperOf(checked: CheckedSpec, translate: TranslateFn): Mapper {
  const compile =
    (compiled: CompiledSpec): MapFn =>
    (source) => {
      const state: RunState = { consumed: new Set(), issues: [], context: { translate } };
      const target: Record<string, unknown> = {};
      runRules(compiled.rules, { source, sourceAt: '', target, targetAt: '' }, state);
      const issues = [...state.issues, ...findUnmapped(source, state.consumed, compiled.ignore)];
      return { target: pruneEmpty(target), issues };
    };
  const spec = checked.spec;
  const mapper = { id: spec.id, spec, map: compile(checked.forward) };
  return checked.reverse === undefined ? mapper : { ...mapper, reverse: compile(checked.reverse) };
}
