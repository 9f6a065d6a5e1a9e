import type { BindingRule } from './element-rule.ts';
import { MESSAGES } from './messages.ts';
import { isJsonObject, report, type WalkContext } from './walk-context.ts';

interface Code {
  readonly system: string | undefined;
  readonly code: string;
}

/**
 * Checks a coded value (`code`, `Coding`, `CodeableConcept`, `Quantity`) against its binding,
 * with what can be known offline:
 * - a code of a complete CodeSystem known here that is not in it is an error at any strength
 *   but `example` (no coding of that system can fit);
 * - `required`: some coding must be in the ValueSet (error); `extensible`: a warning when none
 *   is (another code may be right when the ValueSet has none for the concept); `preferred`:
 *   information; `example`: nothing;
 * - a ValueSet drawing on a `fragment` CodeSystem (our IAFAS codes) only knows some codes: a
 *   code outside them is a warning (information when preferred), never an error;
 * - a `required` or `extensible` ValueSet that cannot be expanded here (external terminology,
 *   filters, unknown) is a warning saying the code was not checked.
 */
export function checkBinding(
  value: unknown,
  binding: BindingRule,
  expression: string,
  ctx: WalkContext,
): void {
  const codes = codesOf(value);
  if (binding.strength === 'example' || codes === undefined) {
    return;
  }
  const bogus = codes.find(
    (c) => c.system !== undefined && binding.systems.get(c.system)?.has(c.code) === false,
  );
  if (bogus !== undefined) {
    const m = MESSAGES.notInCodeSystem(bogus.code, bogus.system ?? '');
    report(ctx, 'error', 'code-invalid', expression, m, 'binding');
    return;
  }
  const valueSet = binding.codes;
  if (valueSet === undefined) {
    if (binding.strength === 'required' || binding.strength === 'extensible') {
      const m = MESSAGES.valueSetUnavailable(binding.valueSet, binding.strength);
      report(ctx, 'warning', 'not-found', expression, m, 'value-set-unavailable');
    }
    return;
  }
  if (codes.some((c) => valueSet.has(`${c.system ?? ''}|${c.code}`))) {
    return;
  }
  const severity = { required: 'error', extensible: 'warning', preferred: 'information' } as const;
  const shown = codes[0]?.code ?? value;
  if (binding.partial) {
    const m = MESSAGES.notAmongKnownCodes(shown, binding.valueSet);
    report(
      ctx,
      binding.strength === 'preferred' ? 'information' : 'warning',
      'code-invalid',
      expression,
      m,
      'binding',
    );
    return;
  }
  const m = MESSAGES.notInValueSet(shown, binding.valueSet, binding.strength);
  report(ctx, severity[binding.strength], 'code-invalid', expression, m, 'binding');
}

/** The codes of a coded value; undefined when it carries none to check (no `code`). */
function codesOf(value: unknown): Code[] | undefined {
  if (typeof value === 'string') {
    return [{ system: undefined, code: value }];
  }
  if (!isJsonObject(value)) {
    return undefined;
  }
  if (Array.isArray(value.coding) || 'text' in value) {
    const codings: unknown[] = Array.isArray(value.coding) ? value.coding : [];
    return codings.flatMap((c) => (isJsonObject(c) ? (codeOf(c) ?? []) : []));
  }
  const code = codeOf(value);
  return code === undefined ? undefined : [code];
}

function codeOf(c: Record<string, unknown>): Code | undefined {
  if (typeof c.code !== 'string') {
    return undefined;
  }
  return { system: typeof c.system === 'string' ? c.system : undefined, code: c.code };
}
