import { checkComplex } from './check-complex.ts';
import { checkInvariants } from './check-invariants.ts';
import { checkResource } from './check-resource.ts';
import { hasErrors } from './validation-issue.ts';
import { isJsonObject, type WalkContext } from './walk-context.ts';

/**
 * Whether a value conforms to a profile (a resource or data-type StructureDefinition known
 * here): the value is checked against it on the side, its issues kept apart from the
 * message's. Used to match slices with a `profile` discriminator. Undefined when the profile is
 * unknown (the caller reports it).
 */
export function conformsToProfile(
  value: unknown,
  url: string,
  ctx: WalkContext,
): boolean | undefined {
  const rule = ctx.registry.structure(url);
  if (rule === undefined) {
    return undefined;
  }
  if (!isJsonObject(value)) {
    return false;
  }
  const aside: WalkContext = {
    ...ctx,
    issues: [],
    references: [],
    pending: new Map(),
    checkedProfiles: new Set(),
    containers: [],
  };
  if (typeof value.resourceType === 'string') {
    const place = { expression: rule.type, container: undefined, bundle: ctx.scope.bundle };
    checkResource(value, place, aside, [rule], false);
  } else {
    checkInvariants(value, rule.root.invariants, rule.type, aside);
    checkComplex(value, rule.content, rule.type, aside);
  }
  return !hasErrors(aside.issues);
}
