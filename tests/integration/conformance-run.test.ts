/**
 * `siteds conformance run` against a running test broker (real TLS, the participant's own
 * certificate): every vector of conformance/vectors/ passes through `$validate`; a vector whose
 * expectation the broker does not meet makes it exit 1 naming the vector and the difference.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../../src/cli/conformance.ts';
import { PROJECT_ROOT } from '../../src/config/load-config.ts';
import { startTestBroker, testConfig, type TestBroker } from '../helpers/test-broker.ts';

const VECTORS = path.join(PROJECT_ROOT, 'conformance/vectors');

describe('siteds conformance run', () => {
  let broker: TestBroker;
  let scratch: string;
  beforeAll(async () => {
    broker = await startTestBroker({ store: 'pglite' });
    scratch = mkdtempSync(path.join(tmpdir(), 'siteds-vectors-'));
  });
  afterAll(async () => {
    await broker.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const run = async (vectors: string) => {
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
    const args = ['run', '--url', broker.url, '--certs', broker.pkiDir, '--vectors', vectors];
    const code = await runConformance(args, testConfig(broker.pkiDir), out);
    return { code, lines };
  };

  it('passes every vector of conformance/vectors/, ces-1.f1.fail.xml failing with ces-1', async () => {
    const { code, lines } = await run(VECTORS);
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(code).toBe(0);
    expect(lines).toContain('PASS fhir-examples/ces-1.f1.fail.xml');
    expect(lines).toContain('PASS validation/invalid-dni-format.json');
    expect(lines.at(-1)).toMatch(/^(\d+) passed, 0 failed, \1 vectors$/);
  });

  it('exits 1 and names the vector when the broker does not answer what it expects', async () => {
    mkdirSync(path.join(scratch, 'validation'), { recursive: true });
    const valid = JSON.parse(
      readFileSync(path.join(VECTORS, 'validation/valid-request-bundle.json'), 'utf8'),
    ) as { expect: unknown };
    valid.expect = { valid: false, errors: [{ rule: 'pe-dni-1', expression: 'Bundle.entry[1]' }] };
    writeFileSync(path.join(scratch, 'validation/wrong.json'), JSON.stringify(valid));
    const { code, lines } = await run(scratch);
    expect(code).toBe(1);
    expect(lines[0]).toBe(
      'FAIL validation/wrong.json: expected invalid, got 0 errors; missing: pe-dni-1 Bundle.entry[1]',
    );
    expect(lines.at(-1)).toBe('0 passed, 1 failed, 1 vectors');
  });
});
