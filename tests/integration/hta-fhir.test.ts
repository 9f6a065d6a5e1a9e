import type { Bundle, CapabilityStatement, DocumentReference, OperationOutcome } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type ReportInput } from '../../src/hta/build-report.ts';
import { writePdf } from '../../src/hta/demo/write-pdf.ts';
import { SEARCH_PARAMS } from '../../src/hta/fhir/search-params.ts';
import { HTA } from '../../src/hta/hta-report.ts';
import type { ParticipantClient } from '../../src/sim/participant-client.ts';
import { startTestHta, type TestHta } from '../helpers/test-hta.ts';
import { fhirModel } from '../helpers/test-broker.ts';
import { renderFhir } from '../../src/formats/fhir/fhir-format.ts';
import { readLoggedExchanges } from '../../src/audit/replay/logged-exchange.ts';

const MEMBER = { code: 'renetsa-test', name: 'RENETSA member (test)' };

function report(binaryId: string, over: Partial<ReportInput> = {}): DocumentReference {
  return buildReport({
    identifier: 'T-001',
    title: 'Evaluación de prueba: anticuerpo ficticio en artritis',
    technology: { system: HTA.atc, code: 'L04AB99', name: 'Testumab' },
    indication: 'Artritis reumatoide moderada',
    recommendation: 'favorable',
    strength: 'fuerte',
    institution: MEMBER,
    docStatus: 'final',
    reportVersion: '1.0',
    date: '2026-03-01T12:00:00Z',
    binaryId,
    ...over,
  });
}

function codeOf(body: Buffer): string | undefined {
  const oo = JSON.parse(body.toString('utf8')) as OperationOutcome;
  return oo.issue[0]?.details?.coding?.[0]?.code;
}

/** A member publishes a PDF, then a report pointing at it; returns the stored report. */
async function publish(
  member: ParticipantClient,
  over: Partial<ReportInput> = {},
): Promise<DocumentReference> {
  const pdf = await member.post(
    '/hta/fhir/Binary',
    'application/pdf',
    writePdf({ title: 'T', paragraphs: ['x'] }),
  );
  expect(pdf.status).toBe(201);
  const binaryId = (JSON.parse(pdf.body.toString('utf8')) as { id: string }).id;
  const res = await member.post(
    '/hta/fhir/DocumentReference',
    'application/fhir+json',
    JSON.stringify(report(binaryId, over)),
  );
  expect(res.status, res.body.toString('utf8')).toBe(201);
  return JSON.parse(res.body.toString('utf8')) as DocumentReference;
}

describe.each(['postgres', 'pglite'] as const)('HTA FHIR service over %s', (storeKind) => {
  let hta: TestHta;
  let member: ParticipantClient;
  beforeAll(async () => {
    hta = await startTestHta({ store: storeKind });
    member = hta.client('renetsa-test');
  });
  afterAll(async () => hta.close());

  it('refuses writes without a certificate, from a non-member, a suspended member or unsigned', async () => {
    const pdf = writePdf({ title: 'T', paragraphs: [] });
    const anon = await hta.anonymous('POST', '/hta/fhir/Binary', {
      headers: { 'content-type': 'application/pdf' },
      body: pdf,
    });
    expect([anon.status, codeOf(anon.body)]).toEqual([403, 'BRK_AUTH_UNKNOWN_CERTIFICATE']);
    const ipress = await hta.client('00009845').post('/hta/fhir/Binary', 'application/pdf', pdf);
    expect([ipress.status, codeOf(ipress.body)]).toEqual([403, 'BRK_AUTH_ROLE_FORBIDDEN']);
    const off = await hta.client('renetsa-off').post('/hta/fhir/Binary', 'application/pdf', pdf);
    expect([off.status, codeOf(off.body)]).toEqual([403, 'BRK_AUTH_PARTICIPANT_SUSPENDED']);
    const unsigned = await member.post('/hta/fhir/Binary', 'application/pdf', pdf, { sign: false });
    expect([unsigned.status, codeOf(unsigned.body)]).toEqual([401, 'BRK_SIG_MISSING']);
    const wrongAud = await member.post('/hta/fhir/Binary', 'application/pdf', pdf, {
      sign: { aud: 'other' },
    });
    expect([wrongAud.status, codeOf(wrongAud.body)]).toEqual([401, 'BRK_SIG_WRONG_AUDIENCE']);
    const rows = await hta.store.query<{ n: number }>('SELECT count(*)::int AS n FROM hta_binary');
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('fails closed: a foreign or expired certificate reads like anyone but cannot write', async () => {
    const pdf = writePdf({ title: 'T', paragraphs: [] });
    for (const code of ['foreign', 'expired', 'stranger']) {
      const client = hta.client(code);
      expect((await client.get('/hta/fhir/DocumentReference')).status).toBe(200);
      const res = await client.post('/hta/fhir/Binary', 'application/pdf', pdf);
      expect([code, res.status, codeOf(res.body)]).toEqual([
        code,
        403,
        'BRK_AUTH_UNKNOWN_CERTIFICATE',
      ]);
    }
  });

  it('refuses a file that is not a PDF and a report that breaks the profile, naming each issue', async () => {
    const txt = await member.post('/hta/fhir/Binary', 'application/pdf', 'hello');
    expect([txt.status, codeOf(txt.body)]).toEqual([422, 'BRK_HTA_BAD_FILE']);
    const bad = report('00000000-0000-0000-0000-000000000000') as DocumentReference & {
      extension: object[];
    };
    bad.extension = bad.extension.filter((e) => (e as { url: string }).url !== HTA.technology);
    delete bad.description;
    const res = await member.post(
      '/hta/fhir/DocumentReference',
      'application/fhir+json',
      JSON.stringify(bad),
    );
    expect(res.status).toBe(422);
    const oo = JSON.parse(res.body.toString('utf8')) as OperationOutcome;
    const where = oo.issue.filter((i) => i.severity === 'error').flatMap((i) => i.expression ?? []);
    expect(where).toEqual(
      expect.arrayContaining(['DocumentReference.description', 'DocumentReference.extension']),
    );
    expect(oo.issue.some((i) => i.diagnostics?.includes('pe-hta-1'))).toBe(true);
  });

  it('lets a member publish only as its own institution', async () => {
    const pdf = await member.post(
      '/hta/fhir/Binary',
      'application/pdf',
      writePdf({ title: 'T', paragraphs: [] }),
    );
    const binaryId = (JSON.parse(pdf.body.toString('utf8')) as { id: string }).id;
    const other = report(binaryId, { institution: { code: 'renetsa-off', name: 'Otro' } });
    const res = await member.post(
      '/hta/fhir/DocumentReference',
      'application/fhir+json',
      JSON.stringify(other),
    );
    expect([res.status, codeOf(res.body)]).toEqual([403, 'BRK_AUTH_ROLE_FORBIDDEN']);
  });

  it('publishes, serves the report and its PDF publicly, and logs the signed publication', async () => {
    const stored = await publish(member);
    expect(stored.meta?.versionId).toBe('1');
    const read = await hta.anonymous('GET', `/hta/fhir/DocumentReference/${stored.id ?? ''}`);
    expect(read.status).toBe(200);
    expect(read.json()).toEqual(stored);
    const binaryId = stored.content[0]?.attachment.url?.split('/')[1] ?? '';
    const pdf = await hta.anonymous('GET', `/hta/fhir/Binary/${binaryId}`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    const last = (await hta.log.tail(20)).filter((e) => e.route === 'hta.report.publish').at(-1);
    const entries = await hta.log.findByCorrelation(last?.correlationId ?? '');
    const request = entries.find((e) => e.kind === 'request-in');
    const answer = entries.find((e) => e.kind === 'response-out');
    expect(answer?.httpStatus).toBe(201);
    expect(request?.sender).toBe('renetsa-test');
    expect(request?.signature).toMatch(/^[\w-]+\.\.[\w-]+$/);
    expect(answer?.verdicts).toMatchObject({
      request: { result: 'valid' },
      publication: { result: 'published', detail: `DocumentReference/${stored.id ?? ''}` },
    });
    const logged = JSON.parse(
      String(await hta.log.readPayload(request?.id ?? '')),
    ) as DocumentReference;
    expect(logged.description).toBe(stored.description);
    // Evidence, not an eligibility exchange: audit replay leaves HTA writes alone.
    const replayable = await readLoggedExchanges(hta.store, {
      from: new Date(Date.now() - 3_600_000),
      to: new Date(Date.now() + 60_000),
      limit: 1000,
    });
    expect(entries.length).toBeGreaterThan(0);
    expect(replayable.filter((e) => e.route.startsWith('hta.'))).toEqual([]);
  });

  it('links versions with relatesTo replaces; the replaced one is superseded and cannot be replaced again', async () => {
    const first = await publish(member, {
      identifier: 'T-V',
      technology: { system: HTA.cpms, code: '11111', name: 'Proc' },
    });
    const second = await publish(member, {
      identifier: 'T-V',
      reportVersion: '2.0',
      replaces: first.id ?? '',
      technology: { system: HTA.cpms, code: '11111', name: 'Proc' },
    });
    const old = (
      await hta.anonymous('GET', `/hta/fhir/DocumentReference/${first.id ?? ''}`)
    ).json<DocumentReference>();
    expect([old.status, old.meta?.versionId]).toEqual(['superseded', '2']);
    const history = (
      await hta.anonymous('GET', `/hta/fhir/DocumentReference/${first.id ?? ''}/_history`)
    ).json<Bundle>();
    expect(history.type).toBe('history');
    expect(history.entry?.map((e) => (e.resource as DocumentReference).status)).toEqual([
      'superseded',
      'current',
    ]);
    const v1 = (
      await hta.anonymous('GET', `/hta/fhir/DocumentReference/${first.id ?? ''}/_history/1`)
    ).json<DocumentReference>();
    expect(v1.status).toBe('current');
    const again = await publish(member, {
      replaces: second.id ?? '',
      technology: { system: HTA.cpms, code: '11111', name: 'Proc' },
    });
    expect(again.relatesTo?.[0]?.target.reference).toBe(`DocumentReference/${second.id ?? ''}`);
    const pdf = await member.post(
      '/hta/fhir/Binary',
      'application/pdf',
      writePdf({ title: 'T', paragraphs: [] }),
    );
    const binaryId = (JSON.parse(pdf.body.toString('utf8')) as { id: string }).id;
    const stale = await member.post(
      '/hta/fhir/DocumentReference',
      'application/fhir+json',
      JSON.stringify(report(binaryId, { replaces: first.id ?? '' })),
    );
    expect([stale.status, codeOf(stale.body)]).toEqual([409, 'BRK_HTA_CONFLICT']);
    const current = (
      await hta.anonymous('GET', '/hta/fhir/DocumentReference?technology=11111&status=current')
    ).json<Bundle>();
    expect(current.entry?.map((e) => e.resource?.id)).toEqual([again.id]);
  });

  it('takes a report in FHIR XML and answers in XML when asked', async () => {
    const pdf = await member.post(
      '/hta/fhir/Binary',
      'application/pdf',
      writePdf({ title: 'X', paragraphs: [] }),
    );
    const binaryId = (JSON.parse(pdf.body.toString('utf8')) as { id: string }).id;
    const doc = report(binaryId, { identifier: 'T-XML' });
    const { body } = renderFhir(doc, 'xml', fhirModel());
    const res = await member.post('/hta/fhir/DocumentReference', 'application/fhir+xml', body);
    expect(res.status, res.body.toString('utf8')).toBe(201);
    const id = (JSON.parse(res.body.toString('utf8')) as DocumentReference).id ?? '';
    const xml = await hta.anonymous('GET', `/hta/fhir/DocumentReference/${id}?_format=xml`);
    expect(xml.headers['content-type']).toContain('application/fhir+xml');
    expect(xml.text()).toContain('<value value="T-XML"/>');
  });

  it('publishes its CapabilityStatement, naming exactly the search parameters it accepts', async () => {
    const cs = (await hta.anonymous('GET', '/hta/fhir/metadata')).json<CapabilityStatement>();
    const doc = cs.rest?.[0]?.resource?.find((r) => r.type === 'DocumentReference');
    expect(doc?.supportedProfile).toEqual([HTA.profile]);
    const names = doc?.searchParam?.map((p) => p.name) ?? [];
    expect([...names, '_format'].sort()).toEqual([...SEARCH_PARAMS].sort());
  });

  it('searches by technology, text, institution, status and date, with paging', async () => {
    for (const [i, date] of ['2025-01-10', '2025-02-10', '2025-03-10'].entries()) {
      await publish(member, {
        identifier: `S-${i}`,
        title: `Búsqueda ${i}: Vacuna de prueba`,
        technology: { system: HTA.digemid, code: 'DG-77', name: 'Vacunol' },
        date: `${date}T10:00:00Z`,
      });
    }
    const get = async (q: string) =>
      (await hta.anonymous('GET', `/hta/fhir/DocumentReference?${q}`)).json<Bundle>();
    expect((await get(`technology=${encodeURIComponent(`${HTA.digemid}|DG-77`)}`)).total).toBe(3);
    expect((await get(`technology=${encodeURIComponent(`${HTA.atc}|DG-77`)}`)).total).toBe(0);
    expect((await get('_text=vacuna%20busqueda')).total).toBe(3);
    expect((await get('_text=VACUNOL&date=ge2025-02&date=lt2025-03-10')).total).toBe(1);
    expect((await get('technology=DG-77&institution=renetsa-test')).total).toBe(3);
    expect((await get('technology=DG-77&institution=member%20(test)')).total).toBe(3);
    expect((await get('technology=DG-77&institution=nobody')).total).toBe(0);
    expect((await get('technology=DG-77&status=superseded')).total).toBe(0);
    const page1 = await get('technology=DG-77&_count=2');
    expect(page1.entry?.map((e) => (e.resource as DocumentReference).date)).toEqual([
      '2025-03-10T10:00:00Z',
      '2025-02-10T10:00:00Z',
    ]);
    const next = page1.link?.find((l) => l.relation === 'next')?.url ?? '';
    expect(next).toContain('_offset=2');
    const page2 = (await hta.anonymous('GET', next.slice(next.indexOf('/hta/')))).json<Bundle>();
    expect(page2.entry?.map((e) => (e.resource as DocumentReference).date)).toEqual([
      '2025-01-10T10:00:00Z',
    ]);
    expect(page2.link?.some((l) => l.relation === 'next')).toBe(false);
    const bad = await hta.anonymous('GET', '/hta/fhir/DocumentReference?_count=5000&color=red');
    expect([bad.status, codeOf(bad.body)]).toEqual([400, 'BRK_HTA_BAD_SEARCH']);
  });
});
