/**
 * CPU time spent on one benchmark path, independent of how busy the shared machine is: this
 * process's CPU time plus that of the PostgreSQL backends connected to the path's database (read
 * from /proc; Linux only, 100 ticks a second). PostgreSQL's shared background work (WAL writer,
 * checkpointer) is not counted, for either path.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';

const TICK_MS = 10;

function ticksOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are fields 14, 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0; // the backend has ended: its last ticks are lost (connections stay open meanwhile)
  }
}

async function backendTicks(monitor: pg.Client, db: string): Promise<Map<number, number>> {
  const { rows } = await monitor.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1',
    [db],
  );
  return new Map(rows.map((r) => [r.pid, ticksOf(r.pid)]));
}

/** Starts measuring; the returned function gives the CPU milliseconds used since. */
export async function startCpuMeter(adminUrl: string, db: string): Promise<() => Promise<number>> {
  const monitor = new pg.Client({ connectionString: adminUrl });
  await monitor.connect();
  const before = await backendTicks(monitor, db);
  const own = process.cpuUsage();
  return async () => {
    const after = await backendTicks(monitor, db);
    await monitor.end();
    let ticks = 0;
    for (const [pid, t] of after) {
      ticks += t - (before.get(pid) ?? 0);
    }
    const mine = process.cpuUsage(own);
    return ticks * TICK_MS + (mine.user + mine.system) / 1000;
  };
}
