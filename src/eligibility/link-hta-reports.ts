import type {
  CodeableConcept,
  CoverageEligibilityResponse,
  CoverageEligibilityResponseInsuranceItem,
  DocumentReference,
  Extension,
} from 'fhir/r4.js';
import { HTA } from '../hta/hta-report.ts';
import type { Step } from '../pipeline/step.ts';

/** A technology as an answer item names it (`productOrService.coding`). */
export interface Technology {
  readonly system?: string;
  readonly code: string;
}

/** How the broker finds HTA reports: passed in (the HTA store), never a module singleton. */
export interface HtaReportLookup {
  /** The current report about a technology (never a superseded version), if any. */
  readonly findCurrent: (technology: Technology) => Promise<DocumentReference | undefined>;
  /** The HTA repository's public base, e.g. `https://hta.example.pe/hta` (no trailing slash). */
  readonly publicBase: () => string;
}

/** What the broker adds to an answer item: the current report, public and resolvable. */
export function reportReferenceOf(doc: DocumentReference, publicBase: string): Extension {
  const id = doc.id ?? '';
  const version = doc.extension?.find((e) => e.url === HTA.reportVersion)?.valueString;
  const label = [doc.identifier?.[0]?.value, version === undefined ? '' : `v${version}`]
    .filter((s) => s !== undefined && s !== '')
    .join(' ');
  const identifier = doc.identifier?.[0];
  return {
    url: HTA.reportReference,
    valueReference: {
      reference: `${publicBase}/fhir/DocumentReference/${id}`,
      type: 'DocumentReference',
      ...(identifier === undefined ? {} : { identifier }),
      display: `${label}: ${doc.description ?? ''} — ${publicBase}/reports/${id}`,
    },
  };
}

function technologiesOf(concept: CodeableConcept | undefined): Technology[] {
  return (concept?.coding ?? []).flatMap((c) =>
    c.code === undefined
      ? []
      : [c.system === undefined ? { code: c.code } : { system: c.system, code: c.code }],
  );
}

/** The first current report about any coding of the item (codings in the insurer's order). */
async function findReport(
  lookup: HtaReportLookup,
  item: CoverageEligibilityResponseInsuranceItem,
): Promise<{ technology: Technology; doc: DocumentReference } | undefined> {
  for (const technology of technologiesOf(item.productOrService)) {
    const doc = await lookup.findCurrent(technology);
    if (doc !== undefined) {
      return { technology, doc };
    }
  }
  return undefined;
}

/**
 * Links each `insurance.item` whose `productOrService` has a current HTA report (RENETSA) to
 * it: the `HtaReportReferencePe` extension (public FHIR URL of the DocumentReference, the
 * report's identifier, and its public page in `display`). The verdict `htaLink` records what
 * was looked up and linked. A changed answer is marked `answerAmended`: it goes out as the
 * broker's bytes, with the insurer's JWS and bytes kept as its origin. A failed lookup leaves
 * the insurer's answer unchanged (the verdict says so): the link is evidence, not eligibility.
 */
export function linkHtaReports(lookup: HtaReportLookup): Step {
  return async (x) => {
    const answer = x.answerResource as CoverageEligibilityResponse | undefined;
    if (answer?.resourceType !== 'CoverageEligibilityResponse') {
      return;
    }
    const coded = (answer.insurance ?? []).flatMap((ins, i) =>
      (ins.item ?? []).flatMap((item, j) =>
        technologiesOf(item.productOrService).length === 0
          ? []
          : [{ at: `insurance[${i}].item[${j}]`, item }],
      ),
    );
    if (coded.length === 0) {
      return;
    }
    let found: Awaited<ReturnType<typeof findReport>>[];
    try {
      found = await Promise.all(coded.map(({ item }) => findReport(lookup, item)));
    } catch (err) {
      x.verdicts.htaLink = { result: 'error', detail: `lookup failed: ${(err as Error).message}` };
      return;
    }
    const links: string[] = [];
    coded.forEach(({ at, item }, k) => {
      const hit = found[k];
      if (hit !== undefined && !alreadyLinked(item)) {
        item.extension = [
          ...(item.extension ?? []),
          reportReferenceOf(hit.doc, lookup.publicBase()),
        ];
        const t = hit.technology;
        links.push(`${at} ${t.system ?? ''}|${t.code} → DocumentReference/${hit.doc.id ?? '?'}`);
      }
    });
    x.verdicts.htaLink =
      links.length === 0
        ? { result: 'none', detail: `no current report for ${coded.map((c) => c.at).join(', ')}` }
        : { result: 'linked', detail: links.join('; ') };
    if (links.length > 0) {
      x.answerAmended = 'hta-link';
    }
  };
}

function alreadyLinked(item: CoverageEligibilityResponseInsuranceItem): boolean {
  return (item.extension ?? []).some((e) => e.url === HTA.reportReference);
}
