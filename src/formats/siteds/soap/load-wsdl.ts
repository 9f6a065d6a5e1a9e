import { readFileSync } from 'node:fs';
import type { XmlElement } from '../../fhir/xml/read-xml-tree.ts';
import { readXmlTree } from '../../fhir/xml/read-xml-tree.ts';
import { escapeXmlAttribute } from '../../fhir/xml/xml-text.ts';
import { SOAP_OPERATIONS } from './soap-operations.ts';

const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const WSDL_SOAP_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
const ADDRESS = /(<(?:[\w.-]+:)?address\b[^>]*\blocation=")([^"]*)(")/;

/** A checked WSDL: its text, and the address written in it (replaced when served). */
export interface SitedsWsdl {
  readonly path: string;
  readonly text: string;
}

/**
 * Loads `conformance/siteds/ServicePasarela.wsdl` and checks it at start: safe, well-formed XML;
 * a WSDL 1.1 `definitions`; one SOAP address; an operation for every 270_CON_ASE sub-type.
 * Any problem throws naming the path, so start-up stops.
 */
export function loadSitedsWsdl(path: string): SitedsWsdl {
  const text = readFileSync(path, 'utf8');
  let root: XmlElement;
  try {
    root = readXmlTree(text, { maxBytes: 1_048_576, maxDepth: 32 });
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`, { cause: err });
  }
  const problem = findProblem(root);
  if (problem !== undefined) {
    throw new Error(`${path}: ${problem}`);
  }
  return { path, text };
}

function findProblem(root: XmlElement): string | undefined {
  if (root.localName !== 'definitions' || root.namespace !== WSDL_NS) {
    return 'the root is not a WSDL 1.1 definitions element';
  }
  const addresses = descendants(root).filter(
    (e) => e.localName === 'address' && e.namespace === WSDL_SOAP_NS,
  );
  if (addresses.length !== 1) {
    return `expected one soap:address, found ${addresses.length}`;
  }
  const portType = root.children.find((c) => c.localName === 'portType');
  const declared = new Set(
    (portType?.children ?? []).map((o) => o.attributes.find((a) => a.name === 'name')?.value),
  );
  const missing = Object.values(SOAP_OPERATIONS).filter((op) => !declared.has(op));
  return missing.length === 0 ? undefined : `portType lacks operations ${missing.join(', ')}`;
}

function descendants(e: XmlElement): XmlElement[] {
  return e.children.flatMap((c) => [c, ...descendants(c)]);
}

/** The WSDL as served at `GET …/ServicePasarela?wsdl`: its soap:address set to `endpointUrl`. */
export function serveSitedsWsdl(wsdl: SitedsWsdl, endpointUrl: string): string {
  const location = escapeXmlAttribute(endpointUrl, 'soap:address/@location');
  return wsdl.text.replace(
    ADDRESS,
    (_, open: string, _old: string, close: string) => open + location + close,
  );
}
