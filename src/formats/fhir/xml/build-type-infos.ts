import type { ElementDefinition, ElementDefinitionType, StructureDefinition } from 'fhir/r4.js';
import type { ChildForm, ChildInfo, JsonPrimitive, PrimitiveInfo, TypeInfo } from './fhir-model.ts';

const FHIR_TYPE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';
const REGEX_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/regex';
const SYSTEM_TYPE_PREFIX = 'http://hl7.org/fhirpath/System.';
const NUMBER_TYPES: ReadonlySet<string> = new Set([
  'decimal',
  'integer',
  'positiveInt',
  'unsignedInt',
]);

interface Context {
  readonly sd: StructureDefinition;
  /** Snapshot elements grouped by parent path, in snapshot order. */
  readonly groups: ReadonlyMap<string, readonly ElementDefinition[]>;
  readonly resources: ReadonlySet<string>;
}

/**
 * The types one StructureDefinition defines: itself (keyed by its type name) and each nested
 * element with children of its own (keyed by path: `Bundle.entry`, `Timing.repeat`).
 */
export function buildTypeInfos(
  sd: StructureDefinition,
  resources: ReadonlySet<string>,
): TypeInfo[] {
  const ctx: Context = { sd, groups: groupByParent(sd), resources };
  const infos: TypeInfo[] = [];
  for (const [parent, members] of ctx.groups) {
    const isRoot = parent === sd.type;
    const children = members.flatMap((e, ordinal) => childrenOf(e, ordinal, ctx));
    infos.push({
      name: parent,
      kind: !isRoot ? 'complex' : sd.kind === 'resource' ? 'resource' : kindOfType(sd),
      primitive: isRoot && sd.kind === 'primitive-type' ? primitiveOf(sd, members) : undefined,
      children,
      childrenByName: new Map(children.map((c) => [c.name, c])),
    });
  }
  if (!ctx.groups.has(sd.type)) {
    infos.push({
      name: sd.type,
      kind: kindOfType(sd),
      primitive: undefined,
      children: [],
      childrenByName: new Map(),
    });
  }
  return infos;
}

function kindOfType(sd: StructureDefinition): TypeInfo['kind'] {
  return sd.kind === 'primitive-type' ? 'primitive' : 'complex';
}

function groupByParent(sd: StructureDefinition): Map<string, ElementDefinition[]> {
  const groups = new Map<string, ElementDefinition[]>();
  for (const e of (sd.snapshot?.element ?? []).slice(1)) {
    if (e.max === '0') {
      continue;
    }
    const parent = e.path.slice(0, e.path.lastIndexOf('.'));
    const list = groups.get(parent);
    if (list === undefined) {
      groups.set(parent, [e]);
    } else {
      list.push(e);
    }
  }
  return groups;
}

function childrenOf(e: ElementDefinition, ordinal: number, ctx: Context): ChildInfo[] {
  const name = e.path.slice(e.path.lastIndexOf('.') + 1);
  const base = { path: e.path, ordinal, isArray: e.max !== '1' };
  if (e.contentReference !== undefined) {
    const target = e.contentReference.slice(e.contentReference.indexOf('#') + 1);
    return [{ ...base, name, typeName: target, form: 'element', choiceOf: undefined }];
  }
  const types = e.type ?? [];
  if (name.endsWith('[x]')) {
    const choice = name.slice(0, -3);
    return types.map((t) => ({
      ...base,
      name: choice + t.code.charAt(0).toUpperCase() + t.code.slice(1),
      typeName: t.code,
      form: formOf(t.code, ctx),
      choiceOf: choice,
    }));
  }
  const first = types[0];
  if (first === undefined) {
    throw new Error(`FHIR definitions: ${e.path} has no type`);
  }
  const typeName = typeNameOf(e, first, name, ctx);
  const form = e.representation?.includes('xmlAttr') === true ? 'attribute' : formOf(typeName, ctx);
  return [{ ...base, name, typeName, form, choiceOf: undefined }];
}

function typeNameOf(e: ElementDefinition, t: ElementDefinitionType, name: string, ctx: Context) {
  if (t.code.startsWith(SYSTEM_TYPE_PREFIX)) {
    // The `value` of a primitive is that primitive; `id` and `url` say their FHIR type.
    if (ctx.sd.kind === 'primitive-type' && name === 'value') {
      return ctx.sd.type;
    }
    return t.extension?.find((x) => x.url === FHIR_TYPE_EXTENSION)?.valueUrl ?? 'string';
  }
  if ((t.code === 'BackboneElement' || t.code === 'Element') && ctx.groups.has(e.path)) {
    return e.path;
  }
  return t.code;
}

function formOf(typeName: string, ctx: Context): ChildForm {
  if (typeName === 'xhtml') {
    return 'xhtml';
  }
  return typeName === 'Resource' || ctx.resources.has(typeName) ? 'resource' : 'element';
}

function primitiveOf(
  sd: StructureDefinition,
  members: readonly ElementDefinition[],
): PrimitiveInfo {
  const json: JsonPrimitive =
    sd.type === 'boolean' ? 'boolean' : NUMBER_TYPES.has(sd.type) ? 'number' : 'string';
  const value = members.find((e) => e.path === `${sd.type}.value`);
  const regex = value?.type?.[0]?.extension?.find((x) => x.url === REGEX_EXTENSION)?.valueString;
  return { json, pattern: regex === undefined ? undefined : new RegExp(`^(?:${regex})$`) };
}
