import type { ConceptMap } from 'fhir/r4.js';
import { isObject } from './read-path.ts';

const EQUIVALENCES: ReadonlySet<string> = new Set([
  'relatedto',
  'equivalent',
  'equal',
  'wider',
  'subsumes',
  'narrower',
  'specializes',
  'inexact',
  'unmatched',
  'disjoint',
]);

/**
 * Checks what the engine relies on in a ConceptMap (full R4 validation is the validator's job,
 * see tests/unit/mapping/concept-maps.test.ts): a canonical `url`, groups with `source` and
 * `target` systems, elements with a code and targets with a known equivalence, a comment on
 * `narrower`/`inexact` (cmd-1), a code on all but `unmatched`, and `unmapped` modes this engine
 * supports (`provided`, `fixed` with a code; not `other-map`).
 */
export function checkConceptMap(raw: unknown): string[] {
  if (!isObject(raw) || raw.resourceType !== 'ConceptMap') {
    return ['not a ConceptMap'];
  }
  const map = raw as unknown as ConceptMap;
  const problems: string[] = [];
  if (typeof map.url !== 'string' || !/^https?:\/\//.test(map.url)) {
    problems.push('"url" must be a canonical http(s) URL');
  }
  if (!Array.isArray(map.group) || map.group.length === 0) {
    problems.push('"group" must be a non-empty array');
  }
  (map.group ?? []).forEach((group, g) => {
    const at = `group[${g}]`;
    if (typeof group.source !== 'string' || typeof group.target !== 'string') {
      problems.push(`${at}: "source" and "target" systems are required`);
    }
    if (
      group.unmapped?.mode === 'other-map' ||
      (group.unmapped?.mode === 'fixed' && group.unmapped.code === undefined)
    ) {
      problems.push(`${at}.unmapped: only "provided" and "fixed" (with a code) are supported`);
    }
    ((group.element as typeof group.element | undefined) ?? []).forEach((element, e) => {
      if (typeof element.code !== 'string') {
        problems.push(`${at}.element[${e}]: "code" is required`);
      }
      (element.target ?? []).forEach((target, t) => {
        problems.push(...checkTarget(target, `${at}.element[${e}].target[${t}]`));
      });
    });
  });
  return problems;
}

function checkTarget(
  target: NonNullable<
    NonNullable<ConceptMap['group']>[number]['element'][number]['target']
  >[number],
  at: string,
): string[] {
  const problems: string[] = [];
  if (!EQUIVALENCES.has(target.equivalence)) {
    problems.push(`${at}: unknown equivalence ${JSON.stringify(target.equivalence)}`);
  }
  if ((target.equivalence === 'narrower' || target.equivalence === 'inexact') && !target.comment) {
    problems.push(`${at}: a ${target.equivalence} mapping needs a comment (cmd-1)`);
  }
  if (target.equivalence !== 'unmatched' && typeof target.code !== 'string') {
    problems.push(`${at}: "code" is required unless the equivalence is unmatched`);
  }
  return problems;
}
