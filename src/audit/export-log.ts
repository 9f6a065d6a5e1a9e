import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { ParticipantClient } from '../sim/participant-client.ts';

/**
 * Writes the log as NDJSON for offline verification, read through the auditor API: a `log` line
 * (origin, verifier key), every `checkpoint`, then every `entry` (index, leaf hash, canonical
 * bytes) in tree order, up to the latest checkpoint. With `withPayloads`, entries also carry their
 * bytes and salt (while retention kept them) and the header every participant's public keys, so
 * that `verify` can check payload digests and message signatures.
 */
export async function exportLog(
  client: ParticipantClient,
  file: string,
  onProgress: (entries: number) => void,
  withPayloads = false,
): Promise<{ entries: number; checkpoints: number }> {
  const out = createWriteStream(file);
  const write = async (record: unknown): Promise<void> => {
    if (!out.write(`${JSON.stringify(record)}\n`)) {
      await once(out, 'drain');
    }
  };
  const get = async (path: string): Promise<string> => {
    const res = await client.get(path);
    if (res.status !== 200) {
      throw new Error(`GET ${path}: HTTP ${res.status} ${res.body.toString('utf8')}`);
    }
    return res.body.toString('utf8');
  };
  const vkey = (await get('/audit/log-key')).trim();
  const keys = withPayloads ? (JSON.parse(await get('/audit/keys')) as unknown) : undefined;
  await write({ type: 'log', origin: vkey.split('+')[0], verifierKey: vkey, keys });
  const checkpoints: string[] = [];
  for (let from = 0; ;) {
    const page = (
      JSON.parse(await get(`/audit/checkpoints?from=${from}`)) as { checkpoints: string[] }
    ).checkpoints;
    checkpoints.push(...page);
    if (page.length < 1000) {
      break;
    }
    from = Number((page.at(-1) ?? '').split('\n')[1]) + 1;
  }
  for (const note of checkpoints) {
    await write({ type: 'checkpoint', note });
  }
  const size = Number((checkpoints.at(-1) ?? '\n0').split('\n')[1]);
  let entries = 0;
  while (entries < size) {
    const end = Math.min(entries + 1000, size);
    const query = `start=${entries}&end=${end}${withPayloads ? '&payloads=true' : ''}`;
    const page = JSON.parse(await get(`/audit/entries?${query}`)) as {
      entries: object[];
    };
    for (const e of page.entries) {
      await write({ type: 'entry', ...e });
    }
    entries += page.entries.length;
    onProgress(entries);
  }
  out.end();
  await once(out, 'finish');
  return { entries, checkpoints: checkpoints.length };
}
