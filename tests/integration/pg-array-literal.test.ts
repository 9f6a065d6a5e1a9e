import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/open-store.ts';
import { pgArrayLiteral } from '../../src/store/pg-array-literal.ts';
import { openTestStore } from '../helpers/fresh-database.ts';

describe.each(['postgres', 'pglite'] as const)('array literals (%s)', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind, 'array_literal');
  });
  afterAll(async () => store.close());

  it('reach PostgreSQL as the same text values, whatever they hold', async () => {
    const values = [
      'plain',
      '',
      'NULL',
      'with "quotes"',
      'back\\slash \\" both',
      'comma, {braces} and spaces',
      'ñandú ✓ \u2028',
      'line\nbreak\ttab',
      null,
    ];
    const [row] = await store.query<{ v: (string | null)[] }>('SELECT $1::text[] AS v', [
      pgArrayLiteral(values),
    ]);
    expect(row?.v).toEqual(values);
  });

  it('reach PostgreSQL as the same numbers and nulls', async () => {
    const [row] = await store.query<{ v: string }>('SELECT ($1::bigint[])::text AS v', [
      pgArrayLiteral([0, -7, 2 ** 53, null, 42]),
    ]);
    expect(row?.v).toBe('{0,-7,9007199254740992,NULL,42}');
    expect(pgArrayLiteral([])).toBe('{}');
  });
});
