import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeLayout } from '../../../src/formats/siteds/layout/describe-layout.ts';
import type { ConAse270 } from '../../../src/formats/siteds/model/con-ase-270.ts';
import type { ConCod271 } from '../../../src/formats/siteds/model/con-cod-271.ts';
import type { ConMed271 } from '../../../src/formats/siteds/model/con-med-271.ts';
import { readSitedsX12 } from '../../../src/formats/siteds/read-siteds-x12.ts';
import { SITEDS_TRANSACTIONS } from '../../../src/formats/siteds/transactions.ts';
import { validateSitedsModel } from '../../../src/formats/siteds/validation/validate-siteds-model.ts';
import { writeSitedsX12 } from '../../../src/formats/siteds/write-siteds-x12.ts';
import { loadElementWidths } from '../../../src/formats/x12/element-widths.ts';
import {
  FULL_VECTORS,
  readVector,
  transactionOf,
  VECTOR_DIR,
  VECTORS,
  vectorText,
} from './siteds-vectors.ts';

const WIDTHS = loadElementWidths(
  path.join(import.meta.dirname, '../../../conformance/siteds/element-widths.json'),
);

/** Every (concrete) path of a model holding a string: `coverages[1].fixedCopay`. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') {
    return [prefix];
  }
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => leafPaths(v, `${prefix}[${i}]`));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) =>
      leafPaths(v, prefix === '' ? k : `${prefix}.${k}`),
    );
  }
  return [];
}

/** A model with GS-06 as a number: SUSALUD's library zero-fills it when padding. */
function normalized(model: unknown): unknown {
  const m = model as { groupControlNumber?: string };
  return { ...m, groupControlNumber: String(Number(m.groupControlNumber)) };
}

describe('SITEDS golden vectors', () => {
  it('cover every transaction and every 270_CON_ASE sub-type', () => {
    const names = new Set(VECTORS.map(transactionOf));
    expect([...names].sort()).toEqual(Object.keys(SITEDS_TRANSACTIONS).sort());
    const subtypes = VECTORS.filter((v) => v.startsWith('270_')).map((v) => v.split('.')[1]);
    expect(subtypes.sort()).toEqual(['CC', 'CD', 'CM', 'CN', 'CO', 'CP', 'RD', 'RS']);
  });

  it.each(VECTORS)('%s reads with nothing unmapped and validates with 0000', (vector) => {
    const result = readSitedsX12(transactionOf(vector), vectorText(vector));
    expect(result.ok && result.unmapped).toEqual([]);
    if (result.ok) {
      expect(validateSitedsModel(result.name, result.model)).toEqual({ code: '0000', issues: [] });
    }
  });

  it.each(FULL_VECTORS)('%s fills every field its layout maps', (vector) => {
    const model = readVector(vector);
    const present = new Set(leafPaths(model).map((p) => p.replace(/\[\d+\]/g, '[]')));
    const mapped = describeLayout(SITEDS_TRANSACTIONS[transactionOf(vector)].layout).map(
      (r) => r.path,
    );
    expect(mapped.filter((p) => !present.has(p))).toEqual([]);
  });

  it.each(VECTORS)('%s: X12 → model → X12 → model keeps every field, padded or not', (vector) => {
    const name = transactionOf(vector);
    const model = readVector(vector);
    for (const options of [{}, { widths: WIDTHS }]) {
      const again = readSitedsX12(name, writeSitedsX12(name, model as never, options));
      expect(again.ok && normalized(again.model)).toEqual(normalized(model));
    }
  });

  it.each(VECTORS)(
    '%s: the writer rebuilds the hand-built string segment for segment',
    (vector) => {
      const name = transactionOf(vector);
      const written = writeSitedsX12(name, readVector(vector) as never).split('~');
      const handBuilt = vectorText(vector).replace(/\n/g, '').split('~');
      // ISA: the writer pads it to its fixed widths; GS-01: it writes HB where the library wrote HI.
      expect(written.slice(2)).toEqual(handBuilt.slice(2));
      expect(written[1]).toBe(handBuilt[1]!.replace('GS*HI*', 'GS*HB*'));
    },
  );

  it('writes NM1-08 only with an NM1-09 (X12 pairing) and reads the library’s lone MI too', () => {
    const model = readVector<'271_RES_DERIVA'>('271_RES_DERIVA');
    expect(writeSitedsX12('271_RES_DERIVA', model)).toContain('~NM1*C9*2*CLINICA ONCOSALUD~');
    const lone = vectorText('271_RES_DERIVA').replace(
      'NM1*C9*2*CLINICA ONCOSALUD~',
      'NM1*C9*2*CLINICA ONCOSALUD*****MI~',
    );
    const read = readSitedsX12('271_RES_DERIVA', lone);
    expect(read.ok && read.model).toEqual(model);
  });

  it.each(VECTORS)('%s: padded and unpadded forms read to the same model', (vector) => {
    expect(normalized(readVector(vector, true))).toEqual(normalized(readVector(vector)));
    expect(vectorText(vector, true)).toMatch(/NM1\*\w+ +\*/);
  });

  it('270: NM1*PR carries the IPRESS RUC and NM1*1P the IAFAS code (reversed against X12)', () => {
    const model = readVector<'270_CON_ASE'>('270_CON_ASE.CC');
    expect(model).toMatchObject<ConAse270>({
      ipressRuc: '20123456789',
      iafasCode: '20006',
      queryType: 'CC',
      patient: {
        surname: 'SALDAÑA',
        affiliateCode: '10237716204687763',
        maternalSurname: 'TORRES',
      },
      accidentDate: '20210301',
      contractor: {
        qualifier: '1',
        givenNames: 'KATHERINE',
        idQualifier: 'XX5',
        id: '10444192001',
      },
    });
    const x12 = writeSitedsX12('270_CON_ASE', model);
    expect(x12).toContain('~NM1*PR*2******PI*20123456789~');
    expect(x12).toContain('~NM1*1P*2******FI*20006~');
    expect(x12).toContain('~NM1*IL*1*SALDAÑA*ROSALMIRA****MI*10237716204687763***TORRES~');
  });

  it('271: NM1*PR is the IAFAS, NM1*1P the IPRESS, the COD patient is NM1*3; local DTP qualifiers', () => {
    const model = readVector<'271_CON_COD'>('271_CON_COD');
    expect(model).toMatchObject<ConCod271>({
      iafasCode: '20006',
      ipressRuc: '20123456789',
      photoUpdateDate: '20190820',
      titular: { enrolmentDate: '20150601' },
    });
    expect(model.coverages?.[0]).toMatchObject({
      fixedCopay: '60',
      variableCopay: '0.50',
      qualifyingPeriodEndDate: '20200301',
      waitingPeriodEndDate: '20200601',
    });
    const x12 = writeSitedsX12('271_CON_COD', model);
    expect(x12).toContain('~NM1*3*1*SALDAÑA*');
    expect(x12).toContain('~DTP*163*D8*20190820~');
    expect(x12).toContain('~DTP*327*D8*20200301~DTP*338*D8*20200601~');
    const asIl = vectorText('271_CON_COD').replace('NM1*3*', 'NM1*IL*');
    const read = readSitedsX12('271_CON_COD', asIl);
    expect(read.ok && read.model).toEqual(model);
  });

  it('matches transaction names case-insensitively', () => {
    const result = readSitedsX12('271_Con_Dtad', vectorText('271_CON_DTAD'));
    expect(result.ok && result.name).toBe('271_CON_DTAD');
    const unknown = readSitedsX12('271_CON_NADA', vectorText('271_CON_DTAD'));
    expect(unknown.ok || unknown.reason).toBe('unknown-transaction');
  });

  it('refuses a string whose ST-01 or GS-01 belongs to another transaction, naming the element', () => {
    const result = readSitedsX12('271_CON_COD', vectorText('270_CON_ASE.CC'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.element)).toEqual(['ST-01', 'GS-01']);
    }
  });

  it('reads SUSALUD library output: repeated patient NM1 reported, SE counted from ISA', () => {
    const text = readFileSync(path.join(VECTOR_DIR, 'library-style/271_CON_MED.x12'), 'utf8');
    const result = readSitedsX12('271_CON_MED', text);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.model).toEqual(readVector<'271_CON_MED'>('271_CON_MED') satisfies ConMed271);
      expect(result.unmapped).toEqual([
        { segment: 'NM1', position: 16, problem: 'not part of the 271_CON_MED layout' },
      ]);
    }
    expect(readSitedsX12('271_CON_MED', text, { seCount: 'x12' }).ok).toBe(false);
  });

  it('reports segments a layout does not know instead of dropping them', () => {
    const text = vectorText('271_CON_OBS')
      .replace('MSG*AFILIADO', 'REF*XY*1~\nMSG*AFILIADO')
      .replace('SE*12*', 'SE*13*');
    const result = readSitedsX12('271_CON_OBS', text);
    expect(result.ok && result.unmapped).toEqual([
      { segment: 'REF', position: 12, problem: 'not part of the 271_CON_OBS layout' },
    ]);
    expect(result.ok && result.model).toEqual(readVector('271_CON_OBS'));
  });

  it('names envelope errors by segment, position and element', () => {
    const text = vectorText('271_CON_NOM').replace('SE*28*0002', 'SE*3*0009');
    const result = readSitedsX12('271_CON_NOM', text);
    expect(result.ok || result.issues).toEqual([
      expect.objectContaining({ segment: 'SE', position: 30, element: 'SE-01' }),
      expect.objectContaining({ segment: 'SE', position: 30, element: 'SE-02' }),
    ]);
  });
});
