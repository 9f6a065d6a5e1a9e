import type { CodeableConcept, DocumentReference, Extension } from 'fhir/r4.js';

const BASE = 'https://siteds-broker.github.io/fhir';

/** Canonical URLs of the HTA profiles and extensions (`profiles/`). */
export const HTA = {
  profile: `${BASE}/StructureDefinition/HtaReportPe`,
  technology: `${BASE}/StructureDefinition/HtaTechnologyPe`,
  indication: `${BASE}/StructureDefinition/HtaIndicationPe`,
  recommendation: `${BASE}/StructureDefinition/HtaRecommendationPe`,
  strength: `${BASE}/StructureDefinition/HtaRecommendationStrengthPe`,
  reportVersion: `${BASE}/StructureDefinition/HtaReportVersionPe`,
  reportReference: `${BASE}/StructureDefinition/HtaReportReferencePe`,
  recommendationSystem: `${BASE}/CodeSystem/HtaRecommendationCS`,
  documentTypeSystem: `${BASE}/CodeSystem/HtaDocumentTypeCS`,
  /** Technology code systems: drugs by ATC or DIGEMID code, procedures by CPMS (MINSA). */
  atc: 'http://www.whocc.no/atc',
  digemid: `${BASE}/NamingSystem/digemid`,
  cpms: `${BASE}/NamingSystem/cpms`,
  /** Issuing institutions are identified by their registry participant code. */
  institutionSystem: `${BASE}/NamingSystem/participant`,
} as const;

/** What the repository indexes and the page shows of one report. */
export interface ReportSummary {
  readonly id: string;
  readonly title: string;
  readonly identifier: string;
  readonly status: string;
  readonly docStatus: string;
  readonly technology: { readonly system: string; readonly code: string; readonly name: string };
  readonly indication: string;
  readonly recommendation: { readonly code: string; readonly display: string };
  readonly strength: string;
  readonly reportVersion: string;
  readonly institution: { readonly id: string; readonly name: string };
  readonly date: string;
  readonly validUntil: string | undefined;
  readonly binaryId: string | undefined;
  readonly replaces: string | undefined;
}

function extension(doc: DocumentReference, url: string): Extension | undefined {
  return doc.extension?.find((e) => e.url === url);
}

function conceptOf(doc: DocumentReference, url: string): CodeableConcept | undefined {
  return extension(doc, url)?.valueCodeableConcept;
}

/** The id in a `Type/id` reference (or a relative URL ending so). */
export function idOf(reference: string | undefined, type: string): string | undefined {
  const m = new RegExp(`(?:^|/)${type}/([A-Za-z0-9\\-.]{1,64})$`).exec(reference ?? '');
  return m?.[1];
}

/**
 * Reads the indexed facts of a report that passed `HtaReportPe` validation (so the required
 * parts exist; missing optional parts become empty strings).
 */
export function summarizeReport(doc: DocumentReference): ReportSummary {
  const technology = conceptOf(doc, HTA.technology);
  const coding = technology?.coding?.find((c) => c.code !== undefined);
  const recommendation = conceptOf(doc, HTA.recommendation)?.coding?.[0];
  const replaces = doc.relatesTo?.find((r) => r.code === 'replaces')?.target.reference;
  return {
    id: doc.id ?? '',
    title: doc.description ?? '',
    identifier: doc.identifier?.[0]?.value ?? '',
    status: doc.status,
    docStatus: doc.docStatus ?? '',
    technology: {
      system: coding?.system ?? '',
      code: coding?.code ?? '',
      name: technology?.text ?? coding?.display ?? '',
    },
    indication: conceptOf(doc, HTA.indication)?.text ?? '',
    recommendation: {
      code: recommendation?.code ?? '',
      display: recommendation?.display ?? '',
    },
    strength: extension(doc, HTA.strength)?.valueCode ?? '',
    reportVersion: extension(doc, HTA.reportVersion)?.valueString ?? '',
    institution: {
      id: doc.custodian?.identifier?.value ?? '',
      name: doc.custodian?.display ?? '',
    },
    date: doc.date ?? '',
    validUntil: doc.context?.period?.end,
    binaryId: idOf(doc.content[0]?.attachment.url, 'Binary'),
    replaces: idOf(replaces, 'DocumentReference'),
  };
}

/** Lower case without accents, for `_text` search (`Evaluación` finds `evaluacion`). */
export function searchableText(...parts: readonly string[]): string {
  return parts.join(' ').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
