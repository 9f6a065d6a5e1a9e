import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeSystem, StructureDefinition, ValueSet } from 'fhir/r4.js';

/** The folder of the project's published profiles, CodeSystems and ValueSets. */
export const PROFILES_DIR = fileURLToPath(new URL('../../profiles/', import.meta.url));

/** A conformance resource this validator loads from `profiles/`. */
export type ProfileResource = StructureDefinition | ValueSet | CodeSystem;

/** One file of `profiles/` and what it holds. */
export interface ProfileFile {
  readonly file: string;
  readonly resource: ProfileResource;
}

/** The FHIR package manifest `profiles/package.json`. */
export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly canonical: string;
  readonly fhirVersions: readonly string[];
}

const KINDS: ReadonlySet<string> = new Set(['StructureDefinition', 'ValueSet', 'CodeSystem']);

/**
 * Reads every `StructureDefinition-*.json`, `ValueSet-*.json` and `CodeSystem-*.json` in `dir`,
 * sorted by file name. A file that is not one of those resources stops the load, naming it.
 */
export function readProfileFiles(dir: string = PROFILES_DIR): ProfileFile[] {
  const files = readdirSync(dir)
    .filter((f) => /^(StructureDefinition|ValueSet|CodeSystem)-.+\.json$/.test(f))
    .sort();
  return files.map((f) => {
    const file = path.join(dir, f);
    const resource = JSON.parse(readFileSync(file, 'utf8')) as { resourceType?: unknown };
    if (typeof resource.resourceType !== 'string' || !KINDS.has(resource.resourceType)) {
      throw new Error(`${file}: not a StructureDefinition, ValueSet or CodeSystem`);
    }
    return { file, resource: resource as ProfileResource };
  });
}

/** Reads `package.json` of the profiles folder. */
export function readPackageManifest(dir: string = PROFILES_DIR): PackageManifest {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageManifest;
}
