import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CoverageEligibilityResponse, DocumentReference, Extension } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check.ts';
import type { Output } from '../../src/cli/output.ts';
import { parseFhirXml } from '../../src/formats/fhir/xml/parse-fhir-xml.ts';
import { seedDemoReports } from '../../src/hta/demo/seed-reports.ts';
import { HTA } from '../../src/hta/hta-report.ts';
import { searchReports } from '../../src/hta/store/search-reports.ts';
import { parseDetached, verifyJwsSignature } from '../../src/jose/detached-jws.ts';
import { readJwks } from '../../src/jose/participant-keys.ts';
import {
  buildEligibilityRequest,
  parseServiceCode,
} from '../../src/sim/build-eligibility-request.ts';
import type { ClientAnswer } from '../../src/sim/participant-client.ts';
import { freshDatabase } from '../helpers/fresh-database.ts';
import {
  fhirModel,
  startTestBroker,
  testConfig,
  TEST_HTA_BASE,
  validator,
  type TestBroker,
} from '../helpers/test-broker.ts';

const SUBMIT = '/fhir/CoverageEligibilityRequest/$submit';
const FHIR = 'application/fhir+json';
const RESPONSE_PE =
  'https://siteds-broker.github.io/fhir/StructureDefinition/CoverageEligibilityResponsePe';
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('base64url');

/** The HTA links on the answer's items, by the item's first productOrService code. */
function linksOf(answer: CoverageEligibilityResponse): Record<string, Extension[]> {
  const out: Record<string, Extension[]> = {};
  for (const item of answer.insurance?.flatMap((i) => i.item ?? []) ?? []) {
    const code = item.productOrService?.coding?.[0]?.code;
    if (code !== undefined) {
      out[code] = (item.extension ?? []).filter((e) => e.url === HTA.reportReference);
    }
  }
  return out;
}

/**
 * An IPRESS asks, over real mutual TLS, about a service; the broker (PostgreSQL store holding
 * the demo HTA reports) links the current report to the insurer's answer item and returns its
 * own bytes, countersigned, with the insurer's JWS and the digest of the insurer's bytes.
 */
describe('eligibility answers linked to current HTA reports', () => {
  let broker: TestBroker;
  let reports: DocumentReference[];
  const ask = (dni: string, service?: string, query = ''): Promise<ClientAnswer> =>
    broker.client('00009845').post(
      `${SUBMIT}${query}`,
      FHIR,
      JSON.stringify(
        buildEligibilityRequest({
          ipress: '00009845',
          iafas: '20001',
          dni,
          service: service === undefined ? undefined : parseServiceCode(service),
        }),
      ),
    );
  const reportFor = (code: string, status: string): DocumentReference => {
    const found = reports.find(
      (r) =>
        r.status === status &&
        r.extension?.some((e) => e.valueCodeableConcept?.coding?.[0]?.code === code),
    );
    expect(found, `${status} report for ${code}`).toBeDefined();
    return found!;
  };
  const loggedInsurerBytes = async (res: ClientAnswer): Promise<Buffer> => {
    const entries = await broker.log.findByCorrelation(res.correlationId ?? '');
    const bytes = await broker.log.readPayload(entries.find((e) => e.kind === 'response-in')!.id);
    return bytes!;
  };

  beforeAll(async () => {
    // A database of its own: its reports are exactly the demo seed (one of them in two versions).
    broker = await startTestBroker({
      store: 'postgres',
      databaseUrl: await freshDatabase('htalink'),
    });
    expect(await seedDemoReports(broker.store)).toBe(4);
    reports = (await searchReports(broker.store, { count: 50, offset: 0 })).reports;
  });
  afterAll(async () => broker.close());

  it('links the current report (not the superseded version) to the item asked about', async () => {
    const res = await ask('42000002', 'ATC:L04AB99');
    expect(res.status).toBe(200);
    const answer = JSON.parse(res.body.toString()) as CoverageEligibilityResponse;
    const current = reportFor('L04AB99', 'current');
    const superseded = reportFor('L04AB99', 'superseded');
    expect(current.id).not.toBe(superseded.id);
    const links = linksOf(answer).L04AB99 ?? [];
    expect(links).toHaveLength(1);
    expect(links[0]?.valueReference).toMatchObject({
      reference: `${TEST_HTA_BASE}/fhir/DocumentReference/${current.id ?? ''}`,
      type: 'DocumentReference',
      identifier: { value: 'DEMO-ETS-2026-001' },
    });
    expect(links[0]?.valueReference?.display).toContain('v2.0');
    expect(links[0]?.valueReference?.display).toContain(`${TEST_HTA_BASE}/reports/${current.id}`);
    expect(res.body.toString()).not.toContain(superseded.id);
    // The plan item is still there, unlinked; the service item says what the insurer said.
    const items = answer.insurance?.[0]?.item ?? [];
    expect(items.map((i) => i.name ?? i.productOrService?.coding?.[0]?.code)).toEqual([
      'L04AB99',
      'Plan Plus EPS',
    ]);
    expect(items[0]).toMatchObject({ excluded: false, authorizationRequired: true });
  });

  it('still validates against CoverageEligibilityResponsePe, with no error', async () => {
    const res = await ask('42000002', 'CPMS:66984');
    const answer = JSON.parse(res.body.toString()) as CoverageEligibilityResponse;
    expect(linksOf(answer)['66984']).toHaveLength(1);
    const errors = validator()
      .prepare([RESPONSE_PE])(answer)
      .filter((i) => i.severity === 'error');
    expect(errors).toEqual([]);
    // The validator does check the extension: a link of another type is an error.
    const link = linksOf(answer)['66984']![0]!;
    delete link.valueReference;
    link.valueString = 'not a reference';
    const broken = validator()
      .prepare([RESPONSE_PE])(answer)
      .filter((i) => i.severity === 'error');
    expect(broken.map((i) => i.expression).join(' ')).toContain('extension');
  });

  it('sends its own bytes: countersigned, the insurer JWS verifying over the logged origin', async () => {
    const res = await ask('42000002', 'ATC:L04AB99');
    const insurerBytes = await loggedInsurerBytes(res);
    expect(insurerBytes.equals(res.body)).toBe(false);
    const counter = parseDetached(res.signature ?? '')!;
    expect(counter.header.origin_jws).toBe(res.originSignature);
    expect(counter.header.origin_sha256).toBe(sha256(insurerBytes));
    expect(counter.header.origin_sha256).not.toBe(sha256(res.body));
    const keys = readJwks(
      JSON.parse(readFileSync(path.join(broker.pkiDir, '20001.jwks.json'), 'utf8')),
      '20001',
      [],
    );
    const origin = parseDetached(res.originSignature ?? '')!;
    expect(await verifyJwsSignature(origin, insurerBytes, keys[0]!.publicKey, ['ES256'])).toBe(
      true,
    );
    expect(await verifyJwsSignature(origin, res.body, keys[0]!.publicKey, ['ES256'])).toBe(false);
    const entries = await broker.log.findByCorrelation(res.correlationId ?? '');
    const closing = entries.at(-1)!;
    expect((await broker.log.readPayload(closing.id))?.equals(res.body)).toBe(true);
    expect(closing.verdicts).toMatchObject({
      htaLink: {
        result: 'linked',
        detail: expect.stringContaining(`|L04AB99 → DocumentReference/`) as unknown,
      },
    });
  });

  it('carries the link in FHIR XML too', async () => {
    const res = await ask('42000002', 'ATC:L04AB99', '?_format=xml');
    expect(res.contentType).toContain('application/fhir+xml');
    expect(res.body.toString()).toContain(`<extension url="${HTA.reportReference}">`);
    const answer = parseFhirXml(res.body, fhirModel()) as CoverageEligibilityResponse;
    expect(linksOf(answer).L04AB99?.[0]?.valueReference?.reference).toBe(
      `${TEST_HTA_BASE}/fhir/DocumentReference/${reportFor('L04AB99', 'current').id ?? ''}`,
    );
  });

  it('adds nothing when no report concerns the service, and passes the insurer bytes on', async () => {
    const res = await ask('42000002', 'ATC:L04AB02');
    const answer = JSON.parse(res.body.toString()) as CoverageEligibilityResponse;
    expect(linksOf(answer)).toEqual({ L04AB02: [] });
    expect(res.body.equals(await loggedInsurerBytes(res))).toBe(true);
    const entries = await broker.log.findByCorrelation(res.correlationId ?? '');
    expect(entries.at(-1)?.verdicts).toMatchObject({ htaLink: { result: 'none' } });
  });

  it('looks nothing up when no service is asked about', async () => {
    const res = await ask('42000003');
    expect(res.status).toBe(200);
    expect(res.body.equals(await loggedInsurerBytes(res))).toBe(true);
    const entries = await broker.log.findByCorrelation(res.correlationId ?? '');
    expect(entries.at(-1)?.verdicts).not.toHaveProperty('htaLink');
  });

  describe('siteds check', () => {
    const run = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const io: Output = { log: (l) => out.push(l), error: (l) => err.push(l) };
      const registryFile = writeRegistry(broker.pkiDir);
      const config = testConfig(broker.pkiDir, {
        registryFile,
        rootDir: path.dirname(registryFile),
      });
      const code = await runCheck(
        ['--as', '00009845', '--iafas', '20001', '--url', broker.url, ...args],
        config,
        io,
      );
      return { code, text: out.join('\n'), err: err.join('\n') };
    };

    it('shows the link and says the insurer signature was not verified over the broker bytes', async () => {
      const { code, text } = await run(['--dni', '42000002', '--service', 'ATC:L04AB99']);
      expect(code).toBe(0);
      const current = reportFor('L04AB99', 'current');
      expect(text).toContain(
        'Service:  http://www.whocc.no/atc|L04AB99 — covered, authorization required',
      );
      expect(text).toContain(`HTA report  DEMO-ETS-2026-001 v2.0:`);
      expect(text).toContain(`${TEST_HTA_BASE}/fhir/DocumentReference/${current.id ?? ''}`);
      expect(text).toMatch(/broker signature: {2}valid \(kid [\w-]{43}\)\n/);
      expect(text).toContain(
        "insurer signature: NOT VERIFIED here: the body is the broker's (amended or converted), not the bytes the insurer signed (20001); the broker's valid countersignature states",
      );
      expect(text).not.toContain('insurer signature: valid');
    });

    it('verifies the insurer signature itself when nothing was linked', async () => {
      const { code, text } = await run(['--dni', '42000002', '--service', 'ATC:L04AB02']);
      expect(code).toBe(0);
      expect(text).not.toContain('HTA report');
      expect(text).toContain('insurer signature: valid over the returned body (20001)');
    });

    it('refuses a service code it cannot read', async () => {
      await expect(run(['--dni', '42000002', '--service', 'L04AB99'])).rejects.toThrow(
        /--service is ATC:<code>/,
      );
    });
  });
});

/** A registry file for `siteds check` (the insurer's and the broker's public keys), in a temp dir. */
function writeRegistry(pkiDir: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'siteds-hta-link-'));
  const entry = (code: string, kind: string, extra: object = {}) => ({
    code,
    kind,
    name: code,
    status: 'active',
    certificateFiles: [path.join(pkiDir, `${code}.crt`)],
    jwksFile: path.join(pkiDir, `${code}.jwks.json`),
    ...extra,
  });
  const file = path.join(dir, 'registry.json');
  writeFileSync(
    file,
    JSON.stringify({
      participants: [
        entry('broker', 'broker'),
        entry('00009845', 'ipress'),
        entry('20001', 'iafas', {
          endpoint: { url: 'https://localhost:1/fhir', format: 'fhir', deadlineMs: 1000 },
        }),
      ],
    }),
  );
  return file;
}
