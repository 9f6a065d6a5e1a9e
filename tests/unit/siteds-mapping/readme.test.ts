import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/config/load-config.ts';
import type { RuleSpec } from '../../../src/mapping/mapping-spec.ts';
import { projectMappings } from './mapping-helpers.ts';

const README = readFileSync(path.join(PROJECT_ROOT, 'mappings/README.md'), 'utf8');

/** The SITEDS fields a spec's rules read, nested ones prefixed by their repetition. */
function sourcesOf(rules: readonly RuleSpec[], prefix = ''): string[] {
  return rules.flatMap((rule) => {
    const source = Array.isArray(rule.source) ? rule.source.join(' + ') : (rule.source as string);
    return rule.rules === undefined
      ? [`${prefix}${source}`]
      : sourcesOf(rule.rules, `${prefix}${source}.`);
  });
}

/** The `| \`field\` |` rows of one spec's table in mappings/README.md. */
function documentedFields(specId: string): string[] {
  const start = README.indexOf(`(\`${specId}\`)`);
  expect(start, `mappings/README.md has no table for ${specId}`).toBeGreaterThan(0);
  const next = README.indexOf('\n#### ', start);
  const table = README.slice(start, next === -1 ? undefined : next);
  return [...table.matchAll(/^\| `([^`]+)` +\|/gm)].map((m) => m[1] ?? '');
}

describe('mappings/README.md, SITEDS', () => {
  const specs = [...projectMappings().specs.values()].filter((s) =>
    s.spec.id.startsWith('siteds-'),
  );

  it('has the nine SITEDS specs', () => {
    expect(specs.map((s) => path.basename(s.file)).sort()).toEqual([
      '270_CON_ASE.json',
      '271_CON_COD.json',
      '271_CON_DTAD.json',
      '271_CON_MED.json',
      '271_CON_NOM.json',
      '271_CON_OBS.json',
      '271_CON_PROC.json',
      '271_RES_DERIVA.json',
      '271_RES_SCTR.json',
    ]);
  });

  it.each(specs.map((s) => [s.spec.id, s] as const))(
    '%s: one table row per rule, in order',
    (id, loaded) => {
      expect(documentedFields(id)).toEqual(sourcesOf(loaded.spec.rules));
    },
  );
});
