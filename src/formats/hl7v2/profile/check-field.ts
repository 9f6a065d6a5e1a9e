import type { Hl7Element } from '../element.ts';
import type { Hl7Location } from '../hl7-location.ts';
import type { Hl7Problem } from '../hl7-problem.ts';
import { checkPrimitive } from './check-primitive.ts';
import type { ComponentDef, FieldDef, Hl7Profiles } from './profile-types.ts';
import { problem } from './problems.ts';

/** Checks one field against its definition: required, repetitions, length, data type, table. */
export function checkField(
  profiles: Hl7Profiles,
  def: FieldDef,
  field: Hl7Element,
  at: Hl7Location,
): Hl7Problem[] {
  if (field.isEmpty) {
    return def.usage === 'R' ? [problem.required(at, def.name)] : [];
  }
  if (field.level === 'field' && field.children.length === 0) {
    return checkAtomic(def, field, at); // MSH-1, MSH-2
  }
  const reps = field.children;
  const out: Hl7Problem[] = [];
  if (def.max !== '*' && reps.length > def.max) {
    out.push(problem.repeats(at, reps.length, def.max));
  }
  reps.forEach((rep, i) => {
    const here = { ...at, repetition: i + 1 };
    if (def.length !== undefined && rep.raw.length > def.length) {
      out.push(problem.tooLong(here, rep.raw.length, def.length));
    }
    out.push(...checkValue(profiles, def.type, def.table, rep, here, 'component'));
  });
  return out;
}

function checkAtomic(def: FieldDef, field: Hl7Element, at: Hl7Location): Hl7Problem[] {
  return def.length !== undefined && field.raw.length > def.length
    ? [problem.tooLong(at, field.raw.length, def.length)]
    : [];
}

type Part = 'component' | 'subComponent';

/**
 * A value of `type` held by `element` (a repetition, whose parts are components, or a component,
 * whose parts are sub-components). Below sub-components HL7 has no further level, so a composite
 * there is read as its first primitive.
 */
function checkValue(
  profiles: Hl7Profiles,
  type: string,
  table: string | undefined,
  element: Hl7Element,
  at: Hl7Location,
  part: Part | undefined,
): Hl7Problem[] {
  const comps = profiles.composites.get(type);
  if (comps === undefined || part === undefined) {
    const primitive = comps === undefined ? type : firstPrimitive(profiles, type);
    const parts = element.children.length;
    if (part !== undefined && parts > 1) {
      return [problem.tooManyParts(at, parts, type, 1)];
    }
    return checkPrimitive(profiles, element.value, primitive, table, at);
  }
  return checkComposite(profiles, type, comps, table, element, at, part);
}

function checkComposite(
  profiles: Hl7Profiles,
  type: string,
  comps: readonly ComponentDef[],
  table: string | undefined,
  element: Hl7Element,
  at: Hl7Location,
  part: Part,
): Hl7Problem[] {
  const parts = element.children;
  if (parts.length > comps.length) {
    return [problem.tooManyParts(at, parts.length, type, comps.length)];
  }
  const next: Part | undefined = part === 'component' ? 'subComponent' : undefined;
  return comps.flatMap((def, i) => {
    const value = parts[i];
    const here =
      part === 'component' ? { ...at, component: i + 1 } : { ...at, subComponent: i + 1 };
    if (value === undefined || value.isEmpty) {
      return def.usage === 'R' && !element.isEmpty ? [problem.required(here, def.name)] : [];
    }
    const out: Hl7Problem[] = [];
    if (def.length !== undefined && value.raw.length > def.length) {
      out.push(problem.tooLong(here, value.raw.length, def.length));
    }
    const codeTable = i === 0 && isCoded(type) ? tableFor(table, element) : def.table;
    return [...out, ...checkValue(profiles, def.type, codeTable, value, here, next)];
  });
}

/** CE/CWE carry a field's table in their first component, when the coding system is HL7's. */
function isCoded(type: string): boolean {
  return type === 'CE' || type === 'CWE';
}

function tableFor(table: string | undefined, element: Hl7Element): string | undefined {
  const system = element.children[2]?.value ?? '';
  return table !== undefined && (system === '' || system === `HL7${table}`) ? table : undefined;
}

function firstPrimitive(profiles: Hl7Profiles, type: string): string {
  let t = type;
  for (let c = profiles.composites.get(t); c !== undefined; c = profiles.composites.get(t)) {
    t = c[0]?.type ?? 'ST';
  }
  return t;
}
