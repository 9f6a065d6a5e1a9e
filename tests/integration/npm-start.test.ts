import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/load-config.ts';
import { scratchDemo } from '../helpers/scratch-demo.ts';

/**
 * `npm start` as a person runs it: the real CLI process, printing a `ready` line with a first
 * command, and shutting down cleanly on Ctrl-C (SIGINT) with exit code 0. Data, certificates
 * and demo insurer ports are moved to a scratch folder so the test touches nothing in the repo.
 */
describe('siteds start (what npm start runs)', () => {
  it('prints ready and a first check, then exits 0 on SIGINT', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'siteds-start-'));
    const demoEnv = await scratchDemo(dir);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        SITEDS_PORT: '0',
        SITEDS_HOST: '127.0.0.1',
        SITEDS_DATA_DIR: path.join(dir, 'data'),
        ...demoEnv,
        SITEDS_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        resolve(code);
      }),
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no ready line; stderr: ${stderr}`));
      }, 90_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(stdout).toMatch(/ready on https:\/\/localhost:\d+ \(store: pglite\)/);
    const url = /ready on (https:\/\/localhost:\d+)/.exec(stdout)?.[1];
    expect(stdout).toContain(
      `npx siteds check --as 00009845 --iafas 10001 --dni 41000001 --url ${url}`,
    );
    expect(existsSync(path.join(dir, 'certs/ca.crt'))).toBe(true);
    // The HTA repository beside it: public (no client certificate), seeded with fictional reports.
    const hta = /public page: (https:\/\/localhost:\d+\/hta\/)/.exec(stdout)?.[1] ?? '';
    const agent = new Agent({ connect: { ca: readFileSync(path.join(dir, 'certs/ca.crt')) } });
    const page = await request(hta, { dispatcher: agent });
    expect(page.statusCode).toBe(200);
    expect(await page.body.text()).toContain('Informe ficticio');
    await agent.close();
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toContain('shutting down');
  }, 120_000);
});
