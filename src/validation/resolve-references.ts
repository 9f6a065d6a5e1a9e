import { checkResource } from './check-resource.ts';
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
 * there are resolved too. A reference whose element targets one of our profiles must resolve
 * inside the message or carry an identifier: the broker cannot read what is elsewhere.
 */
export function resolveReferences(ctx: WalkContext, from: number): number {
  for (let i = from; i < ctx.references.length; i += 1) {
    const site = ctx.references[i];
    if (site === undefined) {
      continue;
    }
    const target = site.reference === undefined ? undefined : findTarget(site, site.reference, ctx);
    if (target !== undefined) {
      checkTarget(site, target, ctx);
    } else if (!site.hasIdentifier && site.reference?.startsWith('#') !== true) {
      checkLocalRequired(site, ctx);
    }
  }
  return ctx.references.length;
}

function checkLocalRequired(site: ReferenceSite, ctx: WalkContext) {
  const ours = site.targetProfiles.filter((url) => ctx.registry.conformance.profiles.has(url));
  const profile = ours[0];
  if (profile !== undefined) {
    const m = MESSAGES.referenceNotLocal(
      site.reference ?? '',
      profile.slice(profile.lastIndexOf('/') + 1),
    );
    report(ctx, 'error', 'required', site.expression, m, 'pe-reference');
  }
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
  const allowed = site.targetProfiles.map(
    (url) => lookupDefinition(ctx.registry.conformance, url)?.type ?? url,
  );
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
