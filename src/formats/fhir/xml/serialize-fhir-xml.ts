import type { Resource } from 'fhir/r4.js';
import { FhirXmlError } from './fhir-xml-error.ts';
import {
  FHIR_NAMESPACE,
  findType,
  type ChildInfo,
  type FhirModel,
  type TypeInfo,
} from './fhir-model.ts';
import { DEFAULT_MAX_DEPTH } from './parse-fhir-xml.ts';
import { formatPrimitiveValue } from './primitive-value.ts';
import { checkXhtmlDiv } from './xhtml-div.ts';
import { escapeXmlAttribute } from './xml-text.ts';

/** Layout of {@link serializeFhirXml}'s output. */
export interface SerializeFhirXmlOptions {
  /** Indentation per level; `''` (the default) writes everything on one line. */
  readonly indent?: string;
  /** Start with `<?xml version="1.0" encoding="UTF-8"?>`. Default `false`. */
  readonly declaration?: boolean;
  /** Deepest element nesting written (the root is 1), as for parsing. Default 100. */
  readonly maxDepth?: number;
}

type JsonObject = Readonly<Record<string, unknown>>;

interface Writer {
  readonly model: FhirModel;
  readonly indent: string;
  readonly maxDepth: number;
  readonly parts: string[];
}

/**
 * Writes a FHIR R4 JSON resource as FHIR XML: elements in the order of the definitions, `id`,
 * `url` and primitive `value`s as attributes, `_name` ids and extensions merged into their
 * primitives, resources wrapped in their element, the narrative `div` copied as XHTML. Refuses
 * (`FhirXmlError` with a FHIRPath-like location) properties R4 does not define, values of the
 * wrong JSON type, empty arrays, nulls outside primitive arrays, characters XML cannot carry, and
 * nesting deeper than `maxDepth` (so hostile JSON cannot exhaust the stack).
 */
export function serializeFhirXml(
  resource: Resource,
  model: FhirModel,
  options: SerializeFhirXmlOptions = {},
): string {
  const w: Writer = {
    model,
    indent: options.indent ?? '',
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
    parts: [],
  };
  if (options.declaration === true) {
    w.parts.push('<?xml version="1.0" encoding="UTF-8"?>', w.indent === '' ? '' : '\n');
  }
  const root: unknown = resource;
  writeResource(w, requireObject(root, 'resource'), ` xmlns="${FHIR_NAMESPACE}"`, 0);
  return w.parts.join('');
}

function writeResource(w: Writer, obj: JsonObject, xmlns: string, depth: number, at?: string) {
  const resourceType = obj.resourceType;
  const location = at ?? (typeof resourceType === 'string' ? resourceType : 'resource');
  if (typeof resourceType !== 'string' || !w.model.resourceTypes.has(resourceType)) {
    throw new FhirXmlError('unknown-element', 'resourceType is not an R4 resource type', location);
  }
  writeObject(w, resourceType, obj, findType(w.model, resourceType), { xmlns, location, depth });
}

interface Place {
  readonly xmlns: string;
  readonly location: string;
  readonly depth: number;
}

function writeObject(w: Writer, name: string, obj: JsonObject, type: TypeInfo, place: Place) {
  if (place.depth >= w.maxDepth) {
    throw new FhirXmlError('too-deep', `elements nest deeper than ${w.maxDepth}`, place.location);
  }
  checkProperties(w.model, obj, type, place.location);
  let start = `${place.depth === 0 ? '' : newline(w, place.depth)}<${name}${place.xmlns}`;
  for (const child of type.children) {
    const value = obj[child.name];
    if (child.form === 'attribute' && value !== undefined) {
      const isOwnValue = type.kind === 'primitive' && child.name === 'value';
      const at = isOwnValue ? place.location : `${place.location}.${child.name}`;
      const text = formatPrimitiveValue(value, findType(w.model, child.typeName), at);
      start += ` ${child.name}="${escapeXmlAttribute(text, at)}"`;
    }
  }
  w.parts.push(start);
  const mark = w.parts.length;
  w.parts.push('');
  for (const child of type.children) {
    writeChild(w, child, obj, place);
  }
  if (w.parts.length === mark + 1) {
    w.parts[mark] = '/>';
  } else {
    w.parts[mark] = '>';
    w.parts.push(`${newline(w, place.depth)}</${name}>`);
  }
}

function writeChild(w: Writer, child: ChildInfo, obj: JsonObject, parent: Place) {
  const depth = parent.depth + 1;
  if (child.form === 'attribute') {
    return;
  }
  if (child.form === 'xhtml') {
    const div = obj[child.name];
    if (div !== undefined) {
      const html = checkXhtmlDiv(div, `${parent.location}.${child.name}`);
      w.parts.push(newline(w, depth), html);
    }
    return;
  }
  const type = child.form === 'element' ? findType(w.model, child.typeName) : undefined;
  if (type?.kind === 'primitive') {
    for (const p of primitiveItems(child, obj, parent.location)) {
      writeObject(w, child.name, p.merged, type, { xmlns: '', location: p.location, depth });
    }
    return;
  }
  for (const [item, location] of items(child, obj[child.name], parent.location)) {
    const value = requireObject(item, location);
    if (type === undefined) {
      w.parts.push(`${newline(w, depth)}<${child.name}>`);
      writeResource(w, value, '', depth + 1, location);
      w.parts.push(`${newline(w, depth)}</${child.name}>`);
    } else {
      writeObject(w, child.name, value, type, { xmlns: '', location, depth });
    }
  }
}

/** The values of a child with their locations, checking array-ness against the definition. */
function items(child: ChildInfo, value: unknown, parent: string): [unknown, string][] {
  const location = `${parent}.${child.name}`;
  if (value === undefined) {
    return [];
  }
  if (Array.isArray(value) !== child.isArray) {
    const want = child.isArray ? 'an array' : 'a single value, not an array';
    throw new FhirXmlError('cardinality', `${child.path} must be ${want}`, location);
  }
  if (!Array.isArray(value)) {
    return [[value, location]];
  }
  if (value.length === 0) {
    throw new FhirXmlError('cardinality', 'empty arrays are not allowed in FHIR JSON', location);
  }
  return value.map((v: unknown, i) => [v, `${location}[${i}]`]);
}

interface PrimitiveItem {
  /** The primitive as its type's object: `{ id, extension, value }`. */
  readonly merged: JsonObject;
  readonly location: string;
}

/** Pairs `name` with `_name` (arrays index by index, `null` where one side has nothing). */
function primitiveItems(child: ChildInfo, obj: JsonObject, parent: string): PrimitiveItem[] {
  const values = items(child, obj[child.name], parent);
  const extras = items(child, obj[`_${child.name}`], parent);
  if (values.length > 0 && extras.length > 0 && values.length !== extras.length) {
    const why = `${child.name} and _${child.name} must have the same length`;
    throw new FhirXmlError('cardinality', why, `${parent}.${child.name}`);
  }
  const result: PrimitiveItem[] = [];
  for (let i = 0; i < Math.max(values.length, extras.length); i++) {
    const value = values[i]?.[0] ?? null;
    const extra = extras[i]?.[0] ?? null;
    const at = values[i]?.[1] ?? extras[i]?.[1] ?? parent;
    if (value === null && extra === null) {
      throw new FhirXmlError('invalid-value', 'null value without id or extension', at);
    }
    const merged = extra === null ? {} : requireObject(extra, `${parent}._${child.name}`);
    if ('value' in merged) {
      throw new FhirXmlError('unknown-element', `_${child.name} cannot hold a value`, at);
    }
    result.push({ merged: value === null ? merged : { ...merged, value }, location: at });
  }
  return result;
}

/** Every property must be defined (or `_name` of a primitive); one variant per choice. */
function checkProperties(model: FhirModel, obj: JsonObject, type: TypeInfo, location: string) {
  const choices = new Map<string, string>();
  for (const key of Object.keys(obj)) {
    if ((key === 'resourceType' && type.kind === 'resource') || obj[key] === undefined) {
      continue;
    }
    const shadow = key.startsWith('_');
    const child = type.childrenByName.get(shadow ? key.slice(1) : key);
    if (child === undefined || (shadow && !isPrimitiveElement(model, child))) {
      throw new FhirXmlError('unknown-element', `unknown property ${key}`, `${location}.${key}`);
    }
    if (child.choiceOf !== undefined) {
      const previous = choices.get(child.choiceOf);
      if (previous !== undefined && previous !== child.name) {
        const why = `${child.path}: both ${previous} and ${child.name}`;
        throw new FhirXmlError('cardinality', why, `${location}.${key}`);
      }
      choices.set(child.choiceOf, child.name);
    }
  }
}

function isPrimitiveElement(model: FhirModel, child: ChildInfo): boolean {
  return child.form === 'element' && findType(model, child.typeName).kind === 'primitive';
}

function requireObject(value: unknown, location: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FhirXmlError('invalid-value', 'must be a JSON object', location);
  }
  return value as JsonObject;
}

function newline(w: Writer, depth: number): string {
  return w.indent === '' ? '' : `\n${w.indent.repeat(depth)}`;
}
