/**
 * What the report needs to say about where it ran: the machine, the code measured, and how busy
 * the machine was meanwhile (the benchmark shares it with PostgreSQL and with anything else).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const fmt = (n: number, digits = 0): string => n.toFixed(digits);

/** The commit checked out and how many files differ from it (read-only git calls). */
export function codeVersion(): string {
  const git = (...args: string[]): string =>
    execFileSync('git', ['--no-optional-locks', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  try {
    const head = git('log', '-1', '--format=%h %cI').trim();
    const changed = git('status', '--porcelain').split('\n').filter(Boolean).length;
    return `${head} (${changed === 0 ? 'working tree clean' : `${changed} files changed or new`})`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

export const loadAverage = (): string =>
  os
    .loadavg()
    .map((l) => fmt(l, 2))
    .join(' / ');

export interface CpuSnapshot {
  /** Busy and total CPU time of the whole machine so far, in ms (summed over all vCPUs). */
  readonly busy: number;
  readonly total: number;
  /** This process's CPU time so far. */
  readonly own: NodeJS.CpuUsage;
}

export function cpuSnapshot(): CpuSnapshot {
  let busy = 0;
  let total = 0;
  for (const { times } of os.cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    busy += all - times.idle;
    total += all;
  }
  return { busy, total, own: process.cpuUsage() };
}

/**
 * How busy the machine was since `since`, and how much of that was this process (client, broker
 * and insurer); the rest is PostgreSQL and whatever else ran meanwhile.
 */
export function cpuReport(since: CpuSnapshot): string {
  const now = cpuSnapshot();
  const totalMs = now.total - since.total;
  const own = process.cpuUsage(since.own);
  const ownMs = (own.user + own.system) / 1000;
  // /proc/stat counts in 10 ms ticks: over a few seconds "everything else" can come out a
  // little below zero; it is shown as 0.
  const pct = (ms: number): string => fmt(Math.max(0, (100 * ms) / totalMs), 0);
  return (
    `machine ${pct(now.busy - since.busy)} % busy (all vCPUs), ` +
    `of which this process ${pct(ownMs)} %, everything else ${pct(now.busy - since.busy - ownMs)} %`
  );
}

/** The report's header: date, machine, code, load at start. */
export function printMachine(pgVersion: string | undefined): void {
  const cpus = os.cpus();
  const gib = (os.totalmem() / 1024 ** 3).toFixed(1);
  console.log(`date:     ${new Date().toISOString()}`);
  console.log(`code:     ${codeVersion()}`);
  console.log(`cpu:      ${cpus[0]?.model ?? 'unknown'} x ${cpus.length}`);
  console.log(`memory:   ${gib} GiB`);
  console.log(`os:       ${os.type()} ${os.release()} (${os.arch()})`);
  console.log(`node:     ${process.version}`);
  console.log(`postgres: ${pgVersion ?? 'not reachable on 127.0.0.1:5432'}`);
  console.log(
    `loadavg:  ${loadAverage()} (1/5/15 min, at start; other work on the machine skews results)`,
  );
}
