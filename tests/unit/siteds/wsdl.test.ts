import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXmlTree } from '../../../src/formats/fhir/xml/read-xml-tree.ts';
import { loadSitedsWsdl, serveSitedsWsdl } from '../../../src/formats/siteds/soap/load-wsdl.ts';
import { SOAP_OPERATIONS } from '../../../src/formats/siteds/soap/soap-operations.ts';

const WSDL = path.join(import.meta.dirname, '../../../conformance/siteds/ServicePasarela.wsdl');

function scratch(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'wsdl-')), name);
  writeFileSync(file, text);
  return file;
}

describe('ServicePasarela WSDL', () => {
  it('loads, declares every sub-type operation, and is served with the broker’s address', () => {
    const wsdl = loadSitedsWsdl(WSDL);
    const served = serveSitedsWsdl(
      wsdl,
      'https://broker.example.pe:8443/siteds/ServicePasarela?a=1&b=2',
    );
    const root = readXmlTree(served, { maxBytes: 1_048_576, maxDepth: 32 });
    const service = root.children.find((c) => c.localName === 'service')!;
    const address = service.children[0]!.children[0]!;
    expect(address.attributes).toContainEqual({
      name: 'location',
      value: 'https://broker.example.pe:8443/siteds/ServicePasarela?a=1&amp;b=2',
    });
    for (const operation of Object.values(SOAP_OPERATIONS)) {
      expect(served).toContain(`<wsdl:operation name="${operation}">`);
    }
  });

  it('stops start-up naming the file when an operation is missing', () => {
    const text = readFileSync(WSDL, 'utf8').replaceAll('getConsultaSCTR', 'getOtra');
    const file = scratch('missing.wsdl', text);
    expect(() => loadSitedsWsdl(file)).toThrow(
      `${file}: portType lacks operations getConsultaSCTR`,
    );
  });

  it('refuses a WSDL with a DTD or that is not WSDL 1.1', () => {
    const withDtd = scratch(
      'dtd.wsdl',
      `<!DOCTYPE d [<!ENTITY e "x">]>${readFileSync(WSDL, 'utf8').replace(/^<\?xml[^>]*>/, '')}`,
    );
    expect(() => loadSitedsWsdl(withDtd)).toThrow(withDtd);
    const notWsdl = scratch('not.wsdl', '<definitions xmlns="urn:x"/>');
    expect(() => loadSitedsWsdl(notWsdl)).toThrow(
      `${notWsdl}: the root is not a WSDL 1.1 definitions element`,
    );
  });
});
