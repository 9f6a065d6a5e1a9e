import type { FastifyInstance } from 'fastify';
import { brokerError } from '../errors/broker-error.ts';
import { encodeCanonicalEntry } from '../log/canonical-entry.ts';
import { consistencyProof, inclusionProof } from '../log/merkle/proofs.ts';
import {
  CANONICAL_COLUMNS,
  readSequencedEntries,
  toCanonical,
  type CanonicalRow,
} from '../log/read-canonical.ts';
import type { Registry } from '../registry/participant.ts';
import { proveFromStore } from '../log/stored-subtrees.ts';
import { readTreeSize } from '../log/tree-size.ts';
import type { SqlClient } from '../store/open-store.ts';
import { intParam, requireAuditor } from './require-auditor.ts';

const b64 = (h: Uint8Array): string => Buffer.from(h).toString('base64');
const PAGE = 1000;

/**
 * The auditor API over the Merkle log (RFC 9162 proofs, C2SP checkpoints), `auditor` role only:
 * `GET /audit/checkpoint`, `/audit/checkpoints?from=`, `/audit/log-key`,
 * `/audit/proof/inclusion?index=&size=`, `/audit/proof/consistency?from=&to=` (each reading
 * O(log n) stored subtree hashes),
 * `/audit/entries?start=&end=` (at most 1000 per page, canonical entries with leaf hashes).
 */
export function registerTreeRoutes(
  app: FastifyInstance,
  sql: SqlClient,
  verifierKey: string,
  registry: Registry,
): void {
  app.addHook('onRequest', (request, _reply, done) => {
    try {
      if (request.url.startsWith('/audit/')) {
        requireAuditor(request);
      }
      done();
    } catch (err) {
      done(err as Error);
    }
  });
  app.get('/audit/log-key', async (_request, reply) =>
    reply.type('text/plain').send(`${verifierKey}\n`),
  );
  app.get('/audit/checkpoint', async (_request, reply) => {
    const [row] = await sql.query<{ note: string }>(
      'SELECT note FROM log_checkpoint ORDER BY tree_size DESC LIMIT 1',
    );
    if (row === undefined) {
      throw brokerError('BRK_NOT_FOUND', 'the log has no checkpoint yet');
    }
    return reply.type('text/plain').send(row.note);
  });
  app.get('/audit/checkpoints', async (request) => {
    const from = intParam(request.query, 'from', 0);
    const rows = await sql.query<{ note: string }>(
      'SELECT note FROM log_checkpoint WHERE tree_size >= $1 ORDER BY tree_size LIMIT $2',
      [from, PAGE],
    );
    return { checkpoints: rows.map((r) => r.note) };
  });
  registerProofRoutes(app, sql);
  registerEntryRoute(app, sql);
  registerSearchRoute(app, sql);
  app.get('/audit/keys', () => Promise.resolve(participantKeys(registry)));
}

/**
 * `GET /audit/proof/inclusion?index=&size=` and `/audit/proof/consistency?from=&to=`: RFC 9162
 * proofs computed from O(log n) stored subtree hashes (`src/log/stored-subtrees.ts`).
 */
function registerProofRoutes(app: FastifyInstance, sql: SqlClient): void {
  app.get('/audit/proof/inclusion', async (request) => {
    const index = intParam(request.query, 'index');
    const size = await checkedSize(sql, intParam(request.query, 'size'));
    if (index >= size) {
      throw brokerError('BRK_REQUEST_INVALID', `index ${index} is not below size ${size}`, 'index');
    }
    const [leaf] = await sql.query<{ leaf_hash: Uint8Array }>(
      'SELECT leaf_hash FROM log_leaf WHERE tree_index = $1',
      [index],
    );
    const proof = await proveFromStore(sql, (hasher) => inclusionProof(hasher, index, size));
    return {
      index,
      size,
      leafHash: b64(leaf?.leaf_hash ?? new Uint8Array()),
      proof: proof.map(b64),
    };
  });
  app.get('/audit/proof/consistency', async (request) => {
    const from = intParam(request.query, 'from');
    const to = await checkedSize(sql, intParam(request.query, 'to'));
    if (from > to) {
      throw brokerError('BRK_REQUEST_INVALID', `from ${from} is above to ${to}`, 'from');
    }
    const proof = await proveFromStore(sql, (hasher) => consistencyProof(hasher, from, to));
    return { from, to, proof: proof.map(b64) };
  });
}

/**
 * `GET /audit/entries?start=&end=[&payloads=true]`: canonical entries with their leaf hashes, in
 * tree order; with `payloads`, each entry's bytes and salt while retention has kept them.
 */
function registerEntryRoute(app: FastifyInstance, sql: SqlClient): void {
  app.get('/audit/entries', async (request) => {
    const start = intParam(request.query, 'start', 0);
    const end = Math.min(intParam(request.query, 'end', start + PAGE), start + PAGE);
    const withPayloads = (request.query as { payloads?: string }).payloads === 'true';
    const rows = await readSequencedEntries(sql, start, end, withPayloads);
    return {
      entries: rows.map((r) => ({
        index: r.index,
        leafHash: b64(r.leafHash),
        canonical: encodeCanonicalEntry(r.entry).toString('utf8'),
        ...(r.payload === undefined
          ? {}
          : { payload: b64(r.payload.bytes), salt: b64(r.payload.salt) }),
      })),
    };
  });
}

async function checkedSize(sql: SqlClient, size: number): Promise<number> {
  const current = await readTreeSize(sql);
  if (size < 1 || size > current) {
    throw brokerError(
      'BRK_REQUEST_INVALID',
      `size must be from 1 to the tree size ${current}`,
      'size',
    );
  }
  return size;
}

/** `GET /audit/keys`: every participant's public signing keys, revoked ones included (for old messages). */
function participantKeys(registry: Registry): Record<string, { keys: object[] }> {
  return Object.fromEntries(
    registry.participants.map((p) => [
      p.code,
      { keys: p.signingKeys.map((k) => ({ ...k.jwk, ...(k.revoked ? { revoked: true } : {}) })) },
    ]),
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `GET /audit/search?participant=&correlationId=&outcome=&from=&to=&limit=`: entries (metadata,
 * with their tree index once sequenced) by participant (sender or recipient), exchange,
 * outcome (`ok`, `error`, …) and time range (ISO 8601), newest first, at most 1000.
 */
export function registerSearchRoute(app: FastifyInstance, sql: SqlClient): void {
  app.get('/audit/search', async (request) => {
    const q = request.query as Record<string, string | undefined>;
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown): void => {
      params.push(value);
      where.push(clause.replaceAll('?', `$${params.length}`));
    };
    if (q.participant !== undefined) {
      add('(m.sender = ? OR m.recipient = ?)', q.participant);
    }
    if (q.correlationId !== undefined) {
      if (!UUID.test(q.correlationId)) {
        throw brokerError('BRK_REQUEST_INVALID', 'correlationId must be a UUID', 'correlationId');
      }
      add('m.correlation_id = ?::uuid', q.correlationId); // by the index, in any letter case
    }
    if (q.outcome !== undefined) {
      add('m.outcome = ?', q.outcome);
    }
    for (const [name, op] of [
      ['from', '>='],
      ['to', '<'],
    ] as const) {
      const value = q[name];
      if (value !== undefined) {
        if (Number.isNaN(Date.parse(value))) {
          throw brokerError('BRK_REQUEST_INVALID', `${name} must be an ISO 8601 time`, name);
        }
        add(`m.logged_at ${op} ?`, new Date(value));
      }
    }
    params.push(Math.min(intParam(request.query, 'limit', 100), PAGE));
    const rows = await sql.query<Record<string, unknown>>(
      `SELECT l.tree_index::text AS tree_index, ${CANONICAL_COLUMNS}
         FROM message_log m LEFT JOIN log_leaf l ON l.entry_id = m.id
        ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
        ORDER BY m.id DESC LIMIT $${params.length}`,
      params,
    );
    return {
      entries: rows.map((r) => ({
        index: r.tree_index === null ? null : Number(r.tree_index),
        ...toCanonical(r as unknown as CanonicalRow),
      })),
    };
  });
}
