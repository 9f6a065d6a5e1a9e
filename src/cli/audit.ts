import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportLog } from '../audit/export-log.ts';
import { verifyExport } from '../audit/verify-export.ts';
import { describeProgress } from './describe-progress.ts';
import type { Config } from '../config/config.ts';
import { createParticipantClient } from '../sim/participant-client.ts';
import { parseOptions, UsageError } from './args.ts';
import type { Output } from './output.ts';

export const AUDIT_USAGE = `siteds audit export FILE [--payloads] [--url URL --as <auditor>]
  siteds audit verify FILE [--key VKEY] [--checkpoint FILE]...
  siteds audit verify --url URL [--as <auditor>] [--key VKEY] [--checkpoint FILE]...
  siteds audit replay --from T1 --to T2 [--participant P] [--dry | --target URL --insurer CODE] [--id UUID] [--rate N]`;

/**
 * `siteds audit export FILE`: the log (entries and checkpoints) from a running broker, as the
 * auditor. `siteds audit verify FILE`: recomputes the tree offline and names every entry and
 * checkpoint that does not verify; exit 1 if anything does not. `verify --url` does the same on
 * a fresh export from a running broker.
 */
export async function runAudit(argv: string[], config: Config, out: Output): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parseOptions(rest, {
    url: { type: 'string', default: `https://localhost:${config.port}` },
    as: { type: 'string', default: 'auditor-susalud' },
    certs: { type: 'string', default: config.certsDir },
    key: { type: 'string' },
    checkpoint: { type: 'string', multiple: true },
    payloads: { type: 'boolean', default: false },
    from: { type: 'string' },
    to: { type: 'string' },
    participant: { type: 'string' },
    dry: { type: 'boolean', default: false },
    target: { type: 'string' },
    insurer: { type: 'string' },
    id: { type: 'string' },
    rate: { type: 'string', default: '20' },
  });
  if (action === 'replay') {
    return runReplayCommand(values, out);
  }
  const file = positionals[0];
  if (action === 'verify') {
    return file === undefined ? verifyLive(values, out) : verifyFile(file, values, out);
  }
  if (file === undefined) {
    throw new UsageError('a FILE is required');
  }
  if (action === 'export') {
    return exportTo(file, values, out);
  }
  throw new UsageError(`unknown audit action ${String(action)}`);
}

interface ClientOptions {
  readonly url: string;
  readonly as: string;
  readonly certs: string;
  readonly payloads: boolean;
}

interface VerifyOptions {
  readonly key?: string | undefined;
  readonly checkpoint?: string[] | undefined;
}

async function exportTo(file: string, values: ClientOptions, out: Output): Promise<number> {
  const client = createParticipantClient(values.certs, values.as, values.url);
  try {
    const done = await exportLog(
      client,
      file,
      (n) => {
        out.error(`exported ${n} entries…`);
      },
      values.payloads,
    );
    out.log(`wrote ${done.entries} entries and ${done.checkpoints} checkpoints to ${file}`);
    return 0;
  } finally {
    await client.close();
  }
}

/**
 * `verify` without a FILE: exports the whole log with payloads from the broker at `--url` (as
 * the auditor) into a private temporary file, verifies it like any export, and removes it.
 */
async function verifyLive(values: ClientOptions & VerifyOptions, out: Output): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'siteds-verify-'));
  const file = path.join(dir, 'log.ndjson');
  try {
    await exportTo(file, { ...values, payloads: true }, out);
    return await verifyFile(file, values, out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function verifyFile(file: string, values: VerifyOptions, out: Output): Promise<number> {
  const started = performance.now();
  const report = await verifyExport(file, {
    verifierKey: values.key,
    trusted: (values.checkpoint ?? []).map((f) => readFileSync(f, 'utf8')),
    onProgress: (n, share) => {
      out.error(describeProgress(n, share, (performance.now() - started) / 1000));
    },
  });
  report.problems.forEach((p) => {
    out.error(`NOT VERIFIED: ${p}`);
  });
  const problems = report.problems.length;
  out.log(
    `${count(report.entries, 'entry', 'entries')} (${report.payloads} with payload digest and message signature checked), ` +
      `${count(report.checkpoints, 'checkpoint')}: ${problems === 0 ? 'all verify' : count(problems, 'problem')}` +
      (report.threads > 0 ? ` (checked on ${count(report.threads, 'worker thread')})` : ''),
  );
  return report.problems.length === 0 ? 0 : 1;
}

interface ReplayOptions {
  url: string;
  as: string;
  certs: string;
  from?: string | undefined;
  to?: string | undefined;
  participant?: string | undefined;
  dry: boolean;
  target?: string | undefined;
  insurer?: string | undefined;
  id?: string | undefined;
  rate: string;
}

/** `siteds audit replay`: asks the broker to re-run logged requests and prints the report. */
async function runReplayCommand(values: ReplayOptions, out: Output): Promise<number> {
  if (values.from === undefined || values.to === undefined) {
    throw new UsageError('replay needs --from and --to (ISO 8601 times)');
  }
  const live = values.target !== undefined && !values.dry;
  const request = {
    id: values.id ?? crypto.randomUUID(),
    from: values.from,
    to: values.to,
    participant: values.participant,
    mode: live ? 'live' : 'dry',
    target: live ? { url: values.target, insurer: values.insurer } : undefined,
    rate: Number(values.rate),
  };
  const client = createParticipantClient(values.certs, values.as, values.url);
  try {
    const res = await client.post('/audit/replay', 'application/json', JSON.stringify(request));
    out.log(res.body.toString('utf8'));
    return res.status === 200 ? 0 : 1;
  } finally {
    await client.close();
  }
}

/** `1 checkpoint`, `2 checkpoints`. */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
