import { MESSAGES } from './messages.ts';
import { isJsonObject, report, type JsonObject, type WalkContext } from './walk-context.ts';

/** The R4 DomainResource invariants checked natively (FHIRPath for these costs most of a run). */
export const DOMAIN_RESOURCE_INVARIANTS: ReadonlySet<string> = new Set([
  'dom-2',
  'dom-4',
  'dom-5',
  'dom-6',
]);

const HUMAN = {
  'dom-2':
    'If the resource is contained in another resource, it SHALL NOT contain nested Resources',
  'dom-4':
    'If a resource is contained in another resource, it SHALL NOT have a meta.versionId or a meta.lastUpdated',
  'dom-5': 'If a resource is contained in another resource, it SHALL NOT have a security label',
  'dom-6': 'A resource should have narrative for robust management',
} as const;

/**
 * `dom-2`, `dom-4`, `dom-5` on the contained resources of a DomainResource, and `dom-6`
 * (a warning: narrative) on a resource that is not itself contained.
 */
export function checkDomainResource(
  resource: JsonObject,
  expression: string,
  isContained: boolean,
  ctx: WalkContext,
): void {
  const contained: unknown[] = Array.isArray(resource.contained) ? resource.contained : [];
  contained.forEach((item, i) => {
    if (!isJsonObject(item)) {
      return;
    }
    const where = `${expression}.contained[${i}]`;
    const meta = isJsonObject(item.meta) ? item.meta : {};
    if (item.contained !== undefined) {
      fail(ctx, 'dom-2', where);
    }
    if (meta.versionId !== undefined || meta.lastUpdated !== undefined) {
      fail(ctx, 'dom-4', where);
    }
    if (meta.security !== undefined) {
      fail(ctx, 'dom-5', where);
    }
  });
  const text = isJsonObject(resource.text) ? resource.text : {};
  if (!isContained && text.div === undefined) {
    const m = MESSAGES.invariant('dom-6', HUMAN['dom-6']);
    report(ctx, 'warning', 'invariant', expression, m, 'dom-6');
  }
}

function fail(ctx: WalkContext, key: 'dom-2' | 'dom-4' | 'dom-5', expression: string) {
  report(ctx, 'error', 'invariant', expression, MESSAGES.invariant(key, HUMAN[key]), key);
}
