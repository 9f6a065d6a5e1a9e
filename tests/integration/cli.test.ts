import { X509Certificate } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.ts';
import { loadConfig, PROJECT_ROOT } from '../../src/config/load-config.ts';
import { initDevCertificates } from '../../src/cli/certs-init.ts';
import { runCheck } from '../../src/cli/check.ts';
import { runLogTail } from '../../src/cli/log-tail.ts';
import { runAudit } from '../../src/cli/audit.ts';
import type { Output } from '../../src/cli/output.ts';
import { startBroker, type RunningBroker } from '../../src/cli/start-broker.ts';
import { onFreePorts } from '../helpers/scratch-demo.ts';

function captured(): Output & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, log: (l) => out.push(l), error: (l) => err.push(l) };
}

/**
 * What `npm start` does, in a scratch copy of the project's data files: dev PKI generated,
 * PGlite store, demo insurers on their own ports, broker on an ephemeral port. Then the CLI
 * commands run against it as a person would.
 */
describe('the siteds CLI against a started broker', () => {
  let root: string;
  let config: Config;
  let broker: RunningBroker;
  let registryText = '';

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'siteds-cli-'));
    for (const dir of ['conformance', 'mappings', 'profiles']) {
      cpSync(path.join(PROJECT_ROOT, dir), path.join(root, dir), { recursive: true });
    }
    // Demo insurers on ports no other test uses.
    const registryFile = path.join(root, 'conformance/demo-registry.json');
    registryText = await onFreePorts(readFileSync(registryFile, 'utf8'));
    writeFileSync(registryFile, registryText);
    config = {
      ...loadConfig({ SITEDS_LOG_LEVEL: 'silent' }, root),
      host: '127.0.0.1',
      port: 0,
      htaPort: 0,
      mllpPort: 0,
    };
    broker = await startBroker(config);
    config = { ...config, port: Number(new URL(broker.url).port) };
  });
  afterAll(async () => broker.close());

  it('generated the dev PKI: ca.crt and <code>.crt/.key with the code in the subject', () => {
    expect(broker.pkiCreated).toBe(true);
    const ca = new X509Certificate(readFileSync(path.join(root, 'certs/dev/ca.crt')));
    for (const code of ['broker', '00009845', '00019049', '10001', '20001', 'auditor-susalud']) {
      const cert = new X509Certificate(readFileSync(path.join(root, `certs/dev/${code}.crt`)));
      expect(cert.subject).toContain(`CN=${code}`);
      expect(cert.verify(ca.publicKey)).toBe(true);
      expect(readFileSync(path.join(root, `certs/dev/${code}.key`), 'utf8')).toContain(
        'PRIVATE KEY',
      );
    }
    expect(broker.storeKind).toBe('pglite');
    const registered = [
      ...registryText.matchAll(/"url": "((?:https|mllps):\/\/localhost:\d+[^"]*)"/g),
    ];
    expect(broker.demoInsurers).toEqual(registered.map((m) => m[1]));
    expect(broker.demoInsurers).toHaveLength(4);
  });

  it('certs init keeps existing material unless forced', async () => {
    const before = readFileSync(path.join(root, 'certs/dev/ca.crt'), 'utf8');
    expect((await initDevCertificates(config, false)).created).toBe(false);
    expect(readFileSync(path.join(root, 'certs/dev/ca.crt'), 'utf8')).toBe(before);
  });

  /** `siteds check --as 00009845 --iafas IAFAS --dni DNI`: must exit 0; what it printed. */
  async function checkSummary(iafas: string, dni: string): Promise<string> {
    const io = captured();
    const code = await runCheck(['--as', '00009845', '--iafas', iafas, '--dni', dni], config, io);
    expect(code).toBe(0);
    return io.out.join('\n');
  }

  it('check prints who is covered, by what plan, with what copays (exit 0)', async () => {
    const text = await checkSummary('20001', '42000002');
    expect(text).toContain('Jorge Vargas Paredes');
    expect(text).toContain('Covered:  YES');
    expect(text).toContain('Plan Plus EPS');
    expect(text).toMatch(/copay\s+S\/ 15\.00/);
    expect(text).toMatch(/copay-percent\s+5 %/);
    expect(text).toMatch(/broker signature: {2}valid \(kid [\w-]{43}\)\n/);
    expect(text).toContain('insurer signature: valid over the returned body (20001)');
  });

  it('check names the plan and the insurer of an answer mapped from a SITEDS 271 (FHIR hospital, SITEDS insurer)', async () => {
    const text = await checkSummary('20006', '46000001');
    // The 271 carries the IAFAS code only: the name comes from the local registry.
    expect(text).toContain('Insurer:  EPS Andina (demo, habla SITEDS) (20006)');
    expect(text).toContain('Patient:  Lucía Paredes Villanueva');
    expect(text).toMatch(/^Covered: {2}YES$/m); // no disposition in a 271: nothing after YES
    expect(text).toMatch(/^Plan: {5}Plan Andino Plus$/m); // the Coverage's plan class
    expect(text).toMatch(/copay\s+S\/ 25\.00/);
  });

  it('check --format siteds sends a real SOAP 270 and prints the 271 (CC and CN)', async () => {
    const io = captured();
    const args = [
      '--as',
      '00009845',
      '--iafas',
      '20006',
      '--dni',
      '46000001',
      '--format',
      'siteds',
    ];
    expect(await runCheck(args, config, io)).toBe(0);
    const text = io.out.join('\n');
    expect(text).toContain('271_CON_COD: coError 0000');
    expect(text).toMatch(/documentNumber: 46000001/);
    expect(text).toContain('ipressRuc: 20999900001'); // the IPRESS's RUC from the registry
    expect(text).toMatch(/broker signature: {2}valid/);
    const byName = captured();
    const cn = [...args, '--subtype', 'CN', '--surname', 'PAREDES', '--names', 'LUCIA'];
    expect(await runCheck(cn, config, byName)).toBe(0);
    expect(byName.out.join('\n')).toContain('271_CON_NOM: coError 0000');
    const bad = captured();
    expect(
      await runCheck([...args, '--subtype', 'CN'], config, bad).catch(
        (e: unknown) => (e as Error).message,
      ),
    ).toContain('--surname');
  });

  it('check --service shows the current demo HTA report, linked on the port the HTA listens on', async () => {
    const io = captured();
    const code = await runCheck(
      ['--as', '00009845', '--iafas', '20001', '--dni', '42000002', '--service', 'ATC:L04AB99'],
      config,
      io,
    );
    expect(code).toBe(0);
    const text = io.out.join('\n');
    expect(broker.htaUrl).toMatch(/^https:\/\/localhost:\d+\/hta\/$/);
    expect(text).toContain('HTA report  DEMO-ETS-2026-001 v2.0: Informe ficticio');
    expect(text).toMatch(new RegExp(`${broker.htaUrl}fhir/DocumentReference/[\\w-]+\n`));
    expect(text).toContain("insurer signature: NOT VERIFIED here: the body is the broker's");
  });

  it('check --json prints the CoverageEligibilityResponse', async () => {
    const io = captured();
    expect(
      await runCheck(
        ['--as', '00019049', '--iafas', '10001', '--dni', '41000001', '--json'],
        config,
        io,
      ),
    ).toBe(0);
    expect(JSON.parse(io.out.join('\n'))).toMatchObject({
      resourceType: 'CoverageEligibilityResponse',
    });
  });

  it.each(['mllp', 'https'])(
    'check --format hl7v2 --transport %s sends a real RQI^I01 and prints the RPI^I01',
    async (transport) => {
      const io = captured();
      const mllp = `localhost:${new URL(broker.mllpUrl.replace('mllps:', 'https:')).port}`;
      const code = await runCheck(
        ['--format', 'hl7v2', '--transport', transport, '--mllp', mllp].concat([
          '--as',
          '00009845',
          '--iafas',
          '20001',
          '--dni',
          '42000002',
        ]),
        config,
        io,
      );
      expect(io.err).toEqual([]);
      expect(code).toBe(0);
      const text = io.out.join('\n');
      expect(text).toContain('RPI^I01^RPI_I01 MSA AA');
      expect(text).toContain('Jorge Vargas Paredes');
      expect(text).toContain('Covered:  YES');
      expect(text).toContain('Plan Plus EPS');
      if (transport === 'mllp') {
        expect(text).toMatch(/broker ZSG signature: valid \(kid [\w-]{43}\)$/m);
      } else {
        expect(text).not.toContain('ZSG');
      }
    },
  );

  it('check --format hl7v2 prints the ACK and its ERRs when refused (exit 1)', async () => {
    const io = captured();
    const mllp = `localhost:${new URL(broker.mllpUrl.replace('mllps:', 'https:')).port}`;
    const code = await runCheck(
      [
        '--format=hl7v2',
        '--mllp',
        mllp,
        '--as',
        '00009845',
        '--iafas',
        '99999',
        '--dni',
        '42000002',
      ],
      config,
      io,
    );
    expect(code).toBe(1);
    expect(io.err.join('\n')).toMatch(/MSA\|A[ER]\|/);
    expect(io.err.join('\n')).toContain('BRK_ROUTE_UNKNOWN_INSURER');
  });

  it('check exits non-zero with the error code and text on an error answer', async () => {
    const io = captured();
    expect(
      await runCheck(['--as', '00027320', '--iafas', '10001', '--dni', '41000001'], config, io),
    ).toBe(1);
    expect(io.err.join('\n')).toContain('BRK_AUTH_PARTICIPANT_SUSPENDED');
  });

  it('check exits 3 when the broker cannot be reached', async () => {
    const io = captured();
    const args = [
      '--as',
      '00009845',
      '--iafas',
      '10001',
      '--dni',
      '41000001',
      '--url',
      'https://localhost:1',
    ];
    expect(await runCheck(args, config, io)).toBe(3);
    expect(io.err.join('\n')).toContain('cannot reach the broker');
  });

  it('log tail shows the latest entries through the running broker, as the auditor', async () => {
    const io = captured();
    expect(await runLogTail(['-n', '4', '--json'], config, io)).toBe(0);
    const entries = io.out.map((l) => JSON.parse(l) as { kind: string; errorCode: string | null });
    expect(entries).toHaveLength(4);
    expect(entries.at(-1)?.errorCode).toBe('BRK_AUTH_PARTICIPANT_SUSPENDED');
  });

  it('audit export, verify and replay work against the running broker, as the demo auditor', async () => {
    await new Promise((r) => setTimeout(r, 600)); // the sequencer integrates every 250 ms
    const file = path.join(root, 'log.ndjson');
    const io = captured();
    expect(await runAudit(['export', file, '--payloads'], config, io)).toBe(0);
    expect(io.out.join('\n')).toMatch(/wrote \d+ entries and \d+ checkpoints/);
    const verify = captured();
    const verified = await runAudit(['verify', file], config, verify);
    expect(verify.err).toEqual([]);
    expect(verified).toBe(0);
    expect(verify.out.join('\n')).toMatch(/all verify/);
    const live = captured();
    expect(
      await runAudit(['verify', '--url', `https://localhost:${config.port}`], config, live),
    ).toBe(0);
    expect(live.out.join('\n')).toMatch(
      /\d+ entries \(\d+ with payload digest and message signature checked\), \d+ checkpoints?: all verify/,
    );
    const replay = captured();
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    expect(await runAudit(['replay', '--from', from, '--to', to, '--dry'], config, replay)).toBe(0);
    expect(JSON.parse(replay.out.join('')) as object).toMatchObject({ mode: 'dry', different: 0 });
  });

  it('log tail --direct reads the store itself once the broker has stopped', async () => {
    await broker.close();
    const io = captured();
    expect(await runLogTail(['-n', '12', '--direct'], config, io)).toBe(0);
    expect(io.out).toHaveLength(12);
    expect(
      io.out.some((l) => /response-out .* error 403 BRK_AUTH_PARTICIPANT_SUSPENDED/.test(l)),
    ).toBe(true);
    expect(io.out.at(-1)).toMatch(/ replay /); // the dry replay's entries came last
  });
});
