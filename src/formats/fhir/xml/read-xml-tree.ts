import { XMLParser } from 'fast-xml-parser';
import { findWellFormednessError } from './check-well-formed.ts';
import { FhirXmlError } from './fhir-xml-error.ts';
import { decodeXmlAttribute } from './xml-text.ts';

/** Limits applied before and while parsing. */
export interface XmlLimits {
  /** Largest input, in bytes of UTF-8. */
  readonly maxBytes: number;
  /** Deepest element nesting (the root is depth 1). */
  readonly maxDepth: number;
}

/** An attribute as written: qualified name and raw value (entities not expanded). */
export interface XmlAttribute {
  readonly name: string;
  readonly value: string;
}

/** An element with its namespace resolved. Comments and processing instructions are dropped. */
export interface XmlElement {
  /** Qualified name as written: `Patient`, `h:div`. */
  readonly name: string;
  readonly localName: string;
  /** Resolved namespace URI; `undefined` when in no namespace. */
  readonly namespace: string | undefined;
  /** All attributes in document order, namespace declarations included. */
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /** Raw character data directly inside; for a `div`, its whole content as raw markup. */
  readonly text: string;
}

type Scope = ReadonlyMap<string, string>;
type ParsedNode = Readonly<Record<string, unknown>>;

/** DTD markup of any kind: FHIR XML has none, and refusing it rules out entity expansion. */
const DTD_DECLARATION = /<!\s*(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;
const DECLARED_ENCODING = /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']/;
const ATTRIBUTES_KEY = ':@';
const TEXT_KEY = '#text';

/**
 * Reads XML into an element tree, safely: size limit first, UTF-8 only, any DTD markup refused
 * before the parser runs (so no entity is ever declared, let alone expanded), well-formedness
 * checked, nesting depth limited. Every `div` is kept as raw markup (the FHIR narrative).
 */
export function readXmlTree(input: string | Uint8Array, limits: XmlLimits): XmlElement {
  const text = decodeInput(input, limits.maxBytes);
  if (DTD_DECLARATION.test(text)) {
    throw new FhirXmlError('dtd-forbidden', 'DOCTYPE and entity declarations are not allowed');
  }
  const encoding = DECLARED_ENCODING.exec(text)?.[1];
  if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) {
    throw new FhirXmlError('not-well-formed', `encoding ${encoding}: FHIR XML must be UTF-8`);
  }
  const nodes = runParser(text, limits.maxDepth);
  const roots = nodes.filter((n) => !(TEXT_KEY in n));
  const root = roots[0];
  if (root === undefined || roots.length > 1) {
    throw new FhirXmlError('not-well-formed', 'the document must have exactly one root element');
  }
  return toElement(root, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), 1, {
    maxDepth: limits.maxDepth,
    parentPath: '',
  });
}

function decodeInput(input: string | Uint8Array, maxBytes: number): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) {
    throw new FhirXmlError('too-large', `${size} bytes, more than the limit of ${maxBytes}`);
  }
  if (typeof input === 'string') {
    return input.startsWith('\uFEFF') ? input.slice(1) : input;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new FhirXmlError('not-well-formed', 'the bytes are not valid UTF-8');
  }
}

function runParser(text: string, maxDepth: number): ParsedNode[] {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    allowBooleanAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    stopNodes: ['div', '*.div'],
    maxNestedTags: maxDepth + 1,
    jPath: false,
  });
  const syntaxError = findWellFormednessError(text);
  if (syntaxError !== undefined) {
    throw new FhirXmlError('not-well-formed', `not well-formed XML: ${syntaxError}`);
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (message.includes('Maximum nested tags exceeded')) {
      throw new FhirXmlError('too-deep', `elements nest deeper than ${maxDepth}`);
    }
    throw new FhirXmlError('not-well-formed', `not well-formed XML: ${message}`);
  }
  return asNodes(parsed);
}

function asNodes(value: unknown): ParsedNode[] {
  return Array.isArray(value)
    ? value.filter((n): n is ParsedNode => typeof n === 'object' && n !== null)
    : [];
}

interface Walk {
  readonly maxDepth: number;
  readonly parentPath: string;
}

function toElement(node: ParsedNode, outer: Scope, depth: number, walk: Walk): XmlElement {
  const name = Object.keys(node).find((k) => k !== ATTRIBUTES_KEY) ?? '';
  const path = `${walk.parentPath}/${name}`;
  if (depth > walk.maxDepth) {
    throw new FhirXmlError('too-deep', `elements nest deeper than ${walk.maxDepth}`, path);
  }
  const attributes = attributesOf(node[ATTRIBUTES_KEY]);
  const scope = declareNamespaces(outer, attributes);
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const namespace = scope.get(prefix);
  if (namespace === undefined && prefix !== '') {
    throw new FhirXmlError('not-well-formed', `undeclared namespace prefix ${prefix}`, path);
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of asNodes(node[name])) {
    const value = child[TEXT_KEY];
    if (typeof value === 'string') {
      text += value;
    } else {
      children.push(toElement(child, scope, depth + 1, { ...walk, parentPath: path }));
    }
  }
  const localName = name.slice(colon + 1);
  return {
    name,
    localName,
    namespace: namespace === '' ? undefined : namespace,
    attributes,
    children,
    text,
  };
}

function attributesOf(value: unknown): XmlAttribute[] {
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  return Object.entries(value).map(([name, v]) => ({
    name,
    value: typeof v === 'string' ? v : '',
  }));
}

function declareNamespaces(outer: Scope, attributes: readonly XmlAttribute[]): Scope {
  let scope: Map<string, string> | undefined;
  for (const { name, value } of attributes) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      scope ??= new Map(outer);
      scope.set(name === 'xmlns' ? '' : name.slice(6), decodeXmlAttribute(value, `@${name}`));
    }
  }
  return scope ?? outer;
}
