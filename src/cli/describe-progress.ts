/**
 * One progress line for long work (`siteds audit verify`): entries done, the share of the file,
 * the rate so far and, from both, about how long is left:
 * `verified 400,000 entries (10 %, 10,000 entries/s, ≈6 min left)…`.
 */
export function describeProgress(entries: number, share: number, seconds: number): string {
  const parts = [`${Math.floor(Math.min(Math.max(share, 0), 1) * 100)} %`];
  if (seconds > 0) {
    parts.push(`${format(Math.round(entries / seconds))} entries/s`);
  }
  if (share > 0 && share < 1 && seconds > 0) {
    parts.push(`≈${describeSeconds((seconds * (1 - share)) / share)} left`);
  }
  return `verified ${format(entries)} entries (${parts.join(', ')})…`;
}

const format = (n: number): string => n.toLocaleString('en-US');

function describeSeconds(seconds: number): string {
  return seconds < 90 ? `${Math.max(1, Math.round(seconds))} s` : `${Math.round(seconds / 60)} min`;
}
