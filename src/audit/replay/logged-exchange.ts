import type { SqlClient } from '../../store/open-store.ts';

/** One logged exchange, as replay needs it: the request bytes and what happened to it. */
export interface LoggedExchange {
  readonly entryId: string;
  readonly correlationId: string;
  readonly route: string;
  readonly sender: string | null;
  readonly contentType: string | null;
  readonly request: Buffer | undefined;
  /** The routing decision that was logged (recipient of the forward), if any. */
  readonly forwardedTo: string | null;
  /** The insurer's answer as logged. */
  readonly insurerAnswer: { status: number; contentType: string | null; body: Buffer } | undefined;
  /** What the caller was answered. */
  readonly final: { status: number | null; errorCode: string | null };
}

interface Row {
  id: string;
  correlation_id: string;
  kind: string;
  route: string;
  sender: string | null;
  recipient: string | null;
  content_type: string | null;
  http_status: number | null;
  error_code: string | null;
  bytes: Uint8Array | null;
}

/**
 * The logged requests received in `[from, to)` (optionally from one participant), each with its
 * exchange's forward, insurer answer and final answer, oldest first. Replay entries are skipped,
 * and so are the HTA repository's writes (routes `hta.*`: publications and moderation are
 * evidence in the log, not eligibility exchanges to re-run).
 */
export async function readLoggedExchanges(
  sql: SqlClient,
  range: { from: Date; to: Date; participant?: string | undefined; limit: number },
): Promise<LoggedExchange[]> {
  const rows = await sql.query<Row>(
    `SELECT m.id::text AS id, m.correlation_id::text AS correlation_id, m.kind, m.route, m.sender,
            m.recipient, m.content_type, m.http_status, m.error_code, p.bytes
       FROM message_log m LEFT JOIN message_payload p ON p.entry_id = m.id
      WHERE m.correlation_id IN (
              SELECT correlation_id FROM message_log
               WHERE kind = 'request-in' AND logged_at >= $1 AND logged_at < $2
                 AND route NOT LIKE 'hta.%'
                 AND ($3::text IS NULL OR sender = $3) ORDER BY id LIMIT $4)
        AND m.kind <> 'replay'
      ORDER BY m.id`,
    [range.from, range.to, range.participant ?? null, range.limit],
  );
  const byExchange = new Map<string, Row[]>();
  for (const r of rows) {
    byExchange.set(r.correlation_id, [...(byExchange.get(r.correlation_id) ?? []), r]);
  }
  return [...byExchange.values()].flatMap((entries) => toExchange(entries));
}

function toExchange(entries: Row[]): LoggedExchange[] {
  const of = (kind: string): Row | undefined => entries.find((e) => e.kind === kind);
  const request = of('request-in');
  if (request === undefined) {
    return [];
  }
  const answer = of('response-in');
  const final = of('response-out');
  return [
    {
      entryId: request.id,
      correlationId: request.correlation_id,
      route: request.route,
      sender: request.sender,
      contentType: request.content_type,
      request: request.bytes === null ? undefined : Buffer.from(request.bytes),
      forwardedTo: of('request-out')?.recipient ?? null,
      insurerAnswer:
        answer?.bytes === null || answer === undefined
          ? undefined
          : {
              status: answer.http_status ?? 0,
              contentType: answer.content_type,
              body: Buffer.from(answer.bytes),
            },
      final: { status: final?.http_status ?? null, errorCode: final?.error_code ?? null },
    },
  ];
}
