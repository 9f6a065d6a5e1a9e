import type {
  Bundle,
  Coding,
  Coverage,
  CoverageEligibilityRequest,
  Organization,
  Patient,
} from 'fhir/r4.js';
import { SYSTEMS } from '../formats/fhir/identifier-systems.ts';
import { HTA } from '../hta/hta-report.ts';

/** Short names of the technology code systems `--service` accepts (`ATC:L04AB02`). */
export const SERVICE_SYSTEMS: Readonly<Record<string, string>> = {
  ATC: HTA.atc,
  DIGEMID: HTA.digemid,
  CPMS: HTA.cpms,
};

/**
 * A product or service code as a person types it: `ATC:L04AB02`, `CPMS:66984`,
 * `DIGEMID:DEMO-00042`, or `system|code` with any system URI; undefined when it is neither.
 */
export function parseServiceCode(text: string): Coding | undefined {
  const bar = text.indexOf('|');
  if (bar > 0) {
    const [system, code] = [text.slice(0, bar), text.slice(bar + 1)];
    return /^[a-z][a-z0-9+.-]*:\S+$/i.test(system) && /^\S+$/.test(code)
      ? { system, code }
      : undefined;
  }
  const m = /^([A-Za-z]+):(\S+)$/.exec(text);
  const system = m === null ? undefined : SERVICE_SYSTEMS[m[1]?.toUpperCase() ?? ''];
  return system === undefined || m?.[2] === undefined ? undefined : { system, code: m[2] };
}

export interface CheckRequest {
  /** RENIPRESS code of the asking IPRESS. */
  readonly ipress: string;
  /** SUSALUD code of the insurer asked. */
  readonly iafas: string;
  readonly dni: string;
  readonly id?: string;
  readonly now?: Date;
  /** A product or service asked about (`item.productOrService`), e.g. an ATC code. */
  readonly service?: Coding | undefined;
}

/**
 * What an IPRESS sends: a `Bundle` (collection) holding the `CoverageEligibilityRequest` with
 * its `Patient` (DNI), `Coverage` and both `Organization`s (IPRESS by RENIPRESS code, IAFAS by
 * SUSALUD code), referenced by `urn:uuid` full URLs; with `service`, one item asking about it.
 */
export function buildEligibilityRequest(req: CheckRequest): Bundle {
  const id = req.id ?? crypto.randomUUID();
  const today = (req.now ?? new Date()).toISOString();
  const [pat, prov, ins, cov] = [0, 1, 2, 3].map(() => `urn:uuid:${crypto.randomUUID()}`) as [
    string,
    string,
    string,
    string,
  ];
  const request: CoverageEligibilityRequest = {
    resourceType: 'CoverageEligibilityRequest',
    id,
    status: 'active',
    purpose: ['validation', 'benefits'],
    patient: { reference: pat },
    created: today,
    servicedDate: today.slice(0, 10),
    provider: { reference: prov },
    insurer: { reference: ins },
    insurance: [{ focal: true, coverage: { reference: cov } }],
    ...(req.service === undefined
      ? {}
      : { item: [{ productOrService: { coding: [req.service] } }] }),
  };
  const patient: Patient = {
    resourceType: 'Patient',
    identifier: [{ system: SYSTEMS.dni, value: req.dni }],
  };
  const provider: Organization = {
    resourceType: 'Organization',
    identifier: [{ system: SYSTEMS.renipress, value: req.ipress }],
  };
  const insurer: Organization = {
    resourceType: 'Organization',
    identifier: [{ system: SYSTEMS.iafas, value: req.iafas }],
  };
  const coverage: Coverage = {
    resourceType: 'Coverage',
    status: 'active',
    // Demo affiliate codes are the IAFAS code followed by the DNI; SITEDS insurers need one.
    identifier: [{ system: SYSTEMS.affiliateCode, value: `${req.iafas}${req.dni}` }],
    beneficiary: { reference: pat },
    payor: [{ reference: ins }],
  };
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: `urn:uuid:${id}`, resource: request },
      { fullUrl: pat, resource: patient },
      { fullUrl: prov, resource: provider },
      { fullUrl: ins, resource: insurer },
      { fullUrl: cov, resource: coverage },
    ],
  };
}
