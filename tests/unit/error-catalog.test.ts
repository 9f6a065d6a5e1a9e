import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/load-config.ts';
import { BrokerError } from '../../src/errors/broker-error.ts';
import { ERROR_CATALOG, ERROR_CODES } from '../../src/errors/catalog.ts';
import { toOperationOutcome } from '../../src/errors/to-operation-outcome.ts';

/** Rows of the README's error table: `| BRK_… | status | issue type | ACK | coError | … |`. */
function readmeRows(): Map<string, string[]> {
  const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const rows = readme
    .split('\n')
    .filter((l) => l.startsWith('| `BRK_'))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim().replace(/`/g, '')),
    );
  return new Map(rows.map((r) => [r[0] ?? '', r.slice(1)]));
}

const ISSUE_TYPES = new Set([
  'structure',
  'not-supported',
  'too-long',
  'invalid',
  'not-found',
  'transient',
  'security',
  'suspended',
  'forbidden',
  'duplicate',
  'timeout',
  'exception',
  'conflict',
]);

describe('the error catalog', () => {
  it('and the README error table list the same codes with the same mappings', () => {
    const rows = readmeRows();
    expect([...rows.keys()].sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) {
      const spec = ERROR_CATALOG[code];
      expect(rows.get(code)?.slice(0, 4), code).toEqual([
        String(spec.status),
        spec.issueType,
        spec.ack,
        spec.coError,
      ]);
    }
  });

  it.each(ERROR_CODES)('%s maps to a valid status, issue type, ACK and 4-digit coError', (code) => {
    const spec = ERROR_CATALOG[code];
    expect(spec.status).toBeGreaterThanOrEqual(400);
    expect(ISSUE_TYPES.has(spec.issueType)).toBe(true);
    expect(['AE', 'AR']).toContain(spec.ack);
    expect(spec.coError).toMatch(/^\d{4}$/);
    expect(spec.es.length).toBeGreaterThan(5);
  });

  it('renders one OperationOutcome issue per problem, with location and Spanish text', () => {
    const err = new BrokerError('BRK_REQUEST_INVALID', [
      { detail: 'a', expression: 'CoverageEligibilityRequest.patient' },
      { detail: 'b', expression: 'CoverageEligibilityRequest.insurer' },
    ]);
    const oo = toOperationOutcome(err, 'req-1');
    expect(oo.id).toBe('req-1');
    expect(oo.issue).toHaveLength(2);
    expect(oo.issue[1]).toMatchObject({
      severity: 'error',
      code: 'invalid',
      expression: ['CoverageEligibilityRequest.insurer'],
      details: { text: ERROR_CATALOG.BRK_REQUEST_INVALID.es },
    });
  });
});
