import { checkBundleInvariants } from './check-bundle-invariants.ts';
import { checkComplex } from './check-complex.ts';
import { checkDomainResource } from './check-domain-resource.ts';
import { checkInvariants } from './check-invariants.ts';
import type { ResourceRule } from './element-rule.ts';
import { MESSAGES } from './messages.ts';
import {
  isJsonObject,
  report,
  type BundleIndex,
  type JsonObject,
  type LocatedResource,
  type ResourcePlace,
  type ResourceScope,
  type WalkContext,
} from './walk-context.ts';

/**
 * Checks a resource against `rules` (profiles), or else the profiles asked for its type, or
 * else its base definition: the root invariants, then its elements. On the first check of a
 * resource (`first`) also the native `bdl-*` and `dom-*` invariants.
 */
export function checkResource(
  value: unknown,
  place: ResourcePlace,
  ctx: WalkContext,
  rules: readonly ResourceRule[] | undefined,
  first: boolean,
): void {
  const { expression, container } = place;
  const type = isJsonObject(value) ? value.resourceType : undefined;
  const base = typeof type === 'string' ? ctx.registry.resource(type) : undefined;
  if (!isJsonObject(value) || typeof type !== 'string' || base === undefined) {
    const m = MESSAGES.unknownResourceType(type);
    report(ctx, 'error', 'structure', expression, m, 'resource-type');
    return;
  }
  const bundle = type === 'Bundle' ? indexBundle(value, expression) : place.bundle;
  const scope: ResourceScope = { resource: value, expression, container, bundle };
  const inner: WalkContext = {
    ...ctx,
    scope,
    env: { resource: value, rootResource: container?.resource ?? value },
  };
  if (first) {
    checkNative(value, type, scope, base, ctx);
  }
  for (const rule of rules ?? ctx.profilesByType.get(type) ?? [base]) {
    if (rule.type !== type) {
      const m = MESSAGES.profileWrongType(rule.url, type);
      report(ctx, 'error', 'structure', expression, m, 'profile');
      continue;
    }
    ctx.checkedProfiles.add(`${expression}|${rule.url}`);
    checkInvariants(value, rule.root.invariants, expression, inner);
    checkComplex(value, rule.content, expression, inner, true);
  }
}

/** Records a nested resource (Bundle entry, contained) to check after its holder. */
export function deferResource(
  value: unknown,
  expression: string,
  ctx: WalkContext,
  container: ResourceScope | undefined,
): void {
  const place = { expression, container, bundle: ctx.scope.bundle };
  ctx.pending.set(expression, { value, place, profiles: [], walked: false });
}

function checkNative(
  value: JsonObject,
  type: string,
  scope: ResourceScope,
  base: ResourceRule,
  ctx: WalkContext,
) {
  if (type === 'Bundle') {
    checkBundleInvariants(value, scope.expression, ctx.registry.bundleInvariantTexts, ctx);
  }
  if (base.content.byJsonName.has('contained')) {
    checkDomainResource(value, scope.expression, scope.container !== undefined, ctx);
    if (Array.isArray(value.contained) && value.contained.length > 0) {
      ctx.containers.push(scope);
    }
  }
}

/** A Bundle's entries by `fullUrl` and by `Type/id`, for reference resolution. */
function indexBundle(bundle: JsonObject, expression: string): BundleIndex {
  const index = new Map<string, LocatedResource>();
  const entries: unknown[] = Array.isArray(bundle.entry) ? bundle.entry : [];
  entries.forEach((entry, i) => {
    if (!isJsonObject(entry) || !isJsonObject(entry.resource)) {
      return;
    }
    const located = { resource: entry.resource, expression: `${expression}.entry[${i}].resource` };
    if (typeof entry.fullUrl === 'string') {
      index.set(entry.fullUrl, located);
    }
    const { resourceType, id } = entry.resource;
    if (typeof resourceType === 'string' && typeof id === 'string') {
      index.set(`${resourceType}/${id}`, located);
    }
  });
  return index;
}
