import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeLayout } from '../../../src/formats/siteds/layout/describe-layout.ts';
import { QUERY_TYPES } from '../../../src/formats/siteds/model/con-ase-270.ts';
import { SITEDS_TRANSACTIONS } from '../../../src/formats/siteds/transactions.ts';
import { ANSWER_RULES } from '../../../src/formats/siteds/validation/answer-rules.ts';
import { requestRules } from '../../../src/formats/siteds/validation/request-rules.ts';

const README = readFileSync(
  path.join(import.meta.dirname, '../../../src/formats/siteds/README.md'),
  'utf8',
);

/** The table rows under `### <name>`, each as its cells without backticks. */
function sectionRows(name: string): string[][] {
  const start = README.indexOf(`### ${name}\n`);
  const end = README.indexOf('\n#', start + 4);
  return README.slice(start, end)
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim().replace(/`/g, '')),
    );
}

describe('the SITEDS README', () => {
  it.each(Object.keys(SITEDS_TRANSACTIONS))(
    'documents every field of %s as its layout maps it',
    (name) => {
      const layout = SITEDS_TRANSACTIONS[name as keyof typeof SITEDS_TRANSACTIONS].layout;
      const expected = describeLayout(layout).map((r) => [r.segment, r.element, r.path]);
      expect(sectionRows(name)).toEqual(expected);
    },
  );

  it('lists every validation code', () => {
    const rules = [
      ...QUERY_TYPES.flatMap((q) => requestRules(q)),
      ...Object.values(ANSWER_RULES).flat(),
    ];
    const listed = new Set([...README.matchAll(/^\| (\d{4}) /gm)].map((m) => m[1]));
    expect([...new Set(rules.map((r) => r.code))].filter((c) => !listed.has(c))).toEqual([]);
    expect(listed.has('0808')).toBe(true);
  });
});
