import type { Identifier } from 'fhir/r4.js';
import type { MappingSet } from '../../../mapping/load-mappings.ts';
import type { MappingIssue } from '../../../mapping/mapping-issue.ts';
import { FHIR_BASE, SYSTEMS } from '../../fhir/identifier-systems.ts';
import type { Hl7Cx } from './rqi-model.ts';

const CM = `${FHIR_BASE}/ConceptMap`;
const TO_0203 = `${CM}/IdentityDocumentTypeToV2IdentifierTypeCM`;
const TO_SYSTEM = `${CM}/IdentityDocumentTypeToNamingSystemCM`;
export const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
/** Assigning authorities written for Peru's identity documents (domain.md §4.1). */
const AUTHORITY: Readonly<Record<string, string>> = { [SYSTEMS.dni]: 'RENIEC' };

/**
 * PID-3 repetitions → Patient.identifier. An identity document type (table 0203: NI, PPN, PRC)
 * goes through the SITEDS document type (IdentityDocumentTypeToV2IdentifierTypeCM read back) to
 * its NamingSystem (IdentityDocumentTypeToNamingSystemCM): `NI` → the DNI system. Other types
 * (MR, …) get `urn:oid:` of CX.4 as system when it is an ISO OID, their type reported lost
 * (PatientPe binds identifier.type to identity documents); without an OID they are reported
 * `untranslated` and left out.
 */
export function cxToIdentifiers(
  cxs: readonly Hl7Cx[],
  mappings: MappingSet,
  issues: MappingIssue[],
): Identifier[] {
  const translate = mappings.translate;
  return cxs.flatMap((cx, i): Identifier[] => {
    const path = i === 0 ? 'PID-3' : `PID-3(${i + 1})`;
    const document =
      cx.type === undefined ? undefined : translate(TO_0203, cx.type, 'target-to-source');
    const system =
      document?.status === 'mapped'
        ? translate(TO_SYSTEM, document.code, 'source-to-target')
        : undefined;
    if (system?.status === 'mapped') {
      return [{ system: system.code, value: cx.value }];
    }
    if (cx.authorityIdType === 'ISO' && cx.authorityId !== undefined) {
      issues.push({
        kind: 'lossy',
        severity: 'warning',
        path: `${path}.5`,
        message: `${path}: identifier type ${cx.type ?? '(none)'} not kept (PatientPe binds identifier.type to identity documents); system urn:oid:${cx.authorityId}`,
        value: cx.type,
      });
      return [{ system: `urn:oid:${cx.authorityId}`, value: cx.value }];
    }
    issues.push({
      kind: 'untranslated',
      severity: 'warning',
      path,
      message: `${path}: identifier type ${cx.type ?? '(none)'} is not an identity document and CX.4 has no ISO OID: not mapped`,
      conceptMap: TO_0203,
      ...(cx.type === undefined ? {} : { code: cx.type }),
      value: cx.value,
    });
    return [];
  });
}

/** Patient.identifier → PID-3 repetitions (the inverse of `cxToIdentifiers`). */
export function identifiersToCx(
  identifiers: readonly Identifier[],
  mappings: MappingSet,
  issues: MappingIssue[],
): Hl7Cx[] {
  const translate = mappings.translate;
  const out: Hl7Cx[] = [];
  identifiers.forEach((id, i) => {
    const path = `Patient.identifier[${i}]`;
    if (id.value === undefined) {
      issues.push({ kind: 'unmapped', severity: 'warning', path, message: `${path} has no value` });
      return;
    }
    const document =
      id.system === undefined ? undefined : translate(TO_SYSTEM, id.system, 'target-to-source');
    const type =
      document?.status === 'mapped'
        ? translate(TO_0203, document.code, 'source-to-target')
        : undefined;
    if (type?.status === 'mapped' && id.system !== undefined) {
      const authority = AUTHORITY[id.system];
      out.push({
        value: id.value,
        type: type.code,
        ...(authority === undefined ? {} : { authority }),
      });
      return;
    }
    const v2Type = id.type?.coding?.find((c) => c.system === V2_0203)?.code;
    const oid = id.system?.startsWith('urn:oid:') === true ? id.system.slice(8) : undefined;
    if (id.system !== undefined && oid === undefined) {
      issues.push({
        kind: 'lossy',
        severity: 'warning',
        path,
        message: `${path}: system ${id.system} has no HL7 v2 assigning authority; sent without it`,
        value: id.value,
      });
    }
    out.push({
      value: id.value,
      ...(v2Type === undefined ? {} : { type: v2Type }),
      ...(oid === undefined ? {} : { authorityId: oid, authorityIdType: 'ISO' }),
    });
  });
  return out;
}
