import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/load-config.ts';
import { spkiPin } from '../../src/pki/spki-pin.ts';
import { loadRegistry, RegistryError } from '../../src/registry/load-registry.ts';
import { readRegistrySubjects } from '../../src/registry/read-registry-subjects.ts';

function writeRegistry(doc: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'siteds-reg-')), 'registry.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

const pkiDir = (): string => inject('pkiDir');

describe('loadRegistry', () => {
  it('resolves certificate files to SPKI pins and indexes by code and pin', () => {
    const file = writeRegistry({
      participants: [
        {
          code: '00009845',
          kind: 'ipress',
          name: 'A',
          status: 'active',
          certificateFiles: ['00009845.crt'],
        },
        {
          code: '10001',
          kind: 'iafas',
          name: 'SIS',
          status: 'active',
          spkiSha256: ['47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='],
          endpoint: { url: 'https://sis.example/fhir/', format: 'fhir', deadlineMs: 5000 },
        },
      ],
    });
    const registry = loadRegistry(file, pkiDir());
    const pin = spkiPin(readFileSync(path.join(pkiDir(), '00009845.crt')));
    expect(registry.findByPin(pin)?.code).toBe('00009845');
    expect(registry.findByCode('10001')?.endpoint).toEqual({
      url: 'https://sis.example/fhir',
      format: 'fhir',
      deadlineMs: 5000,
    });
  });

  it('names the file and every bad field, then stops', () => {
    const file = writeRegistry({
      participants: [
        { code: '123', kind: 'ipress', name: '', status: 'active', spkiSha256: ['nope'] },
        {
          code: '10001',
          kind: 'iafas',
          name: 'SIS',
          status: 'retired',
          certificateFiles: ['missing.crt'],
        },
        { code: '10001', kind: 'insurer', name: 'X', status: 'active', spkiSha256: [] },
      ],
    });
    let error: RegistryError | undefined;
    try {
      loadRegistry(file, pkiDir());
    } catch (err) {
      error = err as RegistryError;
    }
    expect(error).toBeInstanceOf(RegistryError);
    const problems = error?.problems.join('\n') ?? '';
    expect(problems).toContain(`${file}: participants[0].code`);
    expect(problems).toContain('participants[0].name: required');
    expect(problems).toContain('participants[0].spkiSha256[0]');
    expect(problems).toContain('participants[1].status');
    expect(problems).toContain('participants[1].certificateFiles[0]');
    expect(problems).toContain('participants[1].endpoint: required for an iafas');
    expect(problems).toContain('participants[2].kind');
    expect(problems).toContain('participants[2].code: duplicate code 10001');
  });

  it('takes each wire format with the URL schemes it can use', () => {
    const iafas = (code: string, endpoint: unknown) => ({
      code,
      kind: 'iafas',
      name: code,
      status: 'active',
      spkiSha256: [Buffer.alloc(32, code).toString('base64')],
      endpoint,
    });
    const ok = loadRegistry(
      writeRegistry({
        participants: [
          iafas('10001', { url: 'https://a.example/siteds', format: 'siteds', deadlineMs: 900 }),
          iafas('10002', { url: 'mllps://b.example:2575', format: 'hl7v2', deadlineMs: 900 }),
        ],
      }),
      pkiDir(),
    );
    expect(ok.findByCode('10002')?.endpoint?.format).toBe('hl7v2');
    const withRuc = (ruc: unknown) =>
      writeRegistry({
        participants: [
          {
            code: '00009845',
            kind: 'ipress',
            name: 'A',
            status: 'active',
            spkiSha256: [Buffer.alloc(32, 1).toString('base64')],
            ruc,
          },
        ],
      });
    expect(loadRegistry(withRuc('20999900001'), pkiDir()).findByCode('00009845')?.ruc).toBe(
      '20999900001',
    );
    expect(() => loadRegistry(withRuc('123'), pkiDir())).toThrow(
      /participants\[0\]\.ruc: must be an 11-digit RUC/,
    );
    const file = writeRegistry({
      participants: [
        iafas('10001', { url: 'mllps://a.example:2575', format: 'siteds', deadlineMs: 900 }),
        iafas('10002', { url: 'https://b.example', format: 'x12', deadlineMs: 900 }),
      ],
    });
    expect(() => loadRegistry(file, pkiDir())).toThrow(
      /participants\[0\]\.endpoint\.url: must be a https:\/\/ URL for format siteds[\s\S]*participants\[1\]\.endpoint\.format: must be one of fhir, siteds, hl7v2/,
    );
  });

  it('refuses a file that is not JSON, naming it', () => {
    const file = writeRegistry('x');
    writeFileSync(file, '{ nope');
    expect(() => loadRegistry(file, pkiDir())).toThrow(file);
  });

  it('the demo registry has two IPRESS and two IAFAS, SIS 10001 among them', () => {
    const subjects = readRegistrySubjects(
      path.join(PROJECT_ROOT, 'conformance/demo-registry.json'),
    );
    const codes = subjects.map((s) => s.code);
    expect(codes.filter((c) => /^\d{8}$/.test(c)).length).toBeGreaterThanOrEqual(2);
    expect(codes.filter((c) => /^\d{5}$/.test(c)).length).toBeGreaterThanOrEqual(2);
    expect(codes).toContain('10001');
    expect(codes).toContain('broker');
  });
});
