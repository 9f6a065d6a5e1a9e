import { MESSAGES } from './messages.ts';
import { isJsonObject, report, type WalkContext } from './walk-context.ts';

const DOM_3 =
  'If the resource is contained in another resource, it SHALL be referred to from elsewhere in the resource or SHALL refer to the containing resource';

/**
 * `dom-3`: every contained resource is referenced (`#id`) from its container or from another
 * contained resource, or itself refers to the container (`#`). Run after the walk, over the
 * references it met.
 */
export function checkContainedReferenced(ctx: WalkContext): void {
  for (const holder of ctx.containers) {
    const referenced = new Set<string>();
    for (const site of ctx.references) {
      const siteHolder = site.scope.container ?? site.scope;
      if (siteHolder === holder && site.reference?.startsWith('#') === true) {
        referenced.add(site.reference === '#' ? `#${site.scope.expression}` : site.reference);
      }
    }
    const contained: unknown[] = Array.isArray(holder.resource.contained)
      ? holder.resource.contained
      : [];
    contained.forEach((r, i) => {
      const expression = `${holder.expression}.contained[${i}]`;
      if (
        !isJsonObject(r) ||
        referenced.has(`#${String(r.id)}`) ||
        referenced.has(`#${expression}`)
      ) {
        return;
      }
      report(ctx, 'error', 'invariant', expression, MESSAGES.invariant('dom-3', DOM_3), 'dom-3');
    });
  }
}
