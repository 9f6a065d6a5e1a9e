import type { InvariantRule } from './element-rule.ts';
import { MESSAGES } from './messages.ts';
import { report, type WalkContext } from './walk-context.ts';

/**
 * Evaluates compiled FHIRPath invariants on a value, with `%resource` and `%rootResource` set.
 * An invariant fails when it evaluates to `false`; one that throws is reported as a
 * processing error with the engine's message.
 */
export function checkInvariants(
  value: unknown,
  invariants: readonly InvariantRule[],
  expression: string,
  ctx: WalkContext,
): void {
  for (const inv of invariants) {
    let result: unknown[];
    try {
      result = inv.evaluate(value, ctx.env);
    } catch (err) {
      const m = MESSAGES.invariantError(inv.key, err instanceof Error ? err.message : String(err));
      report(ctx, 'error', 'processing', expression, m, inv.key);
      continue;
    }
    if (result.includes(false)) {
      report(
        ctx,
        inv.severity,
        'invariant',
        expression,
        MESSAGES.invariant(inv.key, inv.human),
        inv.key,
      );
    }
  }
}
