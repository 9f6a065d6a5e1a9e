import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLog } from '../../src/audit/export-log.ts';
import { verifyExport } from '../../src/audit/verify-export.ts';
import { PROJECT_ROOT } from '../../src/config/load-config.ts';
import { buildEligibilityRequest } from '../../src/sim/build-eligibility-request.ts';
import { createParticipantClient } from '../../src/sim/participant-client.ts';
import { freshDatabase } from '../helpers/fresh-database.ts';
import { scratchDemo } from '../helpers/scratch-demo.ts';

/** Starts `siteds start` as its own process and resolves with its URL once it prints `ready`. */
function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      SITEDS_HOST: '127.0.0.1',
      SITEDS_PORT: '0',
      SITEDS_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no ready line: ${err}`));
    }, 30_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /ready on (https:\/\/localhost:\d+)/.exec(out)?.[1];
      if (url !== undefined) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  await exited;
}

/**
 * Two broker processes on one PostgreSQL, both taking traffic and both running a sequencer:
 * one tree comes out, with every exchange's four entries exactly once, and it verifies.
 */
describe('two broker processes on one database', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'siteds-two-'));
  const procs: ChildProcess[] = [];
  let urls: string[] = [];
  beforeAll(async () => {
    const env = { DATABASE_URL: await freshDatabase('two'), ...(await scratchDemo(dir)) };
    const first = await startProcess(env); // generates the PKI and runs the demo insurers
    const second = await startProcess({ ...env, SITEDS_DEMO: 'false' });
    procs.push(first.child, second.child);
    urls = [first.url, second.url];
  }, 60_000);
  afterAll(async () => {
    await Promise.all(procs.map(stop));
  });

  it('produce one consistent, verifiable tree under concurrent load', async () => {
    const clients = urls.map((u) =>
      createParticipantClient(path.join(dir, 'certs'), '00009845', u),
    );
    const ask = (i: number) =>
      clients[i % 2]!.post(
        '/fhir/CoverageEligibilityRequest/$submit',
        'application/fhir+json',
        JSON.stringify(
          buildEligibilityRequest({
            ipress: '00009845',
            iafas: i % 3 === 0 ? '20001' : '10001',
            dni: '41000001',
          }),
        ),
      );
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => ask(i)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const auditor = createParticipantClient(path.join(dir, 'certs'), 'auditor-susalud', urls[1]!);
    let size = 0;
    for (let tries = 0; tries < 100 && size < 240; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      const note = (await auditor.get('/audit/checkpoint')).body.toString();
      size = Number(note.split('\n')[1] ?? 0);
    }
    expect(size).toBe(240); // 60 exchanges × 4 entries, all sequenced
    const file = path.join(dir, 'export.ndjson');
    await exportLog(auditor, file, () => undefined, true);
    const report = await verifyExport(file);
    expect(report.problems).toEqual([]);
    expect([report.entries, report.payloads]).toEqual([240, 240]);
    await Promise.all([...clients, auditor].map((c) => c.close()));
  }, 60_000);
});
