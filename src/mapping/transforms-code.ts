import {
  checkKnownArgs,
  fail,
  ok,
  type TransformArgs,
  type TransformContext,
  type TransformDef,
} from './transform.ts';
import type { TranslateDirection } from './translate-code.ts';

const DIRECTIONS: readonly string[] = ['source-to-target', 'target-to-source'];

function run(value: unknown, args: TransformArgs, context: TransformContext, flip: boolean) {
  const url = String(args.conceptMap);
  const given = (args.direction ?? 'source-to-target') as TranslateDirection;
  const direction: TranslateDirection = flip
    ? given === 'source-to-target'
      ? 'target-to-source'
      : 'source-to-target'
    : given;
  const code =
    typeof value === 'string'
      ? value.trim()
      : typeof value === 'number'
        ? String(value)
        : undefined;
  if (code === undefined) {
    return fail(`${JSON.stringify(value)} is not a code`);
  }
  const result = context.translate(url, code, direction);
  switch (result.status) {
    case 'mapped':
      return ok(
        result.code,
        result.equivalence === 'equal' || result.equivalence === 'equivalent'
          ? undefined
          : `"${code}" → "${result.code}" is ${result.equivalence}, not equivalent (${url})`,
      );
    case 'ambiguous':
      return {
        ...fail(
          `"${code}" has several translations: ${result.candidates.map((c) => c.code).join(', ')}`,
        ),
        untranslated: { conceptMap: url, code },
      };
    case 'unmapped':
      return { ...fail(result.reason), untranslated: { conceptMap: url, code } };
  }
}

/**
 * Translates a code through the ConceptMap with canonical URL `conceptMap`, `direction`
 * `source-to-target` (default) or `target-to-source`; the inverse reads the map the other way.
 */
export const translate: TransformDef = {
  name: 'translate',
  checkArgs: (args, { conceptMaps }) => {
    const problems = checkKnownArgs(args, ['conceptMap', 'direction']);
    if (typeof args.conceptMap !== 'string') {
      problems.push('argument "conceptMap" (a canonical URL) is required');
    } else if (!conceptMaps.has(args.conceptMap)) {
      problems.push(`ConceptMap ${args.conceptMap} is referenced but missing`);
    }
    if (
      args.direction !== undefined &&
      (typeof args.direction !== 'string' || !DIRECTIONS.includes(args.direction))
    ) {
      problems.push('argument "direction" must be source-to-target or target-to-source');
    }
    return problems;
  },
  forward: (value, args, context) => run(value, args, context, false),
  inverse: (value, args, context) => run(value, args, context, true),
};
