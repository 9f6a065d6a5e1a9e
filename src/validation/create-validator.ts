import type { Resource } from 'fhir/r4.js';
import type { ResourceRule } from './element-rule.ts';
import { loadConformanceSet, type ConformanceSet } from './load-conformance.ts';
import { MESSAGES } from './messages.ts';
import { createRuleRegistry, type RuleRegistry } from './rule-registry.ts';
import type { ValidationIssue } from './validation-issue.ts';
import type { WalkContext } from './walk-context.ts';
import { walkMessage } from './walk-message.ts';

/** Options of one validation. */
export interface ValidateOptions {
  /**
   * Canonical URLs of profiles: every resource of a profile's type in the message (the root,
   * Bundle entries, contained resources) is checked against it instead of its base type.
   * Resources reached by references are also checked against our target profiles.
   */
  readonly profiles?: readonly string[];
}

/** A prepared validation function: every issue found, errors and warnings together. */
export type ValidateFn = (resource: unknown) => ValidationIssue[];

/** The validator, loaded once at start and shared. */
export interface Validator {
  readonly conformance: ConformanceSet;
  /** Validates against base R4, or the given profiles. Unknown profiles are reported. */
  validate(resource: unknown, options?: ValidateOptions): ValidationIssue[];
  /** The prepared function for these profiles (compiled on first use, then reused). */
  prepare(profiles?: readonly string[]): ValidateFn;
}

/**
 * Loads the R4 core definitions, terminology and our profiles (about a second), and returns
 * the validator. Profiles and types are compiled on first use and kept.
 */
export function createValidator(conformance: ConformanceSet = loadConformanceSet()): Validator {
  const registry = createRuleRegistry(conformance);
  const prepared = new Map<string, ValidateFn>();
  const prepare = (profiles: readonly string[] = []): ValidateFn => {
    const key = profiles.join(' ');
    let fn = prepared.get(key);
    if (fn === undefined) {
      fn = prepareProfiles(registry, profiles);
      prepared.set(key, fn);
    }
    return fn;
  };
  return {
    conformance,
    validate: (resource, options = {}) => prepare(options.profiles)(resource),
    prepare,
  };
}

function prepareProfiles(registry: RuleRegistry, profiles: readonly string[]): ValidateFn {
  const profilesByType = new Map<string, ResourceRule[]>();
  const unknown = profiles.filter((url) => registry.resource(url) === undefined);
  for (const url of profiles) {
    const rule = registry.resource(url);
    if (rule !== undefined) {
      profilesByType.set(rule.type, [...(profilesByType.get(rule.type) ?? []), rule]);
    }
  }
  return (resource) => {
    const issues: ValidationIssue[] = unknown.map((url) => ({
      severity: 'error',
      code: 'not-found',
      expression: '',
      message: MESSAGES.unknownProfile(url),
      rule: 'profile',
    }));
    const root = isResourceLike(resource) ? resource.resourceType : 'Resource';
    if (profiles.length > 0 && root !== 'Bundle' && !profilesByType.has(root)) {
      for (const url of profiles.filter((u) => !unknown.includes(u))) {
        const m = MESSAGES.profileWrongType(url, root);
        issues.push({
          severity: 'error',
          code: 'structure',
          expression: root,
          message: m,
          rule: 'profile',
        });
      }
    }
    const scope = { resource: {}, expression: root, container: undefined, bundle: undefined };
    const ctx: WalkContext = {
      registry,
      issues,
      references: [],
      pending: new Map(),
      checkedProfiles: new Set(),
      containers: [],
      profilesByType,
      scope,
      env: {},
    };
    walkMessage(resource, root, ctx);
    return dedupe(issues);
  };
}

function isResourceLike(value: unknown): value is Pick<Resource, 'resourceType'> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'resourceType' in value &&
    typeof value.resourceType === 'string'
  );
}

const RANK = { error: 0, warning: 1, information: 2 } as const;

/** Without repeats (a resource checked twice), errors first, otherwise in the order found. */
function dedupe(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  const sorted = [...issues].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  return sorted.filter((i) => {
    const key = `${i.severity}|${i.expression}|${i.rule}|${i.message.en}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}
