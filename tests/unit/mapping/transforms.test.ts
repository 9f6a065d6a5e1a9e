import { describe, expect, it } from 'vitest';
import type { TransformArgs, TransformResult } from '../../../src/mapping/transform.ts';
import { TRANSFORMS } from '../../../src/mapping/transform-registry.ts';
import type { TranslateFn } from '../../../src/mapping/translate-code.ts';

/** `expect.stringContaining`, typed. */
const containing = (text: string): unknown => expect.stringContaining(text);

const translate: TranslateFn = (url, code, direction) =>
  url === 'urn:test:map' && code === (direction === 'source-to-target' ? '1' : 'male')
    ? {
        status: 'mapped',
        code: direction === 'source-to-target' ? 'male' : '1',
        equivalence: 'equivalent',
      }
    : { status: 'unmapped', reason: `code "${code}" has no translation` };

function run(
  name: string,
  way: 'forward' | 'inverse',
  value: unknown,
  args: TransformArgs = {},
): TransformResult {
  const def = TRANSFORMS.get(name);
  const fn = def?.[way];
  if (fn === undefined) {
    throw new Error(`no ${way} for ${name}`);
  }
  return fn(value, args, { translate });
}

const value = (r: TransformResult) => (r.ok ? r.value : `FAIL: ${r.reason}`);

describe('transforms', () => {
  it('date8: YYYYMMDD ↔ FHIR date, refusing impossible dates', () => {
    expect(value(run('date8', 'forward', '19800115'))).toBe('1980-01-15');
    expect(value(run('date8', 'forward', ' 20240229 '))).toBe('2024-02-29');
    expect(run('date8', 'forward', '20230229').ok).toBe(false);
    expect(run('date8', 'forward', '2023-02-01').ok).toBe(false);
    expect(value(run('date8', 'inverse', '1980-01-15'))).toBe('19800115');
    expect(run('date8', 'inverse', '1980-01').ok).toBe(false);
  });

  it('date6: YYMMDD ↔ FHIR date with a century pivot', () => {
    expect(value(run('date6', 'forward', '260115'))).toBe('2026-01-15');
    expect(value(run('date6', 'forward', '800115'))).toBe('1980-01-15');
    expect(value(run('date6', 'forward', '300115', { pivot: 30 }))).toBe('1930-01-15');
    expect(value(run('date6', 'inverse', '2026-01-15'))).toBe('260115');
    expect(run('date6', 'inverse', '2050-01-15').ok).toBe(false);
    expect(run('date6', 'forward', '261315').ok).toBe(false);
  });

  it('time4: HHMM ↔ FHIR time; dropping seconds warns', () => {
    expect(value(run('time4', 'forward', '0930'))).toBe('09:30:00');
    expect(value(run('time4', 'forward', '093015'))).toBe('09:30:15');
    expect(run('time4', 'forward', '2460').ok).toBe(false);
    expect(run('time4', 'inverse', '09:30:00')).toEqual({ ok: true, value: '0930' });
    expect(run('time4', 'inverse', '09:30:15')).toMatchObject({
      ok: true,
      value: '0930',
      warning: containing('seconds'),
    });
  });

  it('dateTime: [YYYYMMDD, HHMM] ↔ dateTime at the offset, converting the instant back', () => {
    expect(value(run('dateTime', 'forward', ['20261127', '1015']))).toBe(
      '2026-11-27T10:15:00-05:00',
    );
    expect(value(run('dateTime', 'forward', ['20261127', '1015'], { offset: '+00:00' }))).toBe(
      '2026-11-27T10:15:00+00:00',
    );
    expect(value(run('dateTime', 'inverse', '2026-11-27T10:15:00-05:00'))).toEqual([
      '20261127',
      '1015',
    ]);
    expect(value(run('dateTime', 'inverse', '2026-11-28T02:15:00Z'))).toEqual(['20261127', '2115']);
    expect(run('dateTime', 'inverse', '2026-11-27').ok).toBe(false);
    expect(run('dateTime', 'forward', ['20261127']).ok).toBe(false);
  });

  it('trim, and its inverse leaves the value alone', () => {
    expect(value(run('trim', 'forward', '  00009845     '))).toBe('00009845');
    expect(value(run('trim', 'inverse', 'ABC'))).toBe('ABC');
    expect(run('trim', 'forward', { a: 1 }).ok).toBe(false);
  });

  it('padLeft / padRight pad to n and their inverses strip, keeping one character', () => {
    expect(value(run('padLeft', 'forward', '9845', { length: 8, char: '0' }))).toBe('00009845');
    expect(value(run('padLeft', 'inverse', '00009845', { length: 8, char: '0' }))).toBe('9845');
    expect(value(run('padLeft', 'inverse', '0000', { length: 4, char: '0' }))).toBe('0');
    expect(value(run('padRight', 'forward', '00009845', { length: 15 }))).toBe('00009845       ');
    expect(value(run('padRight', 'inverse', '00009845       ', { length: 15 }))).toBe('00009845');
    expect(run('padRight', 'forward', '1234567890123456', { length: 15 })).toMatchObject({
      ok: false,
      reason: containing('longer than 15'),
    });
  });

  it('upper has no inverse', () => {
    expect(value(run('upper', 'forward', 'Saldaña'))).toBe('SALDAÑA');
    expect(TRANSFORMS.get('upper')?.inverse).toBeUndefined();
  });

  it('decimal: text → number, and back with fixed decimals', () => {
    expect(value(run('decimal', 'forward', '60.00'))).toBe(60);
    expect(value(run('decimal', 'forward', ' 0.50 '))).toBe(0.5);
    expect(run('decimal', 'forward', '1,5').ok).toBe(false);
    expect(value(run('decimal', 'inverse', 0.5, { fractionDigits: 2 }))).toBe('0.50');
    expect(value(run('decimal', 'inverse', 99999999, { fractionDigits: 2 }))).toBe('99999999.00');
    expect(value(run('decimal', 'inverse', 0.5))).toBe('0.5');
    expect(run('decimal', 'inverse', '0.5').ok).toBe(false);
  });

  it('integer: text ↔ integer', () => {
    expect(value(run('integer', 'forward', '7'))).toBe(7);
    expect(run('integer', 'forward', '7.5').ok).toBe(false);
    expect(value(run('integer', 'inverse', 7))).toBe('7');
    expect(run('integer', 'inverse', 7.5).ok).toBe(false);
  });

  it('boolean: two texts ↔ true/false', () => {
    const args = { true: 'S', false: 'N' };
    expect(value(run('boolean', 'forward', 'S', args))).toBe(true);
    expect(value(run('boolean', 'forward', 'N', args))).toBe(false);
    expect(run('boolean', 'forward', 'X', args).ok).toBe(false);
    expect(value(run('boolean', 'inverse', false, args))).toBe('N');
    expect(run('boolean', 'inverse', 'N', args).ok).toBe(false);
  });

  it('constant writes its value; read back it only checks it', () => {
    expect(value(run('constant', 'forward', undefined, { value: 'Patient' }))).toBe('Patient');
    expect(run('constant', 'inverse', 'Patient', { value: 'Patient' })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(run('constant', 'inverse', 'Person', { value: 'Patient' }).ok).toBe(false);
  });

  it('object wraps a value with fixed fields, written only with the value; back it checks them', () => {
    const args = { field: 'value', fixed: { system: 'urn:x' } };
    expect(value(run('object', 'forward', '20006', args))).toEqual({
      system: 'urn:x',
      value: '20006',
    });
    expect(value(run('object', 'inverse', { system: 'urn:x', value: '20006' }, args))).toBe(
      '20006',
    );
    expect(run('object', 'inverse', { system: 'urn:y', value: '20006' }, args)).toMatchObject({
      ok: false,
      reason: containing('expected system'),
    });
    expect(run('object', 'inverse', '20006', args).ok).toBe(false);
    expect(
      run('object', 'inverse', { system: 'urn:x', value: '1', use: 'official' }, args),
    ).toEqual({ ok: true, value: '1', warning: 'field(s) use not carried' });
  });

  it('percent: a fraction ↔ a whole percentage, refusing fractions of a percent', () => {
    expect(value(run('percent', 'forward', '0.50'))).toBe(50);
    expect(value(run('percent', 'forward', '0.20'))).toBe(20);
    expect(value(run('percent', 'forward', '1'))).toBe(100);
    expect(run('percent', 'forward', '0.505').ok).toBe(false);
    expect(run('percent', 'forward', '-0.5').ok).toBe(false);
    expect(run('percent', 'forward', 'half').ok).toBe(false);
    expect(value(run('percent', 'inverse', 50))).toBe('0.50');
    expect(value(run('percent', 'inverse', 5, { fractionDigits: 3 }))).toBe('0.050');
    expect(run('percent', 'inverse', 2.5).ok).toBe(false);
  });

  it('translate reads the ConceptMap one way forward and the other way inverse', () => {
    expect(value(run('translate', 'forward', '1', { conceptMap: 'urn:test:map' }))).toBe('male');
    expect(value(run('translate', 'inverse', 'male', { conceptMap: 'urn:test:map' }))).toBe('1');
    const back = { conceptMap: 'urn:test:map', direction: 'target-to-source' };
    expect(value(run('translate', 'forward', 'male', back))).toBe('1');
    expect(value(run('translate', 'inverse', '1', back))).toBe('male');
    expect(run('translate', 'forward', '9', { conceptMap: 'urn:test:map' })).toMatchObject({
      ok: false,
      untranslated: { conceptMap: 'urn:test:map', code: '9' },
    });
  });

  it('checks arguments', () => {
    const check = (name: string, args: TransformArgs) =>
      TRANSFORMS.get(name)?.checkArgs(args, { conceptMaps: new Set(['urn:known']) });
    expect(check('padLeft', {})).toEqual(['argument "length" is required']);
    expect(check('padLeft', { length: 8, char: '00' })).toEqual([
      'argument "char" must be one character',
    ]);
    expect(check('date8', { format: 'x' })).toEqual(['unknown argument "format"']);
    expect(check('dateTime', { offset: 'Lima' })).toEqual(['argument "offset" must be ±HH:MM']);
    expect(check('translate', { conceptMap: 'urn:missing' })).toEqual([
      'ConceptMap urn:missing is referenced but missing',
    ]);
    expect(check('translate', { conceptMap: 'urn:known', direction: 'up' })).toEqual([
      'argument "direction" must be source-to-target or target-to-source',
    ]);
    expect(check('boolean', { true: '1', false: '1' })).toHaveLength(1);
    expect(check('constant', {})).toEqual(['argument "value" is required']);
    expect(check('object', {})).toEqual(['argument "field" (a property name) is required']);
    expect(check('object', { field: 'code', fixed: { code: 'x' } })).toEqual([
      'argument "fixed" must not hold "field"',
    ]);
    expect(check('object', { field: 'code', fixed: 'x' })).toEqual([
      'argument "fixed" must be an object',
    ]);
    expect(check('percent', { fractionDigits: -1 })).toHaveLength(1);
  });
});
