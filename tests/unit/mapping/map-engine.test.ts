import { describe, expect, it } from 'vitest';
import { createMapper } from '../../../src/mapping/create-mapper.ts';
import { loadMappings } from '../../../src/mapping/load-mappings.ts';
import type { MappingSpec, RuleSpec } from '../../../src/mapping/mapping-spec.ts';

/** `expect.stringContaining`, typed. */
const containing = (text: string): unknown => expect.stringContaining(text);

const { conceptMaps } = loadMappings();
const CM = 'https://siteds-broker.github.io/fhir/ConceptMap/';

function mapper(rules: RuleSpec[], extra: Partial<MappingSpec> = {}) {
  const spec: MappingSpec = {
    id: 'test',
    description: 'test',
    source: { format: 'a' },
    target: { format: 'b' },
    rules,
    ...extra,
  };
  return createMapper(spec, conceptMaps);
}

describe('createMapper: map(source) → { target, issues }', () => {
  it('reports every source field with a value that no rule reads, with its path', () => {
    const m = mapper(
      [
        { source: 'a', target: 'x' },
        { source: 'list[]', target: 'out[]', rules: [{ source: 'k', target: 'k' }] },
      ],
      {
        ignore: {
          source: [
            { path: 'raw', reason: 'kept in the log' },
            { path: 'list[].note', reason: 'free text' },
          ],
        },
      },
    );
    const { target, issues } = m.map({
      a: '1',
      b: 'lost',
      empty: '',
      nothing: null,
      raw: 'ISA*…',
      nested: { deep: [0, { x: false }] },
      list: [{ k: 'v', extra: 'e', note: 'n' }, { k: 'w' }],
    });
    expect(target).toEqual({ x: '1', out: [{ k: 'v' }, { k: 'w' }] });
    expect(issues.map((i) => `${i.kind} ${i.path} ${JSON.stringify(i.value)}`)).toEqual([
      'unmapped b "lost"',
      'unmapped nested.deep[0] 0',
      'unmapped nested.deep[1].x false',
      'unmapped list[0].extra "e"',
    ]);
  });

  it('reports a code without translation with the ConceptMap URL and the code, and an inexact one as lossy', () => {
    const m = mapper([
      {
        source: 'parentesco',
        target: 'relationship',
        transform: {
          name: 'translate',
          conceptMap: `${CM}SitedsParentescoToSubscriberRelationshipCM`,
        },
      },
      {
        source: 'tipo',
        target: 'purpose',
        transform: { name: 'translate', conceptMap: `${CM}SitedsQueryTypeToPurposeCM` },
      },
    ]);
    const { target, issues } = m.map({ parentesco: '9', tipo: 'CC' });
    expect(target).toEqual({ purpose: 'validation' });
    expect(issues).toEqual([
      expect.objectContaining({
        kind: 'untranslated',
        severity: 'error',
        path: 'parentesco',
        conceptMap: `${CM}SitedsParentescoToSubscriberRelationshipCM`,
        code: '9',
        rule: containing('#1 (parentesco → relationship)'),
      }),
      expect.objectContaining({
        kind: 'lossy',
        severity: 'warning',
        path: 'tipo',
        message: containing('inexact'),
      }),
    ]);
  });

  it('reports a transform failure with the rule and the value, and goes on with the other rules', () => {
    const m = mapper([
      { id: 'birth', source: 'nacimiento', target: 'birthDate', transform: 'date8' },
      { source: 'nombre', target: 'name' },
    ]);
    const { target, issues } = m.map({ nacimiento: '19801345', nombre: 'ROSA' });
    expect(target).toEqual({ name: 'ROSA' });
    expect(issues).toEqual([
      {
        kind: 'transform-failed',
        severity: 'error',
        path: 'nacimiento',
        rule: '#1 birth (nacimiento → birthDate)',
        message: '"19801345" is not a YYYYMMDD date',
        value: '19801345',
      },
    ]);
  });

  it('never throws on bad data: wrong types and shapes become issues', () => {
    const m = mapper([
      { source: 'a.b', target: 'x' },
      { source: 'list[]', target: 'out[]', rules: [{ source: 'k', target: 'k' }] },
      { source: ['d', 't'], target: 'when', transform: 'dateTime' },
    ]);
    for (const source of [
      null,
      undefined,
      'text',
      42,
      [],
      [1, 2],
      { a: 'not an object', list: 'nope', d: '20260101' },
    ]) {
      expect(() => m.map(source)).not.toThrow();
    }
    const { issues } = m.map({ a: 'x', list: 'nope', d: '20260101' });
    expect(issues.map((i) => `${i.kind} ${i.path} ${i.message}`)).toEqual([
      'transform-failed list expected a list to repeat over',
      'transform-failed d missing t',
      'unmapped a a has a value but no rule maps it',
    ]);
  });

  it('applies conditions (equals, exists) and defaults', () => {
    const m = mapper([
      { source: 'codigo', target: 'byCode', when: { path: 'tipo', equals: 'CC' } },
      { source: 'nombre', target: 'byName', when: { path: 'tipo', equals: 'CN' } },
      {
        target: 'hasPlan',
        transform: { name: 'constant', value: true },
        when: { path: 'plan', exists: true },
      },
      { source: 'moneda', target: 'currency', default: 'PEN' },
    ]);
    expect(m.map({ tipo: 'CC', codigo: '123', nombre: 'ROSA' })).toEqual({
      target: { byCode: '123', currency: 'PEN' },
      issues: [expect.objectContaining({ kind: 'unmapped', path: 'nombre' })],
    });
    expect(m.map({ tipo: 'CN', nombre: 'ROSA', plan: 'P', moneda: 'USD' }).target).toEqual({
      byName: 'ROSA',
      hasPlan: true,
      currency: 'USD',
    });
  });

  it('maps each element of a source array to the same index of a target array, nesting rules', () => {
    const m = mapper([
      {
        source: 'coberturas[]',
        target: 'insurance[]',
        rules: [
          { source: 'tipo', target: 'item[0].category.coding[0].code' },
          {
            source: 'copagoFijo',
            target: 'item[0].benefit[type.coding[0].code=copay].allowedMoney.value',
            transform: 'decimal',
          },
          { source: 'mensajes[]', target: 'item[0].description[]' },
        ],
      },
      { source: 'nombres[]', target: 'given[]', transform: 'trim' },
    ]);
    const { target, issues } = m.map({
      coberturas: [{ tipo: '4', copagoFijo: '60.00', mensajes: ['A', 'B'] }, { tipo: '9' }],
      nombres: [' ROSA ', 'ALMIRA'],
    });
    expect(issues).toEqual([]);
    expect(target).toEqual({
      insurance: [
        {
          item: [
            {
              category: { coding: [{ code: '4' }] },
              benefit: [{ type: { coding: [{ code: 'copay' }] }, allowedMoney: { value: 60 } }],
              description: ['A', 'B'],
            },
          ],
        },
        { item: [{ category: { coding: [{ code: '9' }] } }] },
      ],
      given: ['ROSA', 'ALMIRA'],
    });
  });

  it('two sources into one target (dateTime) and back into two', () => {
    const m = mapper([{ source: ['fecha', 'hora'], target: 'created', transform: 'dateTime' }], {
      bidirectional: true,
    });
    const forward = m.map({ fecha: '20261127', hora: '1015' });
    expect(forward).toEqual({ target: { created: '2026-11-27T10:15:00-05:00' }, issues: [] });
    expect(m.reverse?.(forward.target)).toEqual({
      target: { fecha: '20261127', hora: '1015' },
      issues: [],
    });
    expect(m.reverse?.({ created: '2026-11-27T10:15:42-05:00' }).issues).toEqual([
      expect.objectContaining({
        kind: 'lossy',
        path: 'created',
        message: 'seconds dropped: HHMM has none',
      }),
    ]);
  });

  it('a transform run in reverse (reverse: true) formats a FHIR number for X12', () => {
    const m = mapper([
      {
        source: 'allowedMoney.value',
        target: 'copago',
        transform: { name: 'decimal', fractionDigits: 2, reverse: true },
      },
    ]);
    expect(m.map({ allowedMoney: { value: 0.5 } }).target).toEqual({ copago: '0.50' });
  });

  it('reports a write that conflicts with an earlier one instead of overwriting it', () => {
    const m = mapper([
      { source: 's', target: 'identifier[0].system' },
      { source: 'a', target: 'identifier[0].value' },
      { id: 'by-filter', source: 'b', target: 'identifier[system=urn:x].value' },
    ]);
    expect(m.map({ s: 'urn:y', a: '1', b: '2' })).toEqual({
      target: {
        identifier: [
          { system: 'urn:y', value: '1' },
          { system: 'urn:x', value: '2' },
        ],
      },
      issues: [],
    });
    const { target, issues } = m.map({ s: 'urn:x', a: '1', b: '2' });
    expect(target).toEqual({ identifier: [{ system: 'urn:x', value: '1' }] });
    expect(issues).toEqual([
      {
        kind: 'write-failed',
        severity: 'error',
        path: 'identifier[system=urn:x].value',
        rule: '#3 by-filter (b → identifier[system=urn:x].value)',
        message: 'identifier[0].value already holds a different value',
        value: '2',
      },
    ]);
  });

  it('copies an object read whole, so the target shares nothing with the source', () => {
    const source = { period: { start: '2026-01-01' } };
    const { target } = mapper([{ source: 'period', target: 'benefitPeriod' }]).map(source);
    expect(target).toEqual({ benefitPeriod: { start: '2026-01-01' } });
    expect(target.benefitPeriod).not.toBe(source.period);
  });

  it('reverse: a constant read back is checked, and a different value reported', () => {
    const m = mapper(
      [
        { target: 'resourceType', transform: { name: 'constant', value: 'Patient' } },
        { source: 'a', target: 'b' },
      ],
      { bidirectional: true },
    );
    expect(m.reverse?.({ resourceType: 'Patient', b: '1' })).toEqual({
      target: { a: '1' },
      issues: [],
    });
    expect(m.reverse?.({ resourceType: 'Person', b: '1' }).issues).toEqual([
      expect.objectContaining({
        kind: 'transform-failed',
        path: 'resourceType',
        message: 'expected the constant "Patient"',
      }),
    ]);
    expect(mapper([{ source: 'a', target: 'b' }]).reverse).toBeUndefined();
  });

  it('createMapper refuses an unchecked bad spec, listing every problem', () => {
    expect(() =>
      mapper([
        { source: 'a', target: 'b', transform: 'nope' },
        { source: 'c[', target: 'd' },
      ]),
    ).toThrow(
      /mapping spec test:\n {2}rule #1 \(a → b\): unknown transform "nope"\n {2}rule #2 \(c\[ → d\): bad source path/,
    );
  });
});
