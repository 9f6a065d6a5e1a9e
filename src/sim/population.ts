import { readFileSync } from 'node:fs';
import { deepFreeze } from '../config/load-config.ts';

/** One synthetic insured person of the demo population. */
export interface InsuredPerson {
  readonly iafas: string;
  readonly dni: string;
  readonly given: string;
  readonly family: string;
  readonly birthDate: string;
  readonly coverage: 'active' | 'inactive';
  readonly plan: { readonly code: string; readonly name: string };
  readonly period: { readonly start: string; readonly end: string };
  /** Fixed copay per visit in soles, and the percentage the patient pays. */
  readonly copay: { readonly amountPen: number; readonly percent: number };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Loads and checks `conformance/demo-population.json`; any bad entry stops start-up with its index. */
export function loadPopulation(file: string): readonly InsuredPerson[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(doc)) {
    throw new Error(`${file}: must be a JSON array of insured persons`);
  }
  const problems = doc.flatMap((p: Record<string, unknown>, i) =>
    checkPerson(p).map((msg) => `[${i}].${msg}`),
  );
  if (problems.length > 0) {
    throw new Error(`${file}: invalid demo population:\n  - ${problems.join('\n  - ')}`);
  }
  return deepFreeze(doc as InsuredPerson[]);
}

function checkPerson(p: Record<string, unknown>): string[] {
  const plan = p.plan as Record<string, unknown> | undefined;
  const period = p.period as Record<string, unknown> | undefined;
  const copay = p.copay as Record<string, unknown> | undefined;
  const checks: [boolean, string][] = [
    [typeof p.iafas === 'string' && /^\d{5}$/.test(p.iafas), 'iafas: 5-digit SUSALUD code'],
    [typeof p.dni === 'string' && /^\d{8}$/.test(p.dni), 'dni: 8 digits'],
    [typeof p.given === 'string' && p.given !== '', 'given: required'],
    [typeof p.family === 'string' && p.family !== '', 'family: required'],
    [typeof p.birthDate === 'string' && DATE.test(p.birthDate), 'birthDate: YYYY-MM-DD'],
    [p.coverage === 'active' || p.coverage === 'inactive', 'coverage: active or inactive'],
    [typeof plan?.code === 'string' && typeof plan.name === 'string', 'plan: {code, name}'],
    [typeof period?.start === 'string' && typeof period.end === 'string', 'period: {start, end}'],
    [
      typeof copay?.amountPen === 'number' && typeof copay.percent === 'number',
      'copay: {amountPen, percent}',
    ],
  ];
  return checks.filter(([ok]) => !ok).map(([, msg]) => msg);
}
