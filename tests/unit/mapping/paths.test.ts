import { describe, expect, it } from 'vitest';
import { formatSegments, parsePath } from '../../../src/mapping/path.ts';
import { readPath } from '../../../src/mapping/read-path.ts';
import { ensureArray, writePath } from '../../../src/mapping/write-path.ts';

const DNI = 'https://siteds-broker.github.io/fhir/NamingSystem/dni';
const segs = (text: string) => parsePath(text).segments;

describe('parsePath', () => {
  it('parses names, indexes, each, append and filters whose values hold dots and slashes', () => {
    const path = parsePath(`identifier[system=${DNI}].value`);
    expect(path.segments).toEqual([
      {
        name: 'identifier',
        select: { kind: 'filter', filters: [{ path: [{ name: 'system' }], value: DNI }] },
      },
      { name: 'value' },
    ]);
    expect(segs('a[2].b[].c[+]').map((s) => s.select?.kind)).toEqual(['index', 'each', 'append']);
    expect(
      formatSegments(segs('class[type.coding[0].code=plan][type.coding[0].system=urn:x].value')),
    ).toBe('class[type.coding[0].code=plan][type.coding[0].system=urn:x].value');
    expect(parsePath('$').segments).toEqual([]);
  });

  it.each([
    ['', 'empty path'],
    ['a..b', 'bad property name ""'],
    ['a[b', 'unbalanced brackets'],
    ['a]b', 'unbalanced brackets'],
    ['a[x]', 'bad selector "[x]"'],
    ['a[=x]', 'bad filter'],
    ['a[b=]', 'empty filter value'],
    ['a[b[]=x]', 'may only use [n] selectors'],
    ['a[0]x', 'unexpected "x"'],
    ['9a', 'bad property name "9a"'],
  ])('refuses %j (%s)', (text, message) => {
    expect(() => parsePath(text)).toThrow(message);
  });
});

describe('readPath', () => {
  const patient = {
    identifier: [
      { system: 'urn:other', value: 'X' },
      { system: DNI, value: '10444192', type: { coding: [{ system: 'urn:v2', code: 'NI' }] } },
    ],
    name: [{ given: ['ROSA', 'ALMIRA'] }],
    empty: '',
  };

  it('reads through filters and indexes, giving the concrete location and the filter fields used', () => {
    expect(readPath(patient, segs(`identifier[system=${DNI}].value`))).toEqual({
      value: '10444192',
      location: 'identifier[1].value',
      used: ['identifier[1].system'],
    });
    expect(readPath(patient, segs('identifier[type.coding.code=NI].value'))).toMatchObject({
      value: '10444192',
      used: ['identifier[1].type.coding[0].code'],
    });
    expect(readPath(patient, segs('name[0].given[1]'), 'Patient')).toMatchObject({
      value: 'ALMIRA',
      location: 'Patient.name[0].given[1]',
    });
  });

  it('gives undefined for missing steps, empty strings and non-objects', () => {
    expect(readPath(patient, segs('identifier[system=urn:none].value'))).toBeUndefined();
    expect(readPath(patient, segs('name[3].given'))).toBeUndefined();
    expect(readPath(patient, segs('empty'))).toBeUndefined();
    expect(readPath('text', segs('a'))).toBeUndefined();
    expect(readPath(patient, segs('identifier.value'))).toBeUndefined();
  });
});

describe('writePath', () => {
  it('creates intermediate objects and arrays, and elements from filters', () => {
    const target: Record<string, unknown> = {};
    expect(writePath(target, segs(`identifier[system=${DNI}].value`), '10444192')).toEqual({
      ok: true,
      location: 'identifier[0].value',
    });
    writePath(target, segs('class[type.coding[0].code=plan].value'), 'P1');
    writePath(target, segs('class[type.coding[0].code=plan].name'), 'Plan 1');
    writePath(target, segs('name[0].given[0]'), 'ROSA');
    writePath(target, segs('name[0].given[1]'), 'ALMIRA');
    writePath(target, segs('a.b.c'), 1);
    expect(target).toEqual({
      identifier: [{ system: DNI, value: '10444192' }],
      class: [{ type: { coding: [{ code: 'plan' }] }, value: 'P1', name: 'Plan 1' }],
      name: [{ given: ['ROSA', 'ALMIRA'] }],
      a: { b: { c: 1 } },
    });
  });

  it('selects an existing element by filter instead of adding one', () => {
    const target = { identifier: [{ system: 'urn:a' }, { system: DNI }] };
    writePath(target, segs(`identifier[system=${DNI}].value`), '1');
    expect(target.identifier).toEqual([{ system: 'urn:a' }, { system: DNI, value: '1' }]);
  });

  it('appends with [+]', () => {
    const target: Record<string, unknown> = {};
    writePath(target, segs('telecom[+].value'), '1');
    writePath(target, segs('telecom[+].value'), '2');
    writePath(target, segs('tags[+]'), 'x');
    expect(target).toEqual({ telecom: [{ value: '1' }, { value: '2' }], tags: ['x'] });
  });

  it('refuses gaps, conflicts and writing through a primitive, naming the location', () => {
    const target: Record<string, unknown> = { a: 'text', given: ['A'] };
    expect(writePath(target, segs('given[2]'), 'C')).toEqual({
      ok: false,
      reason: 'cannot write given[2]: the array has 1 elements',
    });
    expect(writePath(target, segs('given[0]'), 'B')).toEqual({
      ok: false,
      reason: 'given[0] already holds a different value',
    });
    expect(writePath(target, segs('given[0]'), 'A').ok).toBe(true);
    expect(writePath(target, segs('a.b'), 1)).toEqual({ ok: false, reason: 'a is not an object' });
    expect(writePath(target, segs('given.x'), 1)).toEqual({
      ok: false,
      reason: 'given is not an object',
    });
    expect(writePath(target, segs('id[system=x]'), 1).ok).toBe(false);
  });

  it('ensureArray creates the array of a repetition target with its parents', () => {
    const target: Record<string, unknown> = {};
    const found = ensureArray(target, segs('insurance[0].item[]'));
    expect(found).toMatchObject({ location: 'insurance[0].item' });
    expect(target).toEqual({ insurance: [{ item: [] }] });
    expect(ensureArray({ item: 'x' }, segs('item[]'))).toBe('item is not an array');
  });
});
