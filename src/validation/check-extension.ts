import type { ElementRule, ResourceRule } from './element-rule.ts';
import { MESSAGES } from './messages.ts';
import { report, type JsonObject, type WalkContext } from './walk-context.ts';

/** An element holding the sub-extensions of an extension (`Extension.extension`). */
const SUB_EXTENSION = /xtension\.extension$/;

/** An absolute URL (a scheme): a sub-extension's relative `url` names a slice of its parent. */
const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * The extension definition an `Extension` value names by its `url`, when it is known here (our
 * profiles, the R4 core extensions) and not already among the element's type profiles
 * (`declared`). An absolute `url` known nowhere is reported once per occurrence as
 * `extension-unknown`: a warning, or an error on a `modifierExtension` (its meaning changes
 * the resource's, so it cannot be ignored). A sub-extension's relative `url` (`text` inside a
 * complex extension) is its parent definition's business.
 */
export function extensionDefinitionOf(
  value: JsonObject,
  rule: ElementRule,
  declared: readonly ResourceRule[],
  expression: string,
  ctx: WalkContext,
): ResourceRule | undefined {
  const { url } = value;
  if (typeof url !== 'string' || declared.some((p) => p.url === url)) {
    return undefined;
  }
  const definition = ctx.registry.extension(url);
  if (definition !== undefined || declared.length > 0) {
    return definition;
  }
  if (SUB_EXTENSION.test(rule.path) && !ABSOLUTE.test(url)) {
    return undefined;
  }
  const modifier = rule.name === 'modifierExtension';
  const m = MESSAGES.unknownExtension(url, modifier);
  report(ctx, modifier ? 'error' : 'warning', 'extension', expression, m, 'extension-unknown');
  return undefined;
}
