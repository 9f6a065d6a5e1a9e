import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/open-store.ts';
import { buildReport, type ReportInput } from '../build-report.ts';
import { HTA } from '../hta-report.ts';
import { insertBinary, publishReport } from '../store/report-store.ts';
import { writePdf } from './write-pdf.ts';

const MEMBER = {
  code: 'renetsa-demo',
  name: 'Unidad de Evaluación de Tecnologías Demo (miembro ficticio de RENETSA)',
};

type Seed = Omit<ReportInput, 'binaryId' | 'institution' | 'replaces'> & { readonly next?: Seed };

/** Clearly fictional reports: invented codes, institutions and conclusions. */
const SEEDS: readonly Seed[] = [
  {
    identifier: 'DEMO-ETS-2026-001',
    title: 'Informe ficticio: fármaco demostrativo A en artritis reumatoide moderada',
    technology: { system: HTA.atc, code: 'L04AB99', name: 'Demostramab (ficticio)' },
    indication: 'Adultos con artritis reumatoide moderada sin respuesta a metotrexato (ficticio)',
    recommendation: 'favorable-condicional',
    strength: 'condicional',
    docStatus: 'final',
    reportVersion: '1.0',
    date: '2026-02-10T15:00:00Z',
    next: {
      identifier: 'DEMO-ETS-2026-001',
      title:
        'Informe ficticio: fármaco demostrativo A en artritis reumatoide moderada (actualización)',
      technology: { system: HTA.atc, code: 'L04AB99', name: 'Demostramab (ficticio)' },
      indication: 'Adultos con artritis reumatoide moderada sin respuesta a metotrexato (ficticio)',
      recommendation: 'favorable',
      strength: 'fuerte',
      docStatus: 'amended',
      reportVersion: '2.0',
      date: '2026-09-15T15:00:00Z',
      validUntil: '2028-09-15T00:00:00Z',
    },
  },
  {
    identifier: 'DEMO-ETS-2026-002',
    title: 'Informe ficticio: procedimiento de ejemplo para cataratas en el primer nivel',
    technology: {
      system: HTA.cpms,
      code: '66984',
      name: 'Procedimiento quirúrgico de ejemplo (ficticio)',
    },
    indication:
      'Personas con catarata senil atendidas en establecimientos del primer nivel (ficticio)',
    recommendation: 'desfavorable',
    strength: 'condicional',
    docStatus: 'final',
    reportVersion: '1.0',
    date: '2026-05-20T15:00:00Z',
  },
  {
    identifier: 'DEMO-ETS-2026-003',
    title: 'Informe ficticio en consulta pública: medicamento B para enfermedad rara de ejemplo',
    technology: { system: HTA.digemid, code: 'DEMO-00042', name: 'Raramab (ficticio)' },
    indication: 'Niños con una enfermedad rara inventada para esta demostración',
    recommendation: 'sin-recomendacion',
    strength: 'condicional',
    docStatus: 'preliminary',
    reportVersion: '0.9',
    date: '2026-10-01T15:00:00Z',
  },
];

async function publishSeed(store: Store, seed: Seed, replaces?: string) {
  const binaryId = randomUUID();
  const pdf = writePdf({
    title: seed.title,
    paragraphs: [
      'DOCUMENTO FICTICIO - solo para la demostración del repositorio; no es una evaluación real.',
      `Código: ${seed.identifier} - versión ${seed.reportVersion}`,
      `Tecnología: ${seed.technology.name} (${seed.technology.code})`,
      `Indicación: ${seed.indication}`,
      `Recomendación: ${seed.recommendation} (${seed.strength})`,
      `Institución: ${MEMBER.name}`,
    ],
  });
  await insertBinary(
    store,
    { id: binaryId, contentType: 'application/pdf', bytes: pdf },
    'demo-seed',
  );
  const doc = buildReport({
    ...seed,
    binaryId,
    institution: MEMBER,
    ...(replaces === undefined ? {} : { replaces }),
  });
  const id = randomUUID();
  await publishReport(store, { ...doc, id }, 'demo-seed');
  return id;
}

/**
 * Publishes the demo reports once per database, straight into the repository tables: they are
 * fixtures, not a member's signed publications, so they are not message-log entries (the log's
 * tree holds only real exchanges) (the first process to claim `hta_demo_seed`
 * does it, so brokers starting together do not seed twice); returns how many.
 */
export async function seedDemoReports(store: Store): Promise<number> {
  const claimed = await store.query(
    'INSERT INTO hta_demo_seed (id) VALUES (1) ON CONFLICT DO NOTHING RETURNING id',
  );
  if (claimed.length === 0) {
    return 0;
  }
  let count = 0;
  for (const seed of SEEDS) {
    const first = await publishSeed(store, seed);
    count += 1;
    if (seed.next !== undefined) {
      await publishSeed(store, seed.next, first);
      count += 1;
    }
  }
  return count;
}
