import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMappings, MAPPINGS_DIR } from '../../../src/mapping/load-mappings.ts';

const GENDER =
  'https://siteds-broker.github.io/fhir/ConceptMap/SitedsGeneroToAdministrativeGenderCM';
const dirs: string[] = [];

/** A scratch mappings folder holding these files (relative path → JSON or raw text). */
function scratch(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'map5-check-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

afterEach(() => {
  dirs.splice(0).forEach((d) => {
    rmSync(d, { recursive: true, force: true });
  });
});

function spec(rules: unknown[], extra: Record<string, unknown> = {}) {
  return {
    id: 'test-spec',
    description: 'test',
    source: { format: 'a' },
    target: { format: 'b' },
    rules,
    ...extra,
  };
}

/** The load error message, with the scratch folder's path for `file`. */
function loadError(files: Record<string, unknown>): { message: string; dir: string } {
  const dir = scratch(files);
  try {
    loadMappings(MAPPINGS_DIR, dir);
  } catch (error) {
    return { message: (error as Error).message, dir };
  }
  throw new Error('expected the load to fail');
}

describe('loadMappings checks every file and names the path and the rule', () => {
  it('loads the project folder (specs and ConceptMaps) without problems', () => {
    const set = loadMappings();
    expect(set.conceptMaps.size).toBeGreaterThanOrEqual(8);
    expect(set.conceptMaps.has(GENDER)).toBe(true);
  });

  it.each([
    [
      'an unknown transform',
      [{ source: 'a', target: 'b', transform: 'rot13' }],
      '#1 (a → b): unknown transform "rot13"',
    ],
    [
      'bad path syntax',
      [{ source: 'a[', target: 'b' }],
      '#1 (a[ → b): bad source path: unbalanced brackets',
    ],
    [
      'a ConceptMap referenced but missing',
      [
        {
          id: 'g',
          source: 'a',
          target: 'b',
          transform: { name: 'translate', conceptMap: 'urn:nope' },
        },
      ],
      '#1 g (a → b): transform "translate": ConceptMap urn:nope is referenced but missing',
    ],
    [
      'a target written twice',
      [
        { source: 'a', target: 'x.y' },
        { source: 'b', target: 'x.y' },
      ],
      '#2 (b → x.y): writes target "x.y" already written by rule #1 (a → x.y)',
    ],
    [
      'a nested target written twice',
      [
        {
          source: 'l[]',
          target: 'm[]',
          rules: [
            { source: 'a', target: 'v' },
            { source: 'b', target: 'v' },
          ],
        },
      ],
      '#1.2 (b → v): writes target "m[].v" already written by rule #1.1 (a → v)',
    ],
    ['a missing target', [{ source: 'a' }], '#1 (a → ∅): "target" is required'],
    [
      'a typo in a rule key',
      [{ source: 'a', target: 'b', tranform: 'trim' }],
      '#1 (a → b): unknown key "tranform"',
    ],
    [
      'a constant with a source',
      [{ source: 'a', target: 'b', transform: { name: 'constant', value: 1 } }],
      'a constant rule takes no "source"',
    ],
    [
      'a repetition to a non-repetition',
      [{ source: 'a[]', target: 'b' }],
      'a repetition maps one "a[]" source to one "b[]" target',
    ],
    [
      '[] in the middle of a path',
      [{ source: 'a[].b', target: 'c' }],
      '"[]" may only end a path ("a[].b")',
    ],
    [
      '$ outside a repetition',
      [{ source: '$', target: 'c' }],
      '"$" (the element itself) is only allowed',
    ],
    [
      'a target ending with a filter',
      [{ source: 'a', target: 'b[c=d]' }],
      'must end with a field after its filter',
    ],
    ['a bad condition', [{ source: 'a', target: 'b', when: { path: 'k' } }], '"when" must be'],
    [
      'reverse on a transform without inverse',
      [{ source: 'a', target: 'b', transform: { name: 'upper', reverse: true } }],
      'has no inverse, so it cannot run in reverse',
    ],
  ])('%s', (_case, rules, expected) => {
    const { message, dir } = loadError({ 'spec.json': spec(rules) });
    const file = path.join(dir, 'spec.json');
    expect(message).toContain(expected.startsWith('#') ? `${file}: rule ${expected}` : expected);
    expect(message).toMatch(new RegExp(`${file}: rule #\\d`));
  });

  it('refuses a non-invertible rule and a condition in a bidirectional spec', () => {
    const { message, dir } = loadError({
      'bi.json': spec(
        [
          { source: 'a', target: 'b', transform: 'upper' },
          { source: 'c', target: 'd', when: { path: 'k', equals: 'x' } },
        ],
        { bidirectional: true },
      ),
    });
    const file = path.join(dir, 'bi.json');
    expect(message).toContain(
      `${file}: rule #1 (a → b): transform "upper" has no inverse, so the spec cannot be bidirectional`,
    );
    expect(message).toContain(`${file}: rule #2 (c → d): a bidirectional spec cannot use "when"`);
  });

  it('refuses a bidirectional spec whose reverse writes a source twice', () => {
    const { message } = loadError({
      'bi.json': spec(
        [
          { source: 'a', target: 'b' },
          { source: 'a', target: 'c' },
        ],
        { bidirectional: true },
      ),
    });
    expect(message).toContain(
      'rule #2 (a → c): writes source "a" already written by rule #1 (a → b)',
    );
  });

  it('refuses duplicate spec ids, naming both files', () => {
    const { message, dir } = loadError({
      'one.json': spec([{ source: 'a', target: 'b' }]),
      'two.json': spec([{ source: 'a', target: 'b' }]),
    });
    expect(message).toContain(
      `${path.join(dir, 'two.json')}: spec id "test-spec" is already used by ${path.join(dir, 'one.json')}`,
    );
  });

  it('refuses unreadable JSON, a bad header and a bad root', () => {
    const { message, dir } = loadError({
      'broken.json': '{ "id": ',
      'header.json': {
        id: 'Bad Id',
        source: { format: 'a', root: 'x.y' },
        rules: [{ source: 'a', target: 'b' }],
      },
    });
    expect(message).toContain(path.join(dir, 'broken.json'));
    expect(message).toContain(
      `${path.join(dir, 'header.json')}: spec: "id" must be lower-case letters, digits and dashes`,
    );
    expect(message).toContain('spec: "description" is required');
    expect(message).toContain('spec: "source.root" must be a name');
    expect(message).toContain('spec: "target" must be an object with a "format"');
  });

  it('requires top-level paths to start with the declared root', () => {
    const { message } = loadError({
      'r.json': spec([{ source: 'a', target: 'gender' }], {
        target: { format: 'fhir', root: 'Patient' },
      }),
    });
    expect(message).toContain(
      'rule #1 (a → gender): target path "gender" must start with "Patient."',
    );
  });

  it('refuses bad ConceptMaps and duplicate canonical URLs, naming the file', () => {
    const good = {
      resourceType: 'ConceptMap',
      url: 'https://x/a',
      group: [
        {
          source: 'a',
          target: 'b',
          element: [{ code: '1', target: [{ code: '2', equivalence: 'equivalent' }] }],
        },
      ],
    };
    const { message, dir } = loadError({
      'conceptmaps/a.json': good,
      'conceptmaps/b.json': good,
      'conceptmaps/c.json': {
        resourceType: 'ConceptMap',
        url: 'https://x/c',
        group: [
          {
            source: 'a',
            target: 'b',
            element: [
              {
                code: '1',
                target: [{ code: '2', equivalence: 'narrower' }, { equivalence: 'close' }],
              },
            ],
            unmapped: { mode: 'other-map' },
          },
        ],
      },
      'conceptmaps/d.json': { resourceType: 'ValueSet' },
    });
    const file = (n: string) => path.join(dir, 'conceptmaps', n);
    expect(message).toContain(
      `${file('b.json')}: ConceptMap https://x/a is already defined by ${file('a.json')}`,
    );
    expect(message).toContain(
      `${file('c.json')}: group[0].unmapped: only "provided" and "fixed" (with a code) are supported`,
    );
    expect(message).toContain(
      `${file('c.json')}: group[0].element[0].target[0]: a narrower mapping needs a comment (cmd-1)`,
    );
    expect(message).toContain(
      `${file('c.json')}: group[0].element[0].target[1]: unknown equivalence "close"`,
    );
    expect(message).toContain(`${file('d.json')}: not a ConceptMap`);
  });
});
