import { checkContainedReferenced } from './check-contained-referenced.ts';
import { checkResource } from './check-resource.ts';
import type { PendingResource, WalkContext } from './walk-context.ts';
import { resolveReferences } from './resolve-references.ts';

/**
 * Walks a whole message: the root resource, then its nested resources (Bundle entries,
 * contained) one at a time, resolving the references met after each. A nested resource is
 * checked once, against the profiles references to it asked for (their target profiles) and
 * the profiles asked for its type, or else its base definition; resources with profiles go
 * first so that later references usually find them already assigned.
 */
export function walkMessage(resource: unknown, root: string, ctx: WalkContext): void {
  checkResource(
    resource,
    { expression: root, container: undefined, bundle: undefined },
    ctx,
    undefined,
    true,
  );
  let resolved = 0;
  for (;;) {
    resolved = resolveReferences(ctx, resolved);
    const next = pickNext(ctx);
    if (next === undefined) {
      break;
    }
    next.walked = true;
    const byType = profilesByTypeOf(next, ctx);
    const rules =
      next.profiles.length > 0 ? [...new Set([...next.profiles, ...byType])] : undefined;
    checkResource(next.value, next.place, ctx, rules, true);
  }
  checkContainedReferenced(ctx);
}

function pickNext(ctx: WalkContext): PendingResource | undefined {
  let first: PendingResource | undefined;
  for (const pending of ctx.pending.values()) {
    if (pending.walked) {
      continue;
    }
    if (pending.profiles.length > 0 || profilesByTypeOf(pending, ctx).length > 0) {
      return pending;
    }
    first ??= pending;
  }
  return first;
}

function profilesByTypeOf(pending: PendingResource, ctx: WalkContext) {
  const value = pending.value;
  const type =
    typeof value === 'object' && value !== null && 'resourceType' in value
      ? String(value.resourceType)
      : '';
  return ctx.profilesByType.get(type) ?? [];
}
