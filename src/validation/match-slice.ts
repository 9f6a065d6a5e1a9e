import type { DiscriminatorRule, ElementRule, SlicingRule } from './element-rule.ts';
import { conformsToProfile } from './conforms-to-profile.ts';
import {
  evaluateDiscriminatorPath,
  type PathTarget,
  type SliceCandidate,
} from './evaluate-discriminator-path.ts';
import { lookupDefinition } from './load-conformance.ts';
import { equalsJson, matchesPattern } from './match-value.ts';
import { MESSAGES } from './messages.ts';
import { isJsonObject, report, type WalkContext } from './walk-context.ts';

/**
 * Whether an occurrence matches a slice: every discriminator holds.
 * - `value` / `pattern`: the value at the path equals the slice's fixed value, or contains its
 *   pattern;
 * - `exists`: the value at the path is present exactly when the slice requires it;
 * - `type`: the value's type (resource type, choice variant, resolved reference's type) is one
 *   the slice allows;
 * - `profile`: the value (or resolved reference) conforms to a profile the slice's type names.
 * A discriminator kind or path this validator cannot evaluate is reported (a warning on the
 * occurrence) and matches nothing.
 */
export function matchesSlice(
  o: SliceCandidate,
  slice: ElementRule,
  slicing: SlicingRule,
  ctx: WalkContext,
): boolean {
  return slicing.discriminators.every((d) => {
    const target = evaluateDiscriminatorPath(o, slice, d.path, ctx);
    if (target === undefined) {
      unsupported(o, d, ctx);
      return false;
    }
    switch (d.type) {
      case 'value':
      case 'pattern':
        return target.rule !== undefined && matchesFixedOrPattern(target.value, target.rule);
      case 'exists':
        return target.rule !== undefined && target.rule.min > 0 === (target.value !== undefined);
      case 'type':
        return matchesType(target, ctx);
      case 'profile':
        return matchesProfile(o, target, ctx);
      default:
        unsupported(o, d, ctx);
        return false;
    }
  });
}

function unsupported(o: SliceCandidate, d: DiscriminatorRule, ctx: WalkContext) {
  const m = MESSAGES.discriminatorUnsupported(d.type, d.path);
  report(ctx, 'warning', 'not-supported', o.expression, m, 'slicing');
}

function matchesFixedOrPattern(actual: unknown, rule: ElementRule): boolean {
  if (rule.fixed !== undefined) {
    return equalsJson(actual, rule.fixed);
  }
  return rule.pattern !== undefined && matchesPattern(actual, rule.pattern);
}

/** The types a slice allows at the path: type codes, and the types of its (target) profiles. */
function allowedTypes(target: PathTarget, ctx: WalkContext): string[] {
  const typeOf = (url: string) => lookupDefinition(ctx.registry.conformance, url)?.type ?? url;
  return (target.rule?.types ?? []).flatMap((t) =>
    target.resolved
      ? t.targetProfiles.map(typeOf)
      : [...(t.code === 'Resource' ? [] : [t.code]), ...t.profiles.map(typeOf)],
  );
}

function matchesType(target: PathTarget, ctx: WalkContext): boolean {
  const { value } = target;
  const actual =
    isJsonObject(value) && typeof value.resourceType === 'string'
      ? value.resourceType
      : target.typeCode;
  return actual !== undefined && allowedTypes(target, ctx).includes(actual);
}

function matchesProfile(o: SliceCandidate, target: PathTarget, ctx: WalkContext): boolean {
  const urls = (target.rule?.types ?? []).flatMap((t) =>
    target.resolved ? t.targetProfiles : t.profiles,
  );
  return urls.some((url) => {
    const conforms = conformsToProfile(target.value, url, ctx);
    if (conforms === undefined) {
      report(ctx, 'warning', 'not-found', o.expression, MESSAGES.unknownProfile(url), 'slicing');
    }
    return conforms === true;
  });
}
