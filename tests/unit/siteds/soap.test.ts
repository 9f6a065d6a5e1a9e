import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../../src/errors/catalog.ts';
import { readXmlTree } from '../../../src/formats/fhir/xml/read-xml-tree.ts';
import { QUERY_TYPES, type ConAse270 } from '../../../src/formats/siteds/model/con-ase-270.ts';
import { readSitedsX12 } from '../../../src/formats/siteds/read-siteds-x12.ts';
import { buildSitedsRequest } from '../../../src/formats/siteds/soap/build-siteds-request.ts';
import { buildSitedsSoapResponse } from '../../../src/formats/siteds/soap/build-siteds-soap-response.ts';
import { buildSoapFault } from '../../../src/formats/siteds/soap/build-soap-fault.ts';
import { checkSitedsSoapRequest } from '../../../src/formats/siteds/soap/check-siteds-soap-request.ts';
import { parseSitedsSoapRequest } from '../../../src/formats/siteds/soap/parse-siteds-soap-request.ts';
import { SOAP_OPERATIONS } from '../../../src/formats/siteds/soap/soap-operations.ts';
import { readVector, vectorText } from './siteds-vectors.ts';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const PASARELA = 'http://www.susalud.gob.pe/acreditacion/WSPasarelaSuSalud/';

function envelope(fields: string, prologue = '', prefix = 'S', ns = PASARELA): string {
  return (
    `${prologue}<${prefix}:Envelope xmlns:${prefix}="${SOAP}"><${prefix}:Body>` +
    `<ws:getConsultaAsegCodRequest xmlns:ws="${ns}">${fields}</ws:getConsultaAsegCodRequest>` +
    `</${prefix}:Body></${prefix}:Envelope>`
  );
}

function parseOk(xml: string) {
  const result = parseSitedsSoapRequest(xml);
  if (!result.ok) {
    throw new Error(result.detail);
  }
  return result.request;
}

describe('parseSitedsSoapRequest', () => {
  it('reads the four ServicePasarela fields whatever the prefixes and field-name case', () => {
    const x12 = vectorText('270_CON_ASE.CC').replace(/&/g, '&amp;');
    const request = parseOk(
      envelope(
        `<TxNombre>270_con_ase</TxNombre><ws:coIafa> 20006 </ws:coIafa>` +
          `<txPeticion>${x12}</txPeticion><coExcepcion>0000</coExcepcion>`,
        '<?xml version="1.0" encoding="UTF-8"?>',
        'soapenv',
      ),
    );
    expect(request).toMatchObject({
      operation: 'getConsultaAsegCodRequest',
      namespace: PASARELA,
      txNombre: '270_con_ase',
      coIafa: '20006',
      coExcepcion: '0000',
    });
    const read = readSitedsX12(request.txNombre, request.txPeticion);
    expect(read.ok && read.model).toEqual(readVector('270_CON_ASE.CC'));
  });

  it('expands predefined entities and character references in field text', () => {
    const request = parseOk(
      envelope('<txNombre>270_CON_ASE</txNombre><txPeticion>A&amp;B&#x7E;&#42;</txPeticion>'),
    );
    expect(request.txPeticion).toBe('A&B~*');
  });

  it('takes txPeticion from a CDATA section as written', () => {
    const x12 = vectorText('270_CON_ASE.CC');
    const request = parseOk(
      envelope(`<txNombre>270_CON_ASE</txNombre><txPeticion><![CDATA[${x12}]]></txPeticion>`),
    );
    expect(request.txPeticion).toBe(x12.trim());
  });

  it('refuses an XXE payload without reading the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xxe-'));
    const secretFile = path.join(dir, 'secret.txt');
    const secret = `TOP-SECRET-${process.pid}-${Date.now()}`;
    writeFileSync(secretFile, secret);
    const xxe = envelope(
      '<txNombre>270_CON_ASE</txNombre><txPeticion>&xxe;</txPeticion>',
      `<?xml version="1.0"?><!DOCTYPE S:Envelope [<!ENTITY xxe SYSTEM "file://${secretFile}">]>`,
    );
    const result = parseSitedsSoapRequest(xxe);
    expect(result.ok || result.code).toBe('BRK_SITEDS_XML_REFUSED');
    expect(JSON.stringify(result)).not.toContain(secret);
    const fault = buildSoapFault('BRK_SITEDS_XML_REFUSED', result.ok ? '' : result.detail);
    expect(fault).not.toContain(secret);
    expect(fault).toContain('<brk:coError>0010</brk:coError>');
  });

  it('refuses a lowercase or parameter-entity DOCTYPE the same way', () => {
    for (const prologue of [
      '<!doctype x SYSTEM "file:///etc/passwd">',
      '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1/">%p;]>',
    ]) {
      const result = parseSitedsSoapRequest(envelope('<txNombre>x</txNombre>', prologue));
      expect(result.ok || result.code).toBe('BRK_SITEDS_XML_REFUSED');
    }
  });

  it('refuses a billion-laughs payload without expanding anything', () => {
    const lols = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
    ).join('');
    const bomb = envelope(
      '<txNombre>270_CON_ASE</txNombre><txPeticion>&lol9;</txPeticion>',
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${lols}]>`,
    );
    const result = parseSitedsSoapRequest(bomb);
    expect(result.ok || result.code).toBe('BRK_SITEDS_XML_REFUSED');
    expect(JSON.stringify(result).length).toBeLessThan(2_000);
  });

  it('refuses an entity reference that no DTD defines', () => {
    const result = parseSitedsSoapRequest(
      envelope('<txNombre>270_CON_ASE</txNombre><txPeticion>&xxe;</txPeticion>'),
    );
    expect(result.ok || [result.code, result.detail]).toEqual([
      'BRK_SITEDS_XML_REFUSED',
      'txPeticion uses an entity that is not defined',
    ]);
    expect(JSON.stringify(result)).not.toContain('TOP-SECRET');
  });

  it('enforces the size and depth limits', () => {
    const big = envelope(
      `<txNombre>270_CON_ASE</txNombre><txPeticion>${'A'.repeat(5_000)}</txPeticion>`,
    );
    const tooBig = parseSitedsSoapRequest(big, { maxBytes: 4_096, maxDepth: 16 });
    expect(tooBig.ok || [tooBig.code, tooBig.detail]).toEqual([
      'BRK_SITEDS_XML_REFUSED',
      `${Buffer.byteLength(big)} bytes, more than the limit of 4096`,
    ]);
    const deep = envelope(`<txNombre>${'<a>'.repeat(40)}${'</a>'.repeat(40)}</txNombre>`);
    const tooDeep = parseSitedsSoapRequest(deep, { maxBytes: 65_536, maxDepth: 16 });
    expect(tooDeep.ok || tooDeep.code).toBe('BRK_SITEDS_XML_REFUSED');
  });

  it('answers malformed envelopes with BRK_SITEDS_SOAP_MALFORMED', () => {
    const cases = [
      '<S:Envelope xmlns:S="urn:not-soap"><S:Body/></S:Envelope>',
      `<S:Envelope xmlns:S="${SOAP}"><S:Header/></S:Envelope>`,
      envelope('<txNombre>x</txNombre>', '', 'S', 'urn:other'),
      '<S:Envelope xmlns:S="x"><S:Body></S:Envelop>',
      'not xml at all',
    ];
    for (const xml of cases) {
      const result = parseSitedsSoapRequest(xml);
      expect(result.ok || result.code, xml).toBe('BRK_SITEDS_SOAP_MALFORMED');
    }
  });
});

describe('checkSitedsSoapRequest', () => {
  const base = { operation: 'x', namespace: PASARELA, coIafa: '20006', coExcepcion: '0000' };
  it.each([
    ['', 'ISA*', 'BRK_SITEDS_TX_NAME_MISSING', '0300'],
    ['271_CON_NADA', 'ISA*', 'BRK_SITEDS_TX_UNKNOWN', '0310'],
    ['270_con_ase', '', 'BRK_SITEDS_X12_MISSING', '0500'],
  ] as const)(
    'txNombre "%s", txPeticion "%s" → %s (coError %s)',
    (txNombre, txPeticion, code, coError) => {
      const check = checkSitedsSoapRequest({ ...base, txNombre, txPeticion });
      expect(check.ok || check.code).toBe(code);
      expect(ERROR_CATALOG[code].coError).toBe(coError);
    },
  );

  it('resolves a known name in any case', () => {
    const check = checkSitedsSoapRequest({
      ...base,
      txNombre: ' 271_Con_Dtad ',
      txPeticion: 'ISA*',
    });
    expect(check).toEqual({ ok: true, name: '271_CON_DTAD' });
  });
});

describe('answers and faults', () => {
  it('writes an answer that a SOAP reader reads back, text escaped', () => {
    const xml = buildSitedsSoapResponse({
      element: 'getConsultaAsegCodResponse',
      coError: '0000',
      coIafa: '20006',
      txNombre: '271_CON_COD',
      txRespuesta: 'MSG*A & B <C>~',
    });
    const root = readXmlTree(xml, { maxBytes: 65_536, maxDepth: 8 });
    const answer = root.children[0]!.children[0]!;
    expect(answer.localName).toBe('getConsultaAsegCodResponse');
    expect(answer.children.map((c) => [c.localName, c.text])).toEqual([
      ['coError', '0000'],
      ['coIafa', '20006'],
      ['txNombre', '271_CON_COD'],
      ['txRespuesta', 'MSG*A &amp; B &lt;C&gt;~'],
    ]);
  });

  it('writes SOAP 1.1 faults: Client for the caller’s errors, Server otherwise', () => {
    const client = readXmlTree(buildSoapFault('BRK_SITEDS_SOAP_MALFORMED', 'no <Body>'), {
      maxBytes: 65_536,
      maxDepth: 8,
    });
    const fault = client.children[0]!.children[0]!;
    expect(fault.children.map((c) => [c.localName, c.text]).slice(0, 1)).toEqual([
      ['faultcode', 'soapenv:Client'],
    ]);
    expect(buildSoapFault('BRK_INTERNAL', 'x')).toContain('<faultcode>soapenv:Server</faultcode>');
    expect(buildSoapFault('BRK_SITEDS_SOAP_MALFORMED', 'no <Body>')).toContain('no &lt;Body&gt;');
  });
});

describe('buildSitedsRequest', () => {
  it.each(QUERY_TYPES)(
    'builds a %s request that the SOAP parser and X12 reader give back',
    (queryType) => {
      const model: ConAse270 = { ...readVector<'270_CON_ASE'>('270_CON_ASE.CC'), queryType };
      const request = parseOk(buildSitedsRequest(model));
      expect(request.operation).toBe(`${SOAP_OPERATIONS[queryType]}Request`);
      expect([request.txNombre, request.coIafa, request.coExcepcion]).toEqual([
        '270_CON_ASE',
        '20006',
        '0000',
      ]);
      expect(checkSitedsSoapRequest(request)).toEqual({ ok: true, name: '270_CON_ASE' });
      const read = readSitedsX12('270_CON_ASE', request.txPeticion);
      expect(read.ok && read.model).toEqual(model);
    },
  );

  it('escapes what XML cannot carry raw and refuses a model without a sub-type', () => {
    const model: ConAse270 = {
      ...readVector<'270_CON_ASE'>('270_CON_ASE.CC'),
      patient: { surname: 'O<B & C>' },
    };
    const request = parseOk(buildSitedsRequest(model));
    const read = readSitedsX12('270_CON_ASE', request.txPeticion);
    expect(read.ok && read.model.patient).toEqual({ surname: 'O<B & C>' });
    const noSubtype: ConAse270 = { ...model };
    delete (noSubtype as { queryType?: string }).queryType;
    expect(() => buildSitedsRequest(noSubtype)).toThrow('PRV-03');
  });
});
