import type { DocumentReference, Extension } from 'fhir/r4.js';
import { HTA } from './hta-report.ts';
import { escapeHtml } from './web/html.ts';

const RECOMMENDATIONS = {
  favorable: 'A favor / aprobado',
  'favorable-condicional': 'A favor con condiciones / aprobado con condiciones',
  desfavorable: 'En contra / no aprobado',
  'sin-recomendacion': 'Sin recomendación (evidencia insuficiente)',
} as const;

/** The facts of a report, as a member's system would hold them. */
export interface ReportInput {
  readonly identifier: string;
  readonly title: string;
  readonly technology: { readonly system: string; readonly code: string; readonly name: string };
  readonly indication: string;
  readonly recommendation: keyof typeof RECOMMENDATIONS;
  readonly strength: 'fuerte' | 'condicional';
  readonly institution: { readonly code: string; readonly name: string };
  readonly docStatus: 'preliminary' | 'final' | 'amended';
  readonly reportVersion: string;
  /** Publication date (ISO instant). */
  readonly date: string;
  readonly validUntil?: string;
  readonly binaryId: string;
  /** The report this one replaces (a new version). */
  readonly replaces?: string;
}

function reportExtensions(r: ReportInput): Extension[] {
  return [
    {
      url: HTA.technology,
      valueCodeableConcept: {
        coding: [{ system: r.technology.system, code: r.technology.code }],
        text: r.technology.name,
      },
    },
    { url: HTA.indication, valueCodeableConcept: { text: r.indication } },
    {
      url: HTA.recommendation,
      valueCodeableConcept: {
        coding: [
          {
            system: HTA.recommendationSystem,
            code: r.recommendation,
            display: RECOMMENDATIONS[r.recommendation],
          },
        ],
      },
    },
    { url: HTA.strength, valueCode: r.strength },
    { url: HTA.reportVersion, valueString: r.reportVersion },
  ];
}

/** The `HtaReportPe` DocumentReference for a report (without id: the server assigns it). */
export function buildReport(r: ReportInput): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    meta: { profile: [HTA.profile] },
    text: {
      status: 'generated',
      div: `<div xmlns="http://www.w3.org/1999/xhtml">${escapeHtml(r.title)}</div>`,
    },
    extension: reportExtensions(r),
    identifier: [{ system: `${HTA.institutionSystem}/${r.institution.code}`, value: r.identifier }],
    status: 'current',
    docStatus: r.docStatus,
    type: { coding: [{ system: HTA.documentTypeSystem, code: 'informe-ets' }] },
    date: r.date,
    custodian: {
      identifier: { system: HTA.institutionSystem, value: r.institution.code },
      display: r.institution.name,
    },
    description: r.title,
    ...(r.replaces === undefined
      ? {}
      : {
          relatesTo: [
            { code: 'replaces', target: { reference: `DocumentReference/${r.replaces}` } },
          ],
        }),
    content: [
      {
        attachment: {
          contentType: 'application/pdf',
          url: `Binary/${r.binaryId}`,
          title: `${r.identifier}.pdf`,
          creation: r.date,
        },
      },
    ],
    ...(r.validUntil === undefined
      ? {}
      : { context: { period: { start: r.date, end: r.validUntil } } }),
  };
}
