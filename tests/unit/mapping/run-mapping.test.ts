import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/config/load-config.ts';
import { createMapper } from '../../../src/mapping/create-mapper.ts';
import { loadMappings, MAPPINGS_DIR } from '../../../src/mapping/load-mappings.ts';
import { runMapping } from '../../../src/mapping/run-mapping.ts';

const FIXTURES = path.join(PROJECT_ROOT, 'tests/fixtures/mapping');
/** A one-way spec beside the project's (all of which are bidirectional). */
const oneWayDir = mkdtempSync(path.join(tmpdir(), 'siteds-one-way-'));
writeFileSync(
  path.join(oneWayDir, 'one-way.json'),
  JSON.stringify({
    id: 'test-one-way',
    description: 'one-way test spec',
    source: { format: 'test', root: 'a' },
    target: { format: 'test', root: 'B' },
    rules: [{ source: 'a.x', target: 'B.y', transform: 'upper' }],
  }),
);
const set = loadMappings(MAPPINGS_DIR, path.join(FIXTURES, 'specs'), oneWayDir);
const source = JSON.parse(readFileSync(path.join(FIXTURES, 'siteds-patient.json'), 'utf8')) as {
  patient: unknown;
};

describe('runMapping: the specs compiled once by loadMappings', () => {
  it('has a mapper for every loaded spec, two-way only for bidirectional ones', () => {
    expect([...set.mappers.keys()].sort()).toEqual([...set.specs.keys()].sort());
    for (const [id, loaded] of set.specs) {
      expect(set.mappers.get(id)?.reverse !== undefined).toBe(loaded.reverse !== undefined);
    }
    expect(set.mappers.get('test-one-way')?.reverse).toBeUndefined();
  });

  it('maps exactly as a mapper compiled on its own from the same spec, both ways', () => {
    const id = 'siteds-patient-to-fhir-patient';
    const spec = set.specs.get(id)?.spec;
    if (spec === undefined) {
      throw new Error(`${id} did not load`);
    }
    const own = createMapper(spec, set.conceptMaps);
    const forward = runMapping(set, id, 'forward', source.patient);
    expect(forward).toEqual(own.map(source.patient));
    expect(forward.issues).toEqual([]);
    expect(forward.target).toMatchObject({ resourceType: 'Patient' });
    expect(forward.target.identifier).toContainEqual(
      expect.objectContaining({ value: '10444192' }),
    );
    expect(runMapping(set, id, 'reverse', forward.target)).toEqual(own.reverse?.(forward.target));
    expect(runMapping(set, 'test-one-way', 'forward', { x: 'abc' }).target).toEqual({ y: 'ABC' });
  });

  it('throws naming an id that is not loaded, or a one-way spec run backwards', () => {
    expect(() => runMapping(set, 'no-such-spec', 'forward', {})).toThrow('no-such-spec');
    expect(() => runMapping(set, 'test-one-way', 'reverse', {})).toThrow(
      'test-one-way is not bidirectional',
    );
  });
});
