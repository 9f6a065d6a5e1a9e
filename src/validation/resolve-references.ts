import { checkResource } from './check-resource.ts';
import { findByIdentifier } from './find-by-identifier.ts';
import { lookupDefinition } from './load-conformance.ts';
import { MESSAGES } from './messages.ts';
import {
  isJsonObject,
  report,
  type LocatedResource,
  type ReferenceSite,
  type WalkContext,
} from './walk-context.ts';

/**
 * Resolves the references met during the walk: `#id` to a contained resource (`ref-1`),
 * `urn:uuid:`/`urn:oid:` and `Type/id` to an entry of the enclosing Bundle. An unresolved `#`
 * or `urn:` reference is an error, an unresolved relative one inside a Bundle a warning.
 * A resolved target must be of a type the element allows and is checked against the
 * element's target profiles that are ours (each target and profile once); references met
 * there are resolved too. A logical reference (identifier only) resolves to the one resource of
 * the message carrying that identifier. A reference whose element targets one of our profiles
 * must resolve inside the message or carry an identifier: the broker cannot read what is
 * elsewhere. Any other reference to a profiled target that cannot be resolved here (identifier
 * only, absolute URL, outside a Bundle) is a warning: the target could not be checked offline.
 */
export function resolveReferences(ctx: WalkContext, from: number): number {
  for (let i = from; i < ctx.references.length; i += 1) {
    const site = ctx.references[i];
    if (site !== undefined) {
      resolveReference(site, ctx);
    }
  }
  return ctx.references.length;
}

function resolveReference(site: ReferenceSite, ctx: WalkContext) {
  const ref = site.reference;
  const target =
    ref === undefined
      ? findByIdentifier(site, allowedTypesOf(site, ctx))
      : findTarget(site, ref, ctx);
  if (target !== undefined) {
    checkTarget(site, target, ctx);
  } else if (ref?.startsWith('#') === true) {
    // reported by ref-1 where it was looked for
  } else if (!site.hasIdentifier && ours(site, ctx) !== undefined) {
    checkLocalRequired(site, ctx);
  } else {
    checkUnresolved(site, ctx);
  }
}

function allowedTypesOf(site: ReferenceSite, ctx: WalkContext): string[] {
  return site.targetProfiles.map(
    (url) => lookupDefinition(ctx.registry.conformance, url)?.type ?? url,
  );
}

function ours(site: ReferenceSite, ctx: WalkContext): string | undefined {
  return site.targetProfiles.find((url) => ctx.registry.conformance.profiles.has(url));
}

/**
 * A reference whose element constrains its target to a profile (not just a type) and whose
 * target is not in the message: the broker never fetches, so the target cannot be checked.
 */
function checkUnresolved(site: ReferenceSite, ctx: WalkContext) {
  const { conformance } = ctx.registry;
  const constrained = site.targetProfiles.find((url) => {
    const sd = lookupDefinition(conformance, url);
    return sd === undefined || conformance.coreTypes.get(sd.type)?.url !== url;
  });
  if (constrained !== undefined) {
    const shown = site.reference ?? `identifier ${String(site.identifier?.value)}`;
    const m = MESSAGES.referenceUnresolvable(shown, constrained);
    report(ctx, 'warning', 'not-found', site.expression, m, 'reference-unresolved');
  }
}

/** A reference to one of our profiles that is neither in the message nor an identifier. */
function checkLocalRequired(site: ReferenceSite, ctx: WalkContext) {
  const profile = ours(site, ctx) ?? '';
  const m = MESSAGES.referenceNotLocal(
    site.reference ?? '',
    profile.slice(profile.lastIndexOf('/') + 1),
  );
  report(ctx, 'error', 'required', site.expression, m, 'pe-reference');
}

function findTarget(
  site: ReferenceSite,
  reference: string,
  ctx: WalkContext,
): LocatedResource | undefined {
  const { expression, scope } = site;
  if (reference.startsWith('#')) {
    const holder = scope.container ?? scope;
    const contained: unknown[] = Array.isArray(holder.resource.contained)
      ? holder.resource.contained
      : [];
    const index = contained.findIndex((r) => isJsonObject(r) && `#${String(r.id)}` === reference);
    const found = contained[index];
    if (reference === '#') {
      return holder;
    }
    if (!isJsonObject(found)) {
      report(ctx, 'error', 'not-found', expression, MESSAGES.referenceNotFound(reference), 'ref-1');
      return undefined;
    }
    return { resource: found, expression: `${holder.expression}.contained[${index}]` };
  }
  const found = scope.bundle?.get(reference);
  if (found === undefined && scope.bundle !== undefined) {
    if (reference.startsWith('urn:')) {
      report(
        ctx,
        'error',
        'not-found',
        expression,
        MESSAGES.referenceNotFound(reference),
        'bundle-reference',
      );
    } else if (!reference.includes(':')) {
      report(
        ctx,
        'warning',
        'not-found',
        expression,
        MESSAGES.referenceNotFound(reference),
        'bundle-reference',
      );
    }
  }
  return found;
}

function checkTarget(site: ReferenceSite, target: LocatedResource, ctx: WalkContext) {
  const type = String(target.resource.resourceType);
  const allowed = allowedTypesOf(site, ctx);
  if (allowed.length > 0 && !allowed.includes(type) && !allowed.includes('Resource')) {
    const m = MESSAGES.referenceWrongType(site.reference ?? '', type, allowed.join(' | '));
    report(ctx, 'error', 'structure', site.expression, m, 'reference-type');
    return;
  }
  for (const url of site.targetProfiles) {
    const rule = ctx.registry.conformance.profiles.has(url)
      ? ctx.registry.resource(url)
      : undefined;
    if (rule === undefined || rule.type !== type) {
      continue;
    }
    const pending = ctx.pending.get(target.expression);
    if (pending !== undefined && !pending.walked) {
      if (!pending.profiles.includes(rule)) {
        pending.profiles.push(rule);
      }
    } else if (!ctx.checkedProfiles.has(`${target.expression}|${url}`)) {
      const place = pending?.place ?? {
        expression: target.expression,
        container: undefined,
        bundle: undefined,
      };
      checkResource(target.resource, place, ctx, [rule], false);
    }
  }
}
