import { FhirXmlError } from './fhir-xml-error.ts';
import {
  FHIR_NAMESPACE,
  findType,
  type ChildInfo,
  type FhirModel,
  type TypeInfo,
} from './fhir-model.ts';
import { readPrimitiveValue } from './primitive-value.ts';
import type { XmlElement } from './read-xml-tree.ts';
import { readXhtmlDiv } from './xhtml-div.ts';
import { decodeXmlAttribute } from './xml-text.ts';

/** A FHIR JSON object under construction. */
export type JsonObject = Record<string, unknown>;

/** What reading needs besides the element: the model and the options. */
export interface ReadContext {
  readonly model: FhirModel;
  readonly allowAnyOrder: boolean;
}

/** A primitive element read: its JSON value and its `_name` object (`id`, `extension`). */
interface PrimitiveRead {
  readonly value: unknown;
  readonly extra: JsonObject | null;
}

/** Reads a resource element (`<Patient>…</Patient>`) into FHIR JSON with its `resourceType`. */
export function readResource(el: XmlElement, ctx: ReadContext, location: string): JsonObject {
  requireFhirNamespace(el, location);
  if (!ctx.model.resourceTypes.has(el.localName)) {
    throw new FhirXmlError(
      'unknown-element',
      `${el.localName} is not an R4 resource type`,
      location,
    );
  }
  const type = findType(ctx.model, el.localName);
  return { resourceType: el.localName, ...readComplex(el, type, ctx, location) };
}

/** Reads an element of a complex type (or a primitive as `{id, extension, value}`). */
export function readComplex(el: XmlElement, type: TypeInfo, ctx: ReadContext, location: string) {
  const out: JsonObject = {};
  readAttributes(el, type, ctx, out, location);
  if (el.text.trim() !== '') {
    throw new FhirXmlError('invalid-value', 'FHIR elements hold no text content', location);
  }
  for (const [child, elements] of groupChildren(el, type, ctx, location)) {
    const at = (i: number) => `${location}/${child.name}${child.isArray ? `[${i + 1}]` : ''}`;
    const read = readerOf(child, ctx);
    const values = elements.map((e, i) => read(e, at(i)));
    if (child.form === 'element' && findType(ctx.model, child.typeName).kind === 'primitive') {
      assignPrimitives(child, values as PrimitiveRead[], out);
    } else {
      out[child.name] = child.isArray ? values : values[0];
    }
  }
  return out;
}

function readerOf(child: ChildInfo, ctx: ReadContext): (el: XmlElement, at: string) => unknown {
  if (child.form === 'xhtml') {
    return readXhtmlDiv;
  }
  if (child.form === 'resource') {
    return (el, at) => readWrappedResource(el, child, ctx, at);
  }
  const type = findType(ctx.model, child.typeName);
  if (type.kind !== 'primitive') {
    return (el, at) => readComplex(el, type, ctx, at);
  }
  return (el, at): PrimitiveRead => {
    const { value = null, ...extra } = readComplex(el, type, ctx, at);
    if (value === null && Object.keys(extra).length === 0) {
      throw new FhirXmlError('invalid-value', 'a primitive needs a value or extensions', at);
    }
    return { value, extra: Object.keys(extra).length > 0 ? extra : null };
  };
}

/** FHIR JSON: `name` holds the values, `_name` the ids and extensions, arrays padded with null. */
function assignPrimitives(child: ChildInfo, reads: readonly PrimitiveRead[], out: JsonObject) {
  const values = reads.map((r) => r.value);
  const extras = reads.map((r) => r.extra);
  if (values.some((v) => v !== null)) {
    out[child.name] = child.isArray ? values : values[0];
  }
  if (extras.some((x) => x !== null)) {
    out[`_${child.name}`] = child.isArray ? extras : extras[0];
  }
}

function readWrappedResource(el: XmlElement, child: ChildInfo, ctx: ReadContext, at: string) {
  requireFhirNamespace(el, at);
  readAttributes(el, findType(ctx.model, 'Resource'), ctx, {}, at);
  const inner = el.children[0];
  if (inner === undefined || el.children.length > 1 || el.text.trim() !== '') {
    throw new FhirXmlError('invalid-value', `${child.name} must hold exactly one resource`, at);
  }
  const resource = readResource(inner, ctx, `${at}/${inner.name}`);
  if (child.typeName !== 'Resource' && resource.resourceType !== child.typeName) {
    throw new FhirXmlError('unknown-element', `${child.name} must be a ${child.typeName}`, at);
  }
  return resource;
}

function readAttributes(
  el: XmlElement,
  type: TypeInfo,
  ctx: ReadContext,
  out: JsonObject,
  location: string,
) {
  for (const { name, value } of el.attributes) {
    // Namespace declarations, and attributes of other namespaces (xsi:schemaLocation, xml:lang).
    if (name === 'xmlns' || name.includes(':')) {
      continue;
    }
    const at = `${location}/@${name}`;
    const child = type.childrenByName.get(name);
    if (child?.form !== 'attribute') {
      throw new FhirXmlError('unknown-element', `unknown attribute ${name} on ${type.name}`, at);
    }
    const text = decodeXmlAttribute(value, at);
    out[name] = readPrimitiveValue(text, findType(ctx.model, child.typeName), at);
  }
}

/** The children by definition, in document order, checking names, order and cardinality. */
function groupChildren(el: XmlElement, type: TypeInfo, ctx: ReadContext, location: string) {
  const groups = new Map<ChildInfo, XmlElement[]>();
  const choices = new Map<string, string>();
  let lastOrdinal = -1;
  for (const e of el.children) {
    const at = `${location}/${e.name}`;
    const child = type.childrenByName.get(e.localName);
    if (child === undefined || child.form === 'attribute') {
      throw new FhirXmlError('unknown-element', `unknown element ${e.name} in ${type.name}`, at);
    }
    if (child.form !== 'xhtml') {
      requireFhirNamespace(e, at);
    }
    if (child.ordinal < lastOrdinal && !ctx.allowAnyOrder) {
      throw new FhirXmlError('element-order', `${e.name} is out of definition order`, at);
    }
    lastOrdinal = Math.max(lastOrdinal, child.ordinal);
    checkChoice(child, choices, at);
    const list = groups.get(child);
    if (list !== undefined && !child.isArray) {
      throw new FhirXmlError('cardinality', `${child.path} may appear only once`, at);
    }
    if (list === undefined) {
      groups.set(child, [e]);
    } else {
      list.push(e);
    }
  }
  return groups;
}

function checkChoice(child: ChildInfo, seen: Map<string, string>, at: string) {
  if (child.choiceOf === undefined) {
    return;
  }
  const previous = seen.get(child.choiceOf);
  if (previous !== undefined && previous !== child.name) {
    throw new FhirXmlError('cardinality', `${child.path}: both ${previous} and ${child.name}`, at);
  }
  seen.set(child.choiceOf, child.name);
}

function requireFhirNamespace(el: XmlElement, location: string) {
  if (el.namespace !== FHIR_NAMESPACE) {
    const actual = el.namespace ?? 'no namespace';
    throw new FhirXmlError('wrong-namespace', `in ${actual}, not ${FHIR_NAMESPACE}`, location);
  }
}
