import { randomUUID } from 'node:crypto';

/**
 * A new exchange's correlation id: a UUID version 7 (RFC 9562 §5.7), the Unix time in
 * milliseconds in its first 48 bits and 74 random bits after the version and variant. Ids so grow
 * with time: every entry's correlation id goes to the right-hand end of the
 * `message_log_correlation` index instead of a random page of it (with random version 4 ids, a
 * large log's index takes its inserts all over, each page written again in full to the WAL after
 * every checkpoint), and they sort by the time the exchange began. The time in the id is the one
 * the log records anyway.
 */
export function newCorrelationId(now = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  // A version 4 UUID supplies the random bits and the variant: xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randomUUID().slice(15)}`;
}
